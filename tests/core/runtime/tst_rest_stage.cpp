// REST timeouts name the herder's stage (spec/connect-rest-api.md §2.4): a connector plugin that
// blocks in start() makes GET /connectors/{c}/tasks (which needs its task configs) answer 500
// "Request timed out. The worker is currently starting the connector, which began at <instant>"
// on the whole EmbeddedWorker, while other requests keep answering; plus StageTracker itself.
#include "runtime/embedded_worker.h"
#include "runtime/stage_tracker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <future>

using namespace connectdesk::runtime;

class TestRestStage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;

    struct Answer {
        int status = 0;
        QJsonObject body;
        QByteArray raw;
        qint64 elapsedMs = 0;
    };
    Answer get(const std::string& base, const QString& path)
    {
        QElapsedTimer timer;
        timer.start();
        QNetworkReply* reply = m_network.get(QNetworkRequest(QUrl(QString::fromStdString(base) + path)));
        Answer a;
        // Longer than the worker's 1 s REST timeout, so only the worker decides.
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
            reply->abort();
        }
        a.elapsedMs = timer.elapsed();
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.raw = reply->readAll();
        a.body = QJsonDocument::fromJson(a.raw).object();
        reply->deleteLater();
        return a;
    }

private Q_SLOTS:
    void trackerSemantics()
    {
        StageTracker t;
        QVERIFY(!t.lookup("c").has_value());
        const auto a = t.begin("c", "starting the connector");
        const auto b = t.begin("c", "stopping the connector");
        QCOMPARE(t.lookup("c")->description, std::string("starting the connector")); // the oldest running
        QVERIFY(!t.lookup("c")->completedMs.has_value());
        QVERIFY(!t.lookup("other").has_value());
        QCOMPARE(t.lookup("")->description, std::string("starting the connector"));
        t.complete(a);
        QCOMPARE(t.lookup("c")->description, std::string("stopping the connector"));
        t.complete(b);
        const auto last = t.lookup("c");
        QCOMPARE(last->description, std::string("stopping the connector"));
        QVERIFY(last->completedMs.has_value());
        QVERIFY(*last->completedMs >= last->startedMs);
        QCOMPARE(t.lookup("")->description, std::string("stopping the connector"));
    }

    void blockedStartTimesOutWithItsStage()
    {
        QVERIFY(m_dir.isValid());
        const std::string pluginPath =
            std::string(CONNECTDESK_TEST_PLUGIN_DIR) + "," + std::string(CONNECTDESK_TEST_STAGE_PLUGIN_DIR);
        EmbeddedWorker worker(
            {{"bootstrap.servers", "sandbox"},
             {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
             {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
             {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("o")).toStdString()},
             {"plugin.path", pluginPath},
             {"listeners", "http://127.0.0.1:0"},
             {"connectdesk.rest.request.timeout.ms", "1000"}});
        worker.start();
        const std::string base = worker.restUrl();
        QVERIFY(!base.empty());
        const QString release = m_dir.filePath(QStringLiteral("release"));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        std::promise<Result<PutConfigOutcome>> created;
        worker.herder().putConnectorConfig(
            "blocker",
            {{"connector.class", "test.BlockingStartConnector"}, {"release.file", release.toStdString()}},
            std::nullopt, true, [&created](Result<PutConfigOutcome> r) { created.set_value(std::move(r)); });
        auto outcome = created.get_future().get();
        QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error->message.c_str());

        const Answer tasks = get(base, QStringLiteral("/connectors/blocker/tasks"));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(tasks.status, 500);
        QCOMPARE(tasks.body.value(QStringLiteral("error_code")).toInt(), 500);
        const QString message = tasks.body.value(QStringLiteral("message")).toString();
        const QRegularExpression shape(QStringLiteral(
            "^Request timed out\\. The worker is currently starting the connector, which began at "
            "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z)$"));
        const auto match = shape.match(message);
        QVERIFY2(match.hasMatch(), qPrintable(message));
        const QDateTime began = QDateTime::fromString(match.captured(1), Qt::ISODateWithMs);
        QVERIFY(began.isValid());
        QVERIFY2(began.toMSecsSinceEpoch() >= before - 1000 && began.toMSecsSinceEpoch() <= after,
                 qPrintable(match.captured(1)));
        QVERIFY2(tasks.elapsedMs >= 900, qPrintable(QString::number(tasks.elapsedMs)));
        qInfo("GET tasks of the blocked connector: %d after %lld ms: %s", tasks.status,
              static_cast<long long>(tasks.elapsedMs), qPrintable(message));

        // Requests that do not need the blocked stage keep answering at once.
        const Answer status = get(base, QStringLiteral("/connectors/blocker/status"));
        QCOMPARE(status.status, 200);
        QVERIFY2(status.elapsedMs < 500, qPrintable(QString::number(status.elapsedMs)));
        const Answer list = get(base, QStringLiteral("/connectors"));
        QCOMPARE(list.status, 200);
        QVERIFY2(list.elapsedMs < 500, qPrintable(QString::number(list.elapsedMs)));

        // Once start returns, the same request gets the task configs.
        QFile marker(release);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();
        Answer done;
        QTRY_VERIFY_WITH_TIMEOUT(
            (done = get(base, QStringLiteral("/connectors/blocker/tasks"))).status == 200, 10000);
        QVERIFY2(done.raw.contains("\"task.class\":\"test.IdleSourceTask\""), done.raw.constData());
        const auto last = worker.herder().stage("blocker");
        QVERIFY(last.has_value() && last->completedMs.has_value());
        worker.stop();
    }
};

QTEST_GUILESS_MAIN(TestRestStage)
#include "tst_rest_stage.moc"
