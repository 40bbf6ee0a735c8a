// ThroughputSampler's sink lag against the real Apache Kafka Connect: a FileStreamSink is paused,
// N records are produced, the lag must grow to N; after resume it must return to 0 (the reference
// worker commits sink offsets every second).
#include "connect_ref_support.h"
#include "harness_env.h"

#include "observe/throughput_sampler.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace connectdesk::observe;
using namespace connectdesk::observe::testing;

namespace {
constexpr int kWaitMs = 90000;
constexpr int kPartitions = 2;
constexpr int kBefore = 6; // consumed before the pause
constexpr int kN = 40;     // produced while paused
} // namespace

class TestSinkLagConnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lagGrowsWhilePausedAndDrainsAfterResume();

private:
    std::unique_ptr<ConnectRest> m_rest;
    std::unique_ptr<KafkaHelper> m_kafka;
    QString m_bootstrap;
    QString m_name;
};

void TestSinkLagConnect::initTestCase()
{
    const QString url = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_URL"));
    m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    QVERIFY2(!url.isEmpty() && !m_bootstrap.isEmpty(),
             "CONNECT_URL or KAFKA_BOOTSTRAP missing from the harness env (run through ctest)");
    m_rest = std::make_unique<ConnectRest>(QUrl(url));
    m_kafka = std::make_unique<KafkaHelper>(m_bootstrap);
    QVERIFY2(m_kafka->isValid(), qPrintable(m_kafka->lastError()));
}

void TestSinkLagConnect::cleanupTestCase()
{
    if (m_rest && !m_name.isEmpty())
        m_rest->deleteConnector(m_name);
}

void TestSinkLagConnect::lagGrowsWhilePausedAndDrainsAfterResume()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_name = uniqueName(QStringLiteral("obs-lag"));
    const QString topic = m_name + QStringLiteral("-t");
    const QString outFile = dir.filePath(QStringLiteral("out.txt"));
    QVERIFY2(m_kafka->createTopic(topic, kPartitions), qPrintable(m_kafka->lastError()));
    for (int i = 0; i < kBefore; ++i)
        QVERIFY2(m_kafka->produce(topic, i % kPartitions, std::nullopt,
                                  QByteArray("before-") + QByteArray::number(i)),
                 qPrintable(m_kafka->lastError()));

    QCOMPARE(
        m_rest->putConfig(m_name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                                   {QStringLiteral("tasks.max"), QStringLiteral("1")},
                                   {QStringLiteral("file"), outFile},
                                   {QStringLiteral("topics"), topic},
                                   {QStringLiteral("key.converter"),
                                    QStringLiteral("org.apache.kafka.connect.storage.StringConverter")},
                                   {QStringLiteral("value.converter"),
                                    QStringLiteral("org.apache.kafka.connect.storage.StringConverter")}}),
        QString());

    ThroughputSampler sampler({{"bootstrap.servers", m_bootstrap.toStdString()}});
    sampler.setIntervalMs(500);
    sampler.watchSink(m_name, QString(), {topic});
    QList<LagSample> lastLags; // latest sample's partitions of this connector
    qint64 lastTotalIn = -1;
    int samples = 0;
    QStringList errors;
    connect(&sampler, &ThroughputSampler::sampled, this,
            [&](const QList<RateSample>& rates, const QList<LagSample>& lags) {
                ++samples;
                lastLags.clear();
                for (const LagSample& lag : lags) {
                    if (lag.connector == m_name)
                        lastLags.append(lag);
                }
                for (const RateSample& rate : rates) {
                    if (rate.connector == m_name)
                        lastTotalIn = rate.totalIn;
                }
            });
    connect(&sampler, &ThroughputSampler::errorOccurred, this, [&](const QString& m) { errors.append(m); });
    const auto totalLag = [&] {
        qint64 sum = 0;
        for (const LagSample& lag : lastLags)
            sum += lag.lag;
        return sum;
    };
    const auto allCommitted = [&](qint64 expectedEnd) {
        qint64 committed = 0;
        qint64 end = 0;
        for (const LagSample& lag : lastLags) {
            if (lag.committed < 0)
                return false;
            committed += lag.committed;
            end += lag.endOffset;
        }
        return lastLags.size() == kPartitions && committed == expectedEnd && end == expectedEnd;
    };
    sampler.start();

    // The sink consumed and committed what was there before: lag 0 on both partitions.
    QTRY_VERIFY2_WITH_TIMEOUT(allCommitted(kBefore) && totalLag() == 0,
                              qPrintable(QStringLiteral("lag %1, %2 partitions, errors: %3")
                                             .arg(totalLag())
                                             .arg(lastLags.size())
                                             .arg(errors.join(QLatin1Char('\n')))),
                              kWaitMs);
    qInfo() << "before pause: lag" << totalLag() << "over" << lastLags.size() << "partitions";

    const RestReply pause = m_rest->call("PUT", QStringLiteral("/connectors/%1/pause").arg(m_name));
    QCOMPARE(pause.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(m_rest->state(m_name, 0), QStringLiteral("PAUSED"), kWaitMs);
    for (int i = 0; i < kN; ++i)
        QVERIFY2(m_kafka->produce(topic, i % kPartitions, std::nullopt,
                                  QByteArray("paused-") + QByteArray::number(i)),
                 qPrintable(m_kafka->lastError()));
    QCOMPARE(m_kafka->endOffsetSum(topic, kPartitions), qint64(kBefore + kN)); // measured by the test itself
    QTRY_COMPARE_WITH_TIMEOUT(totalLag(), qint64(kN), kWaitMs);
    // Paused means nothing consumed: a few more samples later the lag is still exactly N.
    const int seen = samples;
    QTRY_VERIFY_WITH_TIMEOUT(samples >= seen + 3, kWaitMs);
    QCOMPARE(totalLag(), qint64(kN));
    for (const LagSample& lag : lastLags)
        qInfo().noquote() << QStringLiteral("paused: %1-%2 end %3 committed %4 lag %5")
                                 .arg(lag.topic)
                                 .arg(lag.partition)
                                 .arg(lag.endOffset)
                                 .arg(lag.committed)
                                 .arg(lag.lag);

    const RestReply resume = m_rest->call("PUT", QStringLiteral("/connectors/%1/resume").arg(m_name));
    QCOMPARE(resume.status, 202);
    QTRY_VERIFY_WITH_TIMEOUT(allCommitted(kBefore + kN) && totalLag() == 0, kWaitMs);
    qInfo() << "after resume: lag" << totalLag()
            << ", records counted in since watching began:" << lastTotalIn;
    // The committed offsets grew by N while watched (the first kBefore may precede the baseline).
    QVERIFY2(lastTotalIn >= kN && lastTotalIn <= kBefore + kN, qPrintable(QString::number(lastTotalIn)));

    QFile out(outFile);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().count('\n'), qsizetype(kBefore + kN));
    sampler.stop();
}

QTEST_GUILESS_MAIN(TestSinkLagConnect)
#include "test_sink_lag_connect.moc"
