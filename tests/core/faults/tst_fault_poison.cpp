// Poison records (values that are not JSON) consumed by a FileStreamSink with JsonConverter in the
// headless worker: with errors.tolerance=all they go to the dead-letter queue with Connect's
// context headers, with errors.tolerance=none the task fails with a trace and recovers once the
// cause is fixed and the task restarted through REST (issue #4; spec connect-data-and-config.md
// §5.2–5.3).
#include "fault_support.h"
#include "harness_env.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <set>
#include <vector>

using namespace connectdesk::faults;
using namespace Qt::StringLiterals;

namespace {

constexpr int kRecords = 1000;

QByteArray validValue(int i)
{
    return "\"rec-" + QByteArray::number(i).rightJustified(4, '0') + '"';
}

// What FileStreamSink writes for a valid record read through JsonConverter: the string itself.
QByteArray sinkLine(int i)
{
    return "rec-" + QByteArray::number(i).rightJustified(4, '0');
}

QByteArray poisonValue(int i)
{
    return "rec-" + QByteArray::number(i) + " {this is not json";
}

std::vector<QByteArray> values(const std::set<int>& poison)
{
    std::vector<QByteArray> out;
    for (int i = 0; i < kRecords; ++i) {
        out.push_back(poison.count(i) != 0 ? poisonValue(i) : validValue(i));
    }
    return out;
}

QJsonObject object(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class TestFaultPoison : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bootstrap;
    QString m_rest;
    QNetworkAccessManager m_network;
    std::unique_ptr<WorkerProcess> m_worker;
    std::unique_ptr<KafkaClient> m_kafka;
    std::string m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString();

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QJsonObject sinkConfig(const QString& topic, const QString& file, const QString& tolerance) const
    {
        return QJsonObject{{u"connector.class"_s, u"FileStreamSink"_s},
                           {u"tasks.max"_s, u"1"_s},
                           {u"topics"_s, topic},
                           {u"file"_s, file},
                           {u"value.converter"_s, u"org.apache.kafka.connect.json.JsonConverter"_s},
                           {u"value.converter.schemas.enable"_s, u"false"_s},
                           {u"errors.tolerance"_s, tolerance}};
    }

    HttpReply createConnector(const QString& name, const QJsonObject& config)
    {
        const QJsonObject body{{u"name"_s, name}, {u"config"_s, config}};
        return http(m_network, "POST", m_rest + u"/connectors"_s, QJsonDocument(body).toJson());
    }

    QJsonObject status(const QString& name)
    {
        return object(http(m_network, "GET", m_rest + u"/connectors/"_s + name + u"/status"_s).body);
    }

    QString taskState(const QString& name)
    {
        const auto tasks = status(name).value(u"tasks"_s).toArray();
        return tasks.isEmpty() ? QString() : tasks.first().toObject().value(u"state"_s).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bootstrap = connectdesk::testing::harnessValue(u"KAFKA_BOOTSTRAP"_s);
        QVERIFY2(!m_bootstrap.isEmpty(), "KAFKA_BOOTSTRAP not set: run through ctest (fixture kafka)");
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        qInfo("work dir %s", qPrintable(m_dir.path()));
        m_kafka = std::make_unique<KafkaClient>(m_bootstrap.toStdString());
        const int port = freePort();
        m_rest = u"http://127.0.0.1:%1"_s.arg(port);
        auto props = baseWorkerProperties(m_dir.path(), m_bootstrap, port);
        writeProperties(path(u"worker.properties"_s), props);
        m_worker = std::make_unique<WorkerProcess>(path(u"worker.properties"_s), QStringList{},
                                                   path(u"worker.log"_s));
        QVERIFY(m_worker->start());
        QVERIFY2(waitForRest(m_network, m_rest, 60000), m_worker->logTail().constData());
    }

    void cleanupTestCase()
    {
        if (m_worker) {
            m_worker->terminate(30000);
        }
    }

    // errors.tolerance=all with a DLQ: the good records reach the file, exactly the poison ones the
    // DLQ, each with the __connect.errors.* headers naming where it came from.
    void toleranceAllSendsExactlyThePoisonToTheDlq()
    {
        const std::set<int> poison{0, 17, 333, 500, 501, 998, 999};
        const int k = int(poison.size());
        const std::string topic = "faults-poison-all-" + m_suffix;
        const std::string dlq = topic + "-dlq";
        QCOMPARE(QString::fromStdString(m_kafka->createTopic(topic)), QString());
        QCOMPARE(QString::fromStdString(m_kafka->produce(topic, values(poison))), QString());

        auto config = sinkConfig(QString::fromStdString(topic), path(u"all.txt"_s), u"all"_s);
        config.insert(u"errors.deadletterqueue.topic.name"_s, QString::fromStdString(dlq));
        config.insert(u"errors.deadletterqueue.topic.replication.factor"_s, u"1"_s);
        config.insert(u"errors.deadletterqueue.context.headers.enable"_s, u"true"_s);
        const HttpReply created = createConnector(u"poison-all"_s, config);
        QVERIFY2(created.status == 201, created.body.constData());

        QTRY_VERIFY_WITH_TIMEOUT(readLines(path(u"all.txt"_s)).size() >= kRecords - k, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(m_kafka->endOffsets(dlq).value_or(0) >= k, 30000);
        // The sink commits what it consumed; once the group is at the end nothing else can arrive.
        QTRY_COMPARE_WITH_TIMEOUT(m_kafka->committedOffset("connect-poison-all", topic).value_or(-1),
                                  std::int64_t{kRecords}, 30000);
        QCOMPARE(taskState(u"poison-all"_s), u"RUNNING"_s);

        QList<QByteArray> expected;
        for (int i = 0; i < kRecords; ++i) {
            if (poison.count(i) == 0) {
                expected.append(sinkLine(i));
            }
        }
        const QList<QByteArray> lines = readLines(path(u"all.txt"_s));
        QCOMPARE(lines.size(), kRecords - k);
        QCOMPARE(lines, expected);

        std::string error;
        const auto records = m_kafka->readAll(dlq, 30000, &error);
        QVERIFY2(records, error.c_str());
        QCOMPARE(int(records->size()), k);
        auto expectedOffset = poison.begin();
        std::set<QByteArray> classNames;
        for (const KafkaRecord& r : *records) {
            const int original = *expectedOffset++;
            const auto h = [&r](const char* name) {
                return r.header(QByteArray("__connect.errors.") + name);
            };
            QCOMPARE(r.value, poisonValue(original));
            QCOMPARE(h("topic"), std::optional<QByteArray>(QByteArray::fromStdString(topic)));
            QCOMPARE(h("partition"), std::optional<QByteArray>("0"));
            QCOMPARE(h("offset"), std::optional<QByteArray>(QByteArray::number(original)));
            QCOMPARE(h("connector.name"), std::optional<QByteArray>("poison-all"));
            QCOMPARE(h("task.id"), std::optional<QByteArray>("0"));
            QCOMPARE(h("stage"), std::optional<QByteArray>("VALUE_CONVERTER"));
            classNames.insert(h("class.name").value_or("(missing)"));
            QCOMPARE(h("exception.class.name"),
                     std::optional<QByteArray>("org.apache.kafka.connect.errors.DataException"));
            QVERIFY(h("exception.message").has_value() && !h("exception.message")->isEmpty());
        }
        // Apache names the class that was executing: the converter's class for a converter stage
        // (RetryWithToleranceOperator.execute(..., Stage.VALUE_CONVERTER, valueConverter.getClass())).
        const QByteArray className = classNames.size() == 1 ? *classNames.begin() : QByteArray("(several)");
        QCOMPARE(className, QByteArray("org.apache.kafka.connect.json.JsonConverter"));
        qInfo("tolerance all: __connect.errors.class.name is '%s'", className.constData());
        qInfo("tolerance all: %d lines in the sink file, %zu DLQ records at offsets 0,17,333,500,501,998,999 "
              "with all context headers",
              int(lines.size()), records->size());
        QCOMPARE(http(m_network, "DELETE", m_rest + u"/connectors/poison-all"_s).status, 204);
    }

    // errors.tolerance=none: the first poison record fails the task with a trace; after the cause
    // is fixed (StringConverter, which accepts any bytes) a task restart through REST brings it
    // back to RUNNING and everything after the last committed offset arrives.
    void toleranceNoneFailsThenRecoversAfterFixAndRestart()
    {
        constexpr int kPoison = 400;
        const std::string topic = "faults-poison-none-" + m_suffix;
        QCOMPARE(QString::fromStdString(m_kafka->createTopic(topic)), QString());
        QCOMPARE(QString::fromStdString(m_kafka->produce(topic, values({kPoison}))), QString());

        const QString name = u"poison-none"_s;
        auto config = sinkConfig(QString::fromStdString(topic), path(u"none.txt"_s), u"none"_s);
        const HttpReply created = createConnector(name, config);
        QVERIFY2(created.status == 201, created.body.constData());

        QTRY_COMPARE_WITH_TIMEOUT(taskState(name), u"FAILED"_s, 60000);
        const QJsonObject failed = status(name);
        const QString trace =
            failed.value(u"tasks"_s).toArray().first().toObject().value(u"trace"_s).toString();
        QVERIFY2(!trace.trimmed().isEmpty(), QJsonDocument(failed).toJson().constData());
        QCOMPARE(failed.value(u"connector"_s).toObject().value(u"state"_s).toString(), u"RUNNING"_s);
        qInfo("task FAILED with trace: %s", qPrintable(trace.section(QLatin1Char('\n'), 0, 0)));

        // Nothing at or past the poison record was written, and what was written is in order.
        const QList<QByteArray> before = readLines(path(u"none.txt"_s));
        QVERIFY(before.size() <= kPoison);
        for (int i = 0; i < int(before.size()); ++i) {
            QCOMPARE(before[i], sinkLine(i));
        }

        // Fix the cause: a converter that takes any bytes. Then restart the failed task.
        config.insert(u"value.converter"_s, u"org.apache.kafka.connect.storage.StringConverter"_s);
        const HttpReply put = http(m_network, "PUT", m_rest + u"/connectors/"_s + name + u"/config"_s,
                                   QJsonDocument(config).toJson());
        QVERIFY2(put.status == 200, put.body.constData());
        // Apache answers PUT /config only after the new task configs exist; this worker answers
        // before (StandaloneHerder::putConnectorConfig clears taskConfigs and calls back while the
        // old tasks are still stopping), so wait for the task to exist before restarting it.
        const QString tasksUrl = m_rest + u"/connectors/"_s + name + u"/tasks"_s;
        const int tasksRightAfterPut =
            int(QJsonDocument::fromJson(http(m_network, "GET", tasksUrl).body).array().size());
        QTRY_COMPARE_WITH_TIMEOUT(
            QJsonDocument::fromJson(http(m_network, "GET", tasksUrl).body).array().size(), qsizetype{1},
            30000);
        const HttpReply restart =
            http(m_network, "POST", m_rest + u"/connectors/"_s + name + u"/tasks/0/restart"_s);
        QVERIFY2(restart.status == 204, restart.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(taskState(name), u"RUNNING"_s, 30000);

        // Everything after the last committed offset is consumed again: wait until the group is at
        // the end of the topic, then look at what reached the file.
        QTRY_COMPARE_WITH_TIMEOUT(m_kafka->committedOffset("connect-poison-none", topic).value_or(-1),
                                  std::int64_t{kRecords}, 60000);
        QCOMPARE(taskState(name), u"RUNNING"_s);
        // The valid records as their JSON text (StringConverter keeps the quotes), the poison one as
        // it was produced. Lines written before the failure may come again (at least once).
        const QList<QByteArray> after = readLines(path(u"none.txt"_s));
        std::set<QByteArray> seen;
        int foreign = 0;
        for (const QByteArray& line : after) {
            const QByteArray bare =
                line.startsWith('"') && line.endsWith('"') ? line.mid(1, line.size() - 2) : line;
            seen.insert(bare);
            foreign += bare.startsWith("rec-") ? 0 : 1;
        }
        QCOMPARE(foreign, 0);
        int missingValid = 0;
        for (int i = 0; i < kRecords; ++i) {
            missingValid += i != kPoison && seen.count(sinkLine(i)) == 0 ? 1 : 0;
        }
        QCOMPARE(missingValid, 0);
        const bool failedRecordArrived = seen.count(poisonValue(kPoison)) != 0;
        qInfo("tolerance none: %d task(s) listed right after PUT /config; the record that failed the task "
              "%s after the fix",
              tasksRightAfterPut, failedRecordArrived ? "arrived" : "never arrived");
        // The record that failed the task was never delivered, so at-least-once requires it to come
        // after the restart (Apache records offset+1 only after a record converted, and commits only
        // offsets of records put successfully: WorkerSinkTask.convertMessages / deliverMessages).
        QVERIFY(failedRecordArrived);
        qInfo("tolerance none: %d lines before the failure, %d lines after the fix and restart (%d "
              "duplicates), no valid record missing",
              int(before.size()), int(after.size()), int(after.size()) - int(seen.size()));
    }

    // Issue #4: "the DLQ write is acknowledged before the consumed offset is committed", so a crash
    // between the two cannot lose a poison record. The DLQ producer is made to hold its record
    // (producer.override.linger.ms=20000, which the DLQ producer honours like Apache's) while the
    // sink keeps committing every 200 ms; the committed offset must not pass the poison record
    // before its DLQ write is acknowledged. Then a SIGKILL shows what is at stake.
    void dlqWriteAcknowledgedBeforeOffsetCommit()
    {
        constexpr int kCount = 10;
        constexpr int kPoison = 5;
        const std::string topic = "faults-poison-order-" + m_suffix;
        const std::string dlq = topic + "-dlq";
        QCOMPARE(QString::fromStdString(m_kafka->createTopic(topic)), QString());
        QCOMPARE(QString::fromStdString(m_kafka->createTopic(dlq)), QString());
        std::vector<QByteArray> records;
        for (int i = 0; i < kCount; ++i) {
            records.push_back(i == kPoison ? poisonValue(i) : validValue(i));
        }
        QCOMPARE(QString::fromStdString(m_kafka->produce(topic, records)), QString());

        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        const int port = freePort();
        const QString rest = u"http://127.0.0.1:%1"_s.arg(port);
        auto props = baseWorkerProperties(dir.path(), m_bootstrap, port);
        props[u"offset.flush.interval.ms"_s] = u"200"_s;
        writeProperties(dir.filePath(u"worker.properties"_s), props);
        WorkerProcess worker(dir.filePath(u"worker.properties"_s), {}, dir.filePath(u"worker.log"_s));
        QVERIFY(worker.start());
        QVERIFY2(waitForRest(m_network, rest, 60000), worker.logTail().constData());

        auto config = sinkConfig(QString::fromStdString(topic), dir.filePath(u"order.txt"_s), u"all"_s);
        config.insert(u"errors.deadletterqueue.topic.name"_s, QString::fromStdString(dlq));
        config.insert(u"errors.deadletterqueue.topic.replication.factor"_s, u"1"_s);
        config.insert(u"producer.override.linger.ms"_s, u"20000"_s);
        const QJsonObject body{{u"name"_s, u"dlq-order"_s}, {u"config"_s, config}};
        const HttpReply created =
            http(m_network, "POST", rest + u"/connectors"_s, QJsonDocument(body).toJson());
        QVERIFY2(created.status == 201, created.body.constData());

        QTRY_COMPARE_WITH_TIMEOUT(readLines(dir.filePath(u"order.txt"_s)).size(), qsizetype{kCount - 1},
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_kafka->committedOffset("connect-dlq-order", topic).value_or(-1),
                                  std::int64_t{kCount}, 30000);
        const std::int64_t inDlqAtCommit = m_kafka->endOffsets(dlq).value_or(-1);
        qInfo("group offset %d committed past poison record %d while the DLQ held %lld record(s)", kCount,
              kPoison, static_cast<long long>(inDlqAtCommit));
        QCOMPARE(inDlqAtCommit, std::int64_t{1});

        // A crash now loses nothing: the commit waited for the DLQ write (linger.ms ignored by the
        // flush before the commit).
        worker.kill();
        QCOMPARE(m_kafka->endOffsets(dlq).value_or(-1), std::int64_t{1});
        qInfo("after SIGKILL: DLQ holds %lld record(s), group offset %lld",
              static_cast<long long>(m_kafka->endOffsets(dlq).value_or(-1)),
              static_cast<long long>(m_kafka->committedOffset("connect-dlq-order", topic).value_or(-1)));
    }
};

QTEST_GUILESS_MAIN(TestFaultPoison)
#include "tst_fault_poison.moc"
