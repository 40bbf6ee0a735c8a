// ThroughputSampler's source rate against the real Apache Kafka Connect: a FileStreamSource reads a
// file the test appends to at a steady pace; over the steady part the sampler's outPerSec must be
// within 10 % of the records that actually reached the topic (end-offset growth over elapsed time,
// measured by the test's own librdkafka handle at the moments the samples arrive).
#include "connect_ref_support.h"
#include "harness_env.h"

#include "observe/throughput_sampler.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <mutex>

using namespace connectdesk::observe;
using namespace connectdesk::observe::testing;

namespace {
constexpr int kWaitMs = 90000;
constexpr int kTickMs = 50;
constexpr int kLinesPerTick = 10;  // 200 lines/s
constexpr int kWriteMs = 20000;    // for ~20 s
constexpr qint64 kSettleMs = 3000; // the first seconds are not the steady part
constexpr double kTolerance = 0.10;
} // namespace

class TestSourceRateConnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void outRateMatchesRecordsProduced();

private:
    std::unique_ptr<ConnectRest> m_rest;
    std::unique_ptr<KafkaHelper> m_kafka;
    QString m_bootstrap;
    QString m_name;
};

void TestSourceRateConnect::initTestCase()
{
    const QString url = connectdesk::testing::harnessValue(QStringLiteral("CONNECT_URL"));
    m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    QVERIFY2(!url.isEmpty() && !m_bootstrap.isEmpty(),
             "CONNECT_URL or KAFKA_BOOTSTRAP missing from the harness env (run through ctest)");
    m_rest = std::make_unique<ConnectRest>(QUrl(url));
    m_kafka = std::make_unique<KafkaHelper>(m_bootstrap);
    QVERIFY2(m_kafka->isValid(), qPrintable(m_kafka->lastError()));
}

void TestSourceRateConnect::cleanupTestCase()
{
    if (m_rest && !m_name.isEmpty())
        m_rest->deleteConnector(m_name);
}

