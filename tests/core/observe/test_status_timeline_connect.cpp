// StatusHistoryReader against the real Apache Kafka Connect: a FileStreamSink task that fails (its
// file's directory is missing), is fixed and restarted through REST, must show up on the status
// topic as FAILED (with trace and worker id) and then RUNNING, in that order.
#include "connect_ref_support.h"
#include "harness_env.h"

#include "observe/status_history_reader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace connectdesk::observe;
using namespace connectdesk::observe::testing;

namespace {
constexpr int kWaitMs = 90000;
}

class TestStatusTimelineConnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void failedThenRunningAfterRestart();

private:
    std::unique_ptr<ConnectRest> m_rest;
    QString m_bootstrap;
    QString m_group;
    QString m_name;
};

void TestStatusTimelineConnect::initTestCase()
{
    const QString url = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_URL"));
    m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    m_group = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_GROUP"));
    QVERIFY2(
        !url.isEmpty() && !m_bootstrap.isEmpty() && !m_group.isEmpty(),
        "CONNECT_URL, KAFKA_BOOTSTRAP or CONNECT_GROUP missing from the harness env (run through ctest)");
    m_rest = std::make_unique<ConnectRest>(QUrl(url));
}

void TestStatusTimelineConnect::cleanupTestCase()
{
    if (m_rest && !m_name.isEmpty())
        m_rest->deleteConnector(m_name);
}

void TestStatusTimelineConnect::failedThenRunningAfterRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missingDir = dir.filePath(QStringLiteral("not-yet"));
    m_name = uniqueName(QStringLiteral("obs-status"));

    StatusHistoryReader reader({{"bootstrap.servers", m_bootstrap.toStdString()}},
                               m_group + QStringLiteral("-status"));
    QList<StatusEvent> events; // this connector's task 0, in arrival order
    bool caughtUp = false;
    QStringList errors;
    connect(&reader, &StatusHistoryReader::eventsReceived, this, [&](const QList<StatusEvent>& batch) {
        for (const StatusEvent& event : batch) {
            if (event.kind == StatusRecordKind::Task && event.connector == m_name && event.task == 0)
                events.append(event);
        }
    });
    connect(&reader, &StatusHistoryReader::caughtUp, this, [&] { caughtUp = true; });
    connect(&reader, &StatusHistoryReader::errorOccurred, this, [&](const QString& m) { errors.append(m); });
    reader.start();
    QTRY_VERIFY2_WITH_TIMEOUT(caughtUp, qPrintable(errors.join(QLatin1Char('\n'))), kWaitMs);

    // FileStreamSinkTask.start fails when the output file's directory does not exist.
    QCOMPARE(m_rest->putConfig(m_name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                                        {QStringLiteral("tasks.max"), QStringLiteral("1")},
                                        {QStringLiteral("file"), missingDir + QStringLiteral("/out.txt")},
                                        {QStringLiteral("topics"), m_name + QStringLiteral("-t")}}),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_rest->state(m_name, 0), QStringLiteral("FAILED"), kWaitMs);

    // Fix the cause, restart the task through REST.
    QVERIFY(QDir().mkpath(missingDir));
    const RestReply restart =
        m_rest->call("POST", QStringLiteral("/connectors/%1/tasks/0/restart").arg(m_name));
    QVERIFY2(restart.status == 204 || restart.status == 200 || restart.status == 202,
             qPrintable(restart.text));
    QTRY_COMPARE_WITH_TIMEOUT(m_rest->state(m_name, 0), QStringLiteral("RUNNING"), kWaitMs);

    const auto failedThenRunning = [&] {
        qsizetype failed = -1;
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (failed < 0 && events[i].state == QLatin1String("FAILED"))
                failed = i;
            else if (failed >= 0 && events[i].state == QLatin1String("RUNNING"))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(failedThenRunning(), kWaitMs);

    QStringList timeline;
    for (const StatusEvent& event : events)
        timeline << QStringLiteral("%1@%2 gen %3 worker %4")
                        .arg(event.state)
                        .arg(event.offset)
                        .arg(event.generation)
                        .arg(event.workerId);
    qInfo().noquote() << "timeline of" << m_name << "task 0:" << timeline.join(QStringLiteral(" -> "));

    const auto failed = std::find_if(events.begin(), events.end(),
                                     [](const StatusEvent& e) { return e.state == QLatin1String("FAILED"); });
    QVERIFY(failed->trace.has_value() && !failed->trace->isEmpty());
    QVERIFY2(failed->trace->contains(QLatin1String("out.txt")), qPrintable(*failed->trace));
    QVERIFY2(!failed->workerId.isEmpty() && failed->workerId.contains(QLatin1Char(':')),
             qPrintable(failed->workerId));
    const auto running = std::find_if(
        failed, events.end(), [](const StatusEvent& e) { return e.state == QLatin1String("RUNNING"); });
    QVERIFY(running != events.end());
    QVERIFY(running->offset > failed->offset);
    QVERIFY(!running->trace.has_value());
    QCOMPARE(running->workerId, failed->workerId);
    // The reader reports only what the topic holds: the trace matches what REST showed for the failure.
    reader.stop();
    QVERIFY(!reader.isRunning());
}

QTEST_GUILESS_MAIN(TestStatusTimelineConnect)
#include "test_status_timeline_connect.moc"
