// FailureNotifier against the real Apache Kafka Connect of the harness: a FileStreamSink whose
// output directory does not exist fails its task; fed with the console's refreshes, the notifier
// announces that failure exactly once however many refreshes follow, counts it for the badge, and
// its Restart action restarts the task through the ClusterClient (RUNNING again once the directory
// exists). A second failure of the same task is announced again.
#include "client/remote_cluster_client.h"
#include "harness_env.h"
#include "observe/failure_notifier.h"

#include <QAction>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace connectdesk;
using connectdesk::ui::observe::Failure;
using connectdesk::ui::observe::FailureNotifier;

namespace {
constexpr int kWaitMs = 60'000;
const QString kCluster = QStringLiteral("harness");
} // namespace

class TestFailureNotifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void announcesOnceAndRestarts();

private:
    // One console refresh: the expand answer handed to the notifier; the state of `name`'s task 0.
    QString refresh(FailureNotifier& notifier, const QString& name);
    int raisedFor(const QSignalSpy& spy, const QString& name) const;
    std::unique_ptr<client::RemoteClusterClient> m_client;
    QTemporaryDir m_dir;
    QString m_name;
};

void TestFailureNotifier::initTestCase()
{
    const QString url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    QVERIFY2(!url.isEmpty(), "CONNECT_URL missing from the harness env (fixture connect_ref not running?)");
    QVERIFY(m_dir.isValid());
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(url);
    m_client = std::make_unique<client::RemoteClusterClient>(endpoint);
    m_name = QStringLiteral("cd-notify-") + QUuid::createUuid().toString(QUuid::Id128).left(6);
}

void TestFailureNotifier::cleanupTestCase()
{
    if (!m_client)
        return;
    bool done = false;
    m_client->deleteConnector(m_name, this, [&done](const auto&) { done = true; });
    (void)QTest::qWaitFor([&done] { return done; }, kWaitMs);
}

QString TestFailureNotifier::refresh(FailureNotifier& notifier, const QString& name)
{
    std::optional<client::Result<QList<client::ConnectorOverview>>> answer;
    m_client->connectorsExpanded(this, [&answer](const auto& r) { answer = r; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, kWaitMs) || !answer->ok())
        return QStringLiteral("no answer");
    notifier.connectorsRefreshed(kCluster, *answer->value);
    for (const client::ConnectorOverview& o : *answer->value)
        if (o.name == name && o.status && !o.status->tasks.isEmpty())
            return o.status->tasks.constFirst().state;
    return QString();
}

int TestFailureNotifier::raisedFor(const QSignalSpy& spy, const QString& name) const
{
    int n = 0;
    for (const QList<QVariant>& args : spy)
        if (args.at(0).value<Failure>().connector == name)
            ++n;
    return n;
}

void TestFailureNotifier::announcesOnceAndRestarts()
{
    FailureNotifier notifier(nullptr, false);
    notifier.setCluster(kCluster, QStringLiteral("Harness Connect"), m_client.get());
    QSignalSpy raised(&notifier, &FailureNotifier::failureRaised);
    QSignalSpy counts(&notifier, &FailureNotifier::failedCountChanged);
    QVERIFY(!notifier.restartAction()->isEnabled());

    // FileStreamSinkTask.start fails while the output file's directory does not exist.
    const QString missingDir = m_dir.filePath(QStringLiteral("later"));
    std::optional<client::Result<client::ConnectorInfo>> created;
    m_client->createConnector(m_name,
                              {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                               {QStringLiteral("file"), missingDir + QStringLiteral("/out.txt")},
                               {QStringLiteral("topics"), m_name + QStringLiteral("-t")}},
                              client::InitialState::Default, this,
                              [&created](const auto& r) { created = r; });
    QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), kWaitMs);
    QVERIFY2(created->ok(), qPrintable(created->error.sentence));

    QTRY_VERIFY_WITH_TIMEOUT(refresh(notifier, m_name) == QLatin1String("FAILED"), kWaitMs);
    QCOMPARE(raisedFor(raised, m_name), 1);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(refresh(notifier, m_name), QStringLiteral("FAILED"));
    QCOMPARE(raisedFor(raised, m_name), 1); // once, not once per refresh
    Failure failure;
    for (const QList<QVariant>& args : raised)
        if (args.at(0).value<Failure>().connector == m_name)
            failure = args.at(0).value<Failure>();
    QCOMPARE(failure.clusterId, kCluster);
    QCOMPARE(failure.task, 0);
    QVERIFY2(failure.trace.contains(QLatin1String("out.txt")), qPrintable(failure.trace));
    QVERIFY(!failure.workerId.isEmpty());
    QVERIFY(notifier.failedCount(kCluster) >= 1);
    QVERIFY(!counts.isEmpty());
    QCOMPARE(counts.constLast().at(1).toInt(), notifier.failedCount(kCluster));

    // The Restart action restarts the newest failure: this task.
    QVERIFY(notifier.latest().has_value());
    QCOMPARE(notifier.latest()->connector, m_name);
    QVERIFY(notifier.restartAction()->isEnabled());
    QCOMPARE(notifier.restartAction()->text(), QStringLiteral("Restart task 0 of %1").arg(m_name));
    QVERIFY(QDir().mkpath(missingDir));
    QSignalSpy finished(&notifier, &FailureNotifier::restartFinished);
    notifier.restartAction()->trigger();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(1).toString(), m_name);
    QCOMPARE(finished.first().at(2).toInt(), 0);
    QVERIFY2(finished.first().at(3).toBool(), qPrintable(finished.first().at(4).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(refresh(notifier, m_name) == QLatin1String("RUNNING"), kWaitMs);
    QVERIFY(QFile::exists(missingDir + QStringLiteral("/out.txt"))); // the restarted task opened it
    for (const Failure& f : notifier.failures(kCluster))
        QVERIFY(f.connector != m_name);
    QVERIFY(!notifier.latest() || notifier.latest()->connector != m_name);

    // Failing again is news again.
    QVERIFY(QDir(missingDir).removeRecursively());
    std::optional<client::Result<client::Done>> restarted;
    m_client->restartTask(m_name, 0, this, [&restarted](const auto& r) { restarted = r; });
    QTRY_VERIFY_WITH_TIMEOUT(restarted.has_value(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(refresh(notifier, m_name) == QLatin1String("FAILED"), kWaitMs);
    QCOMPARE(raisedFor(raised, m_name), 2);
}

QTEST_MAIN(TestFailureNotifier)
#include "test_failure_notifier.moc"