void TestSourceRateConnect::outRateMatchesRecordsProduced()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_name = uniqueName(QStringLiteral("obs-rate"));
    const QString topic = m_name + QStringLiteral("-t");
    QVERIFY2(m_kafka->createTopic(topic, 1), qPrintable(m_kafka->lastError()));
    QFile file(dir.filePath(QStringLiteral("in.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));

    QCOMPARE(
        m_rest->putConfig(m_name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                                   {QStringLiteral("tasks.max"), QStringLiteral("1")},
                                   {QStringLiteral("file"), file.fileName()},
                                   {QStringLiteral("topic"), topic},
                                   {QStringLiteral("value.converter"),
                                    QStringLiteral("org.apache.kafka.connect.storage.StringConverter")}}),
        QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_rest->state(m_name, 0), QStringLiteral("RUNNING"), kWaitMs);

    // Each sample, with the test's own reading of the end offset taken as it arrives: on the sampler
    // thread (direct connection) through a handle of its own, so that a burst of the source landing
    // between the sampler's reading and the test's is as unlikely as possible.
    struct Observed {
        qint64 atMs;
        double outPerSec;
        qint64 totalOut;
        qint64 endOffset;
    };
    QList<Observed> observed;
    std::mutex observedMutex;
    const auto observedCount = [&] {
        const std::lock_guard lock(observedMutex);
        return observed.size();
    };
    KafkaHelper probe(m_bootstrap);
    QVERIFY2(probe.isValid(), qPrintable(probe.lastError()));
    QStringList errors;
    QElapsedTimer clock;
    clock.start();
    ThroughputSampler sampler({{"bootstrap.servers", m_bootstrap.toStdString()}});
    sampler.setIntervalMs(1000);
    sampler.watchSource(m_name, {topic});
    connect(
        &sampler, &ThroughputSampler::sampled, this,
        [&](const QList<RateSample>& rates, const QList<LagSample>&) {
            for (const RateSample& rate : rates) {
                if (rate.connector != m_name)
                    continue;
                const qint64 endOffset = probe.endOffsetSum(topic, 1);
                const std::lock_guard lock(observedMutex);
                observed.append({clock.elapsed(), rate.outPerSec, rate.totalOut, endOffset});
            }
        },
        Qt::DirectConnection);
    connect(&sampler, &ThroughputSampler::errorOccurred, this, [&](const QString& m) { errors.append(m); });
    sampler.start();
    QTRY_VERIFY_WITH_TIMEOUT(observedCount() > 0, kWaitMs);
    {
        const std::lock_guard lock(observedMutex);
        QVERIFY(std::isnan(observed.first().outPerSec)); // the first sample only sets the baseline
        QCOMPARE(observed.first().totalOut, qint64(0));
    }

    // The writer: kLinesPerTick lines every kTickMs for kWriteMs.
    int written = 0;
    qint64 writeStart = clock.elapsed();
    qint64 writeEnd = -1;
    QTimer writer;
    writer.setTimerType(Qt::PreciseTimer);
    connect(&writer, &QTimer::timeout, this, [&] {
        if (clock.elapsed() - writeStart >= kWriteMs) {
            writer.stop();
            writeEnd = clock.elapsed();
            return;
        }
        QByteArray lines;
        for (int i = 0; i < kLinesPerTick; ++i)
            lines += "line " + QByteArray::number(written++) + '\n';
        file.write(lines);
        file.flush();
    });
    writer.start(kTickMs);
    QTRY_VERIFY_WITH_TIMEOUT(writeEnd >= 0, kWriteMs + kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_kafka->endOffsetSum(topic, 1), qint64(written), kWaitMs);
    sampler.stop(); // no more samples: `observed` is this thread's alone from here
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

    // The steady part: samples from kSettleMs after the writer started until it stopped.
    QList<Observed> steady;
    for (const Observed& o : observed) {
        if (o.atMs >= writeStart + kSettleMs && o.atMs <= writeEnd)
            steady.append(o);
    }
    QVERIFY2(steady.size() >= 12, qPrintable(QString::number(steady.size())));
    double samplerSum = 0;
    for (qsizetype i = 1; i < steady.size(); ++i) {
        QVERIFY(!std::isnan(steady[i].outPerSec));
        samplerSum += steady[i].outPerSec;
    }
    const double samplerMean = samplerSum / static_cast<double>(steady.size() - 1);
    const double seconds = static_cast<double>(steady.last().atMs - steady.first().atMs) / 1000.0;
    const double produced = static_cast<double>(steady.last().endOffset - steady.first().endOffset) / seconds;
    const double pace = written * 1000.0 / static_cast<double>(writeEnd - writeStart);
    const double samplerByTotals =
        static_cast<double>(steady.last().totalOut - steady.first().totalOut) / seconds;
    qInfo().noquote() << QStringLiteral(
                             "file pace %1 lines/s (%2 lines in %3 ms); over %4 samples (%5 s): "
                             "produced %6 rec/s by the test's end offsets, sampler outPerSec mean %7/s "
                             "(%8/s from its totals), deviation %9 %")
                             .arg(pace, 0, 'f', 1)
                             .arg(written)
                             .arg(writeEnd - writeStart)
                             .arg(steady.size())
                             .arg(seconds, 0, 'f', 2)
                             .arg(produced, 0, 'f', 1)
                             .arg(samplerMean, 0, 'f', 1)
                             .arg(samplerByTotals, 0, 'f', 1)
                             .arg(100.0 * (samplerMean - produced) / produced, 0, 'f', 2);
    QVERIFY(produced > 0);
    QVERIFY2(std::abs(samplerMean - produced) <= kTolerance * produced,
             qPrintable(QStringLiteral("sampler %1/s vs produced %2/s").arg(samplerMean).arg(produced)));
}

QTEST_GUILESS_MAIN(TestSourceRateConnect)
#include "test_source_rate_connect.moc"
