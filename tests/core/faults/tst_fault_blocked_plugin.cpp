// A connector whose start() blocks for 60 s (blocking_plugin.cpp, loaded from plugin.path) must not
// hold up anything else in the headless worker: another FileStreamSource keeps moving records into
// its topic and GET /connectors and GET /connectors/<other>/status answer in under 500 ms, the
// bound issue #5 sets; a GET on the blocked connector's own status answers or times out with
// Apache's 500 message (spec connect-rest-api.md, request timeouts). And a task whose poll() blocks
// must not hold back the commit of offsets its records already got acknowledged for, nor must a
// paused task (records acknowledged after the pause are committed while it stays PAUSED).
#include "fault_support.h"
#include "harness_env.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace connectdesk::faults;
using namespace Qt::StringLiterals;

class TestFaultBlockedPlugin : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bootstrap;
    QNetworkAccessManager m_network;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // The stored offset {"n":..} of the blocking task's one source partition in the worker's
    // offsets file, or -1.
    static qint64 storedN(const QString& offsetsFile, const QString& connector)
    {
        QFile f(offsetsFile);
        if (!f.open(QIODevice::ReadOnly)) {
            return -1;
        }
        for (const QJsonValue& row :
             QJsonDocument::fromJson(f.readAll()).object().value(u"offsets"_s).toArray()) {
            const QJsonArray key =
                QJsonDocument::fromJson(row.toObject().value(u"key"_s).toString().toUtf8()).array();
            if (key.size() == 2 && key.at(0).toString() == connector) {
                return qint64(QJsonDocument::fromJson(row.toObject().value(u"value"_s).toString().toUtf8())
                                  .object()
                                  .value(u"n"_s)
                                  .toDouble(-1));
            }
        }
        return -1;
    }

    // One figure of the connector's task 0 from GET /connectdesk/metrics (source-task-metrics), or -1.
    double sourceMetric(const QString& rest, const QString& connector, const QString& name)
    {
        const HttpReply r = http(m_network, "GET", rest + u"/connectdesk/metrics"_s, {}, 10000);
        if (r.status != 200) {
            return -1;
        }
        for (const QJsonValue& t : QJsonDocument::fromJson(r.body).object().value(u"tasks"_s).toArray()) {
            if (t[u"connector"_s].toString() == connector && t[u"task"_s].toInt() == 0) {
                return t[u"metrics"_s][u"source-task-metrics"_s][name].toDouble(-1);
            }
        }
        return -1;
    }

    QString taskState(const QString& rest, const QString& connector)
    {
        const HttpReply r =
            http(m_network, "GET", rest + u"/connectors/"_s + connector + u"/status"_s, {}, 10000);
        const QJsonArray tasks = QJsonDocument::fromJson(r.body).object().value(u"tasks"_s).toArray();
        return r.status == 200 && !tasks.isEmpty() ? tasks.at(0)[u"state"_s].toString() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bootstrap = connectdesk::testing::harnessValue(u"KAFKA_BOOTSTRAP"_s);
        QVERIFY2(!m_bootstrap.isEmpty(), "KAFKA_BOOTSTRAP not set: run through ctest (fixture kafka)");
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        qInfo("work dir %s", qPrintable(m_dir.path()));
    }

    void blockedStartBlocksNothingElse()
    {
        constexpr int kRounds = 50;
        constexpr int kLinesPerRound = 100;
        constexpr double kBoundMs = 500;
        const QString topic = u"faults-blocked-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        KafkaClient kafka(m_bootstrap.toStdString());
        const std::string created = kafka.createTopic(topic.toStdString());
        QVERIFY2(created.empty(), created.c_str());

        const int port = freePort();
        const QString rest = u"http://127.0.0.1:%1"_s.arg(port);
        auto props = baseWorkerProperties(m_dir.path(), m_bootstrap, port,
                                          {QStringLiteral(CONNECTDESK_FAULTS_BLOCKING_PLUGIN_DIR)});
        // Apache's 90 s request timeout, shortened so a request that needs the blocked connector
        // shows its timeout answer within the test's time.
        props[u"connectdesk.rest.request.timeout.ms"_s] = u"3000"_s;
        writeProperties(path(u"worker.properties"_s), props);
        WorkerProcess worker(path(u"worker.properties"_s), {}, path(u"worker.log"_s));
        QVERIFY(worker.start());
        QVERIFY2(waitForRest(m_network, rest, 60000), worker.logTail().constData());

        const QString input = path(u"in.txt"_s);
        QFile in(input);
        QVERIFY(in.open(QIODevice::WriteOnly | QIODevice::Truncate));
        int written = 0;
        const auto append = [&](int count) {
            for (int i = 0; i < count; ++i, ++written) {
                in.write("moving-" + QByteArray::number(written) + '\n');
            }
            in.flush();
        };
        append(kLinesPerRound);
        const QJsonObject mover{{u"name"_s, u"mover"_s},
                                {u"config"_s, QJsonObject{{u"connector.class"_s, u"FileStreamSource"_s},
                                                          {u"file"_s, input},
                                                          {u"topic"_s, topic}}}};
        const HttpReply moverCreated =
            http(m_network, "POST", rest + u"/connectors"_s, QJsonDocument(mover).toJson());
        QVERIFY2(moverCreated.status == 201, moverCreated.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(kafka.endOffsets(topic.toStdString()).value_or(-1), std::int64_t{written},
                                  30000);

        const QString marker = path(u"blocking.started"_s);
        const QJsonObject blocking{
            {u"name"_s, u"blocked"_s},
            {u"config"_s,
             QJsonObject{{u"connector.class"_s, u"com.connectdesk.test.faults.BlockingSourceConnector"_s},
                         {u"block.ms"_s, u"60000"_s},
                         {u"marker.file"_s, marker}}}};
        const HttpReply blockedCreated =
            http(m_network, "POST", rest + u"/connectors"_s, QJsonDocument(blocking).toJson(), 10000);
        qInfo("POST /connectors of the blocking connector: %d in %.1f ms", blockedCreated.status,
              blockedCreated.elapsedMs);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(marker), 30000);
        QElapsedTimer blockedFor;
        blockedFor.start();

        double maxList = 0;
        double maxStatus = 0;
        std::vector<std::int64_t> progress;
        int blockedAnswers = 0;
        int blockedTimeouts = 0;
        QByteArray blockedState;
        for (int round = 0; round < kRounds; ++round) {
            append(kLinesPerRound);
            const HttpReply list = http(m_network, "GET", rest + u"/connectors"_s, {}, 10000);
            QVERIFY2(list.status == 200, qPrintable(list.error + QString::fromUtf8(list.body)));
            const QJsonArray names = QJsonDocument::fromJson(list.body).array();
            QVERIFY(names.contains(u"mover"_s) && names.contains(u"blocked"_s));
            const HttpReply status = http(m_network, "GET", rest + u"/connectors/mover/status"_s, {}, 10000);
            QVERIFY2(status.status == 200, qPrintable(status.error + QString::fromUtf8(status.body)));
            QCOMPARE(QJsonDocument::fromJson(status.body)
                         .object()
                         .value(u"connector"_s)
                         .toObject()
                         .value(u"state"_s)
                         .toString(),
                     u"RUNNING"_s);
            maxList = std::max(maxList, list.elapsedMs);
            maxStatus = std::max(maxStatus, status.elapsedMs);
            if (round % 10 == 0) {
                const HttpReply b = http(m_network, "GET", rest + u"/connectors/blocked/status"_s, {}, 10000);
                if (b.status == 200) {
                    ++blockedAnswers;
                    blockedState = QJsonDocument::fromJson(b.body)
                                       .object()
                                       .value(u"connector"_s)
                                       .toObject()
                                       .value(u"state"_s)
                                       .toString()
                                       .toUtf8();
                } else {
                    const QString message =
                        QJsonDocument::fromJson(b.body).object().value(u"message"_s).toString();
                    QVERIFY2(b.status == 500 && message.startsWith(u"Request timed out"_s),
                             qPrintable(u"%1 %2 %3"_s.arg(b.status).arg(b.error, QString::fromUtf8(b.body))));
                    ++blockedTimeouts;
                }
                progress.push_back(kafka.endOffsets(topic.toStdString()).value_or(-1));
            }
            QTest::qWait(100); // pacing: spread the rounds over the block, not a synchronisation
        }
        // All appended lines reach the topic while start() of the other connector still blocks.
        QTRY_COMPARE_WITH_TIMEOUT(kafka.endOffsets(topic.toStdString()).value_or(-1), std::int64_t{written},
                                  10000);
        const qint64 blockedMs = blockedFor.elapsed();
        QVERIFY2(!QFile::exists(marker + u".returned"_s) && blockedMs < 30000,
                 "the blocking start() returned (or the herder gave up on it) before the checks ended");
        QString samples;
        for (const auto p : progress) {
            samples += QString::number(p) + u' ';
        }
        qInfo("while start() blocked (%lld ms): %d x GET /connectors max %.1f ms, %d x GET "
              "/connectors/mover/status max %.1f ms; topic end offsets sampled: %s(of %d lines); blocked "
              "connector status: %d answered (state %s), %d timed out with Apache's message",
              static_cast<long long>(blockedMs), kRounds, maxList, kRounds, maxStatus, qPrintable(samples),
              written, blockedAnswers, blockedState.constData(), blockedTimeouts);
        QVERIFY2(std::is_sorted(progress.begin(), progress.end()) && progress.back() > progress.front(),
                 "records did not keep arriving while the other connector blocked");
        QVERIFY2(maxList < kBoundMs, qPrintable(u"GET /connectors took %1 ms"_s.arg(maxList)));
        QVERIFY2(maxStatus < kBoundMs,
                 qPrintable(u"GET /connectors/mover/status took %1 ms"_s.arg(maxStatus)));
        in.close();

        // Deleting the blocked connector needs its stage: it answers or times out with Apache's
        // message, and everything else keeps answering meanwhile.
        const HttpReply deleted = http(m_network, "DELETE", rest + u"/connectors/blocked"_s, {}, 10000);
        qInfo("DELETE /connectors/blocked while start() blocks: %d in %.1f ms %s", deleted.status,
              deleted.elapsedMs, deleted.body.constData());
        QVERIFY2(deleted.status == 204 || (deleted.status == 500 && QJsonDocument::fromJson(deleted.body)
                                                                        .object()
                                                                        .value(u"message"_s)
                                                                        .toString()
                                                                        .startsWith(u"Request timed out"_s)),
                 qPrintable(
                     u"%1 %2 %3"_s.arg(deleted.status).arg(deleted.error, QString::fromUtf8(deleted.body))));
        const HttpReply afterDelete = http(m_network, "GET", rest + u"/connectors/mover/status"_s, {}, 10000);
        QVERIFY2(afterDelete.status == 200 && afterDelete.elapsedMs < kBoundMs,
                 qPrintable(u"%1 in %2 ms"_s.arg(afterDelete.status).arg(afterDelete.elapsedMs)));

        // SIGTERM while the plugin thread still sleeps in start(): the worker shuts down within
        // task.shutdown.graceful.timeout.ms (5 s) plus slack instead of waiting for the plugin.
        QElapsedTimer stopping;
        stopping.start();
        const bool clean = worker.terminate(20000);
        qInfo("SIGTERM with start() still blocked: %s after %lld ms", clean ? "exited" : "killed after 20 s",
              static_cast<long long>(stopping.elapsed()));
        QVERIFY(!QFile::exists(marker + u".returned"_s));
        QVERIFY2(clean && stopping.elapsed() < 15000, worker.logTail().constData());
    }

    // Apache commits source offsets from a scheduler thread every offset.flush.interval.ms, whatever
    // poll() is doing (SourceTaskOffsetCommitter; spec connect-data-and-config.md §6.3 step 6), so
    // acknowledged records are committed while the next poll() blocks and a crash then repeats
    // nothing. The task here returns 100 records once and then blocks 10 s in every poll().
    void acknowledgedOffsetsCommitWhilePollBlocks()
    {
        constexpr int kRecords = 100;
        const QString topic = u"faults-pollblock-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        KafkaClient kafka(m_bootstrap.toStdString());
        const std::string created = kafka.createTopic(topic.toStdString());
        QVERIFY2(created.empty(), created.c_str());
        const int port = freePort();
        const QString rest = u"http://127.0.0.1:%1"_s.arg(port);
        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        auto props = baseWorkerProperties(dir.path(), m_bootstrap, port,
                                          {QStringLiteral(CONNECTDESK_FAULTS_BLOCKING_PLUGIN_DIR)});
        props[u"offset.flush.interval.ms"_s] = u"200"_s;
        writeProperties(dir.filePath(u"worker.properties"_s), props);
        WorkerProcess worker(dir.filePath(u"worker.properties"_s), {}, dir.filePath(u"worker.log"_s));
        QVERIFY(worker.start());
        QVERIFY2(waitForRest(m_network, rest, 60000), worker.logTail().constData());
        const QJsonObject connector{
            {u"name"_s, u"poll-blocker"_s},
            {u"config"_s,
             QJsonObject{{u"connector.class"_s, u"com.connectdesk.test.faults.BlockingSourceConnector"_s},
                         {u"block.ms"_s, u"0"_s},
                         {u"topic"_s, topic},
                         {u"records"_s, QString::number(kRecords)},
                         {u"poll.block.ms"_s, u"10000"_s}}}};
        const HttpReply createdConnector =
            http(m_network, "POST", rest + u"/connectors"_s, QJsonDocument(connector).toJson());
        QVERIFY2(createdConnector.status == 201, createdConnector.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(kafka.endOffsets(topic.toStdString()).value_or(-1), std::int64_t{kRecords},
                                  30000);
        QElapsedTimer sinceAcked;
        sinceAcked.start();

        const QString offsetsFile = dir.filePath(u"worker.offsets"_s);
        const auto committedN = [&offsetsFile] { return storedN(offsetsFile, u"poll-blocker"_s); };
        // 3 s is 15 flush intervals; the blocked poll() returns only after 10 s.
        while (committedN() != kRecords && sinceAcked.elapsed() < 3000) {
            QTest::qWait(50);
        }
        const qint64 storedWithinWindow = committedN();
        qInfo(
            "within the 3 s window (poll() blocks 10 s) the stored offset is n=%lld, read %lld ms after the "
            "%d records were acknowledged",
            static_cast<long long>(storedWithinWindow), static_cast<long long>(sinceAcked.elapsed()),
            kRecords);
        QCOMPARE(storedWithinWindow, qint64{kRecords});
        // Once poll() returns, the commit comes (the same assertion without the block).
        QTRY_COMPARE_WITH_TIMEOUT(committedN(), qint64{kRecords}, 30000);
        qInfo("the offset n=%d was stored %lld ms after the acknowledgement", kRecords,
              static_cast<long long>(sinceAcked.elapsed()));
        worker.kill();
    }

    // Apache keeps committing a paused source task's offsets (the committer runs whatever the task
    // thread does): records acknowledged only after the task paused are committed while it stays
    // PAUSED. producer.override.linger.ms holds the sent batch in the producer for 5 s, so the pause
    // comes between the send and the acknowledgement.
    void acknowledgedOffsetsCommitWhilePaused()
    {
        constexpr int kRecords = 100;
        const QString name = u"pause-acker"_s;
        const QString topic = u"faults-pauseack-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        KafkaClient kafka(m_bootstrap.toStdString());
        const std::string created = kafka.createTopic(topic.toStdString());
        QVERIFY2(created.empty(), created.c_str());
        const int port = freePort();
        const QString rest = u"http://127.0.0.1:%1"_s.arg(port);
        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        auto props = baseWorkerProperties(dir.path(), m_bootstrap, port,
                                          {QStringLiteral(CONNECTDESK_FAULTS_BLOCKING_PLUGIN_DIR)});
        props[u"offset.flush.interval.ms"_s] = u"200"_s;
        writeProperties(dir.filePath(u"worker.properties"_s), props);
        WorkerProcess worker(dir.filePath(u"worker.properties"_s), {}, dir.filePath(u"worker.log"_s));
        QVERIFY(worker.start());
        QVERIFY2(waitForRest(m_network, rest, 60000), worker.logTail().constData());
        const QJsonObject connector{
            {u"name"_s, name},
            {u"config"_s,
             QJsonObject{{u"connector.class"_s, u"com.connectdesk.test.faults.BlockingSourceConnector"_s},
                         {u"block.ms"_s, u"0"_s},
                         {u"topic"_s, topic},
                         {u"records"_s, QString::number(kRecords)},
                         {u"poll.block.ms"_s, u"100"_s},
                         {u"producer.override.linger.ms"_s, u"5000"_s}}}};
        const HttpReply createdConnector =
            http(m_network, "POST", rest + u"/connectors"_s, QJsonDocument(connector).toJson());
        QVERIFY2(createdConnector.status == 201, createdConnector.body.constData());
        // The task polled and sent its batch; the producer still lingers on it.
        QTRY_COMPARE_WITH_TIMEOUT(sourceMetric(rest, name, u"source-record-poll-total"_s), double{kRecords},
                                  30000);
        const HttpReply paused = http(m_network, "PUT", rest + u"/connectors/"_s + name + u"/pause"_s);
        QCOMPARE(paused.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(taskState(rest, name), u"PAUSED"_s, 10000);
        const std::int64_t inTopicAtPause = kafka.endOffsets(topic.toStdString()).value_or(-1);
        const qint64 storedAtPause = storedN(dir.filePath(u"worker.offsets"_s), name);
        // Precondition, not the check: the acknowledgement comes after the pause.
        QVERIFY2(inTopicAtPause < kRecords && storedAtPause < kRecords,
                 qPrintable(u"the batch was acknowledged before the task paused (%1 in the topic, n=%2 "
                            u"stored): linger.ms did not hold it"_s.arg(inTopicAtPause)
                                .arg(storedAtPause)));
        QTRY_COMPARE_WITH_TIMEOUT(kafka.endOffsets(topic.toStdString()).value_or(-1), std::int64_t{kRecords},
                                  30000);
        QElapsedTimer sinceAcked;
        sinceAcked.start();
        // 3 s is 15 flush intervals.
        while (storedN(dir.filePath(u"worker.offsets"_s), name) != kRecords && sinceAcked.elapsed() < 3000) {
            QTest::qWait(50);
        }
        const qint64 stored = storedN(dir.filePath(u"worker.offsets"_s), name);
        const QString stateAfter = taskState(rest, name);
        qInfo("paused with %lld of %d records in the topic and n=%lld stored; after the acknowledgement, "
              "while %s: n=%lld stored, read %lld ms after the last record reached the topic",
              static_cast<long long>(inTopicAtPause), kRecords, static_cast<long long>(storedAtPause),
              qPrintable(stateAfter), static_cast<long long>(stored),
              static_cast<long long>(sinceAcked.elapsed()));
        QCOMPARE(stored, qint64{kRecords});
        QCOMPARE(stateAfter, u"PAUSED"_s);
        QCOMPARE(sourceMetric(rest, name, u"source-record-write-total"_s), double{kRecords});
        worker.kill();
    }
};

QTEST_GUILESS_MAIN(TestFaultBlockedPlugin)
#include "tst_fault_blocked_plugin.moc"
