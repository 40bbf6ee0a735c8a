// EmbeddedRateSource against a real StandaloneHerder on the harness broker: a FileStreamSource
// reads a file the test appends to at a steady pace; the records/s computed from the worker's
// metrics (source-record-poll-total, source-record-write-total) must match the lines written per
// second within 10 %, and the chart fed with them shows the same.
#include "harness_env.h"
#include "observe/embedded_rate_source.h"
#include "observe/throughput_chart.h"
#include "observe/throughput_tab.h"
#include "runtime/embedded_worker.h"
#include "runtime/kafka_clients.h"
#include "ui_test_support.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cmath>

using namespace connectdesk;
using connectdesk::observe::RateSample;
using connectdesk::testing::saveShot;
using connectdesk::ui::observe::EmbeddedRateSource;
using connectdesk::ui::observe::ThroughputChart;

namespace {

constexpr int kLinesPerBurst = 20;
constexpr int kBurstMs = 100; // 200 lines/s

} // namespace

class TestEmbeddedRates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void ratesMatchLinesWritten();

private:
    void createTopic(const std::string& name);
    QTemporaryDir m_dir;
    std::string m_bootstrap;
};

void TestEmbeddedRates::initTestCase()
{
    m_bootstrap = testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP")).toStdString();
    QVERIFY2(!m_bootstrap.empty(),
             "KAFKA_BOOTSTRAP missing from the harness env (fixture kafka not running?)");
    QVERIFY(m_dir.isValid());
}

void TestEmbeddedRates::createTopic(const std::string& name)
{
    auto rk =
        runtime::makeClient(RD_KAFKA_PRODUCER, runtime::makeClientConf({{"bootstrap.servers", m_bootstrap}}));
    runtime::RdKafkaQueuePtr q(rd_kafka_queue_new(rk.get()));
    char err[256];
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(name.c_str(), 1, 1, err, sizeof err);
    rd_kafka_CreateTopics(rk.get(), &nt, 1, nullptr, q.get());
    rd_kafka_NewTopic_destroy(nt);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q.get(), 30000);
    QVERIFY(ev != nullptr);
    size_t n = 0;
    const auto** res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    QCOMPARE(n, size_t{1});
    QCOMPARE(rd_kafka_topic_result_error(res[0]), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_event_destroy(ev);
}

void TestEmbeddedRates::ratesMatchLinesWritten()
{
    const std::string suffix = QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString();
    const std::string topic = "ui-rates-" + suffix;
    createTopic(topic);
    const QString input = m_dir.filePath(QStringLiteral("in.txt"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));

    runtime::EmbeddedWorker worker(
        runtime::ConfigMap{
            {"bootstrap.servers", m_bootstrap},
            {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
            {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
            {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("w.offsets")).toStdString()},
            {"offset.flush.interval.ms", "1000"}},
        runtime::EmbeddedWorker::Options{false});
    worker.start();
    worker.putConnector({{"name", "rates-src"},
                         {"connector.class", "FileStreamSource"},
                         {"file", input.toStdString()},
                         {"topic", topic}});

    // The writer: bursts of kLinesPerBurst every kBurstMs; each burst is logged with its time so
    // the expected rate is what was really written, whatever the timer's jitter.
    QList<QPair<qint64, qint64>> written; // (epoch ms, lines so far)
    qint64 lines = 0;
    QTimer writer;
    writer.setInterval(kBurstMs);
    connect(&writer, &QTimer::timeout, this, [&] {
        QByteArray burst;
        for (int i = 0; i < kLinesPerBurst; ++i)
            burst += "line-" + QByteArray::number(lines++) + " payload\n";
        file.write(burst);
        file.flush();
        written.append({QDateTime::currentMSecsSinceEpoch(), lines});
    });
    writer.start();

    EmbeddedRateSource source;
    source.setHerder(&worker.herder());
    QList<RateSample> connectorSamples;
    QList<RateSample> taskSamples;
    ThroughputChart chart;
    chart.resize(900, 380);
    connect(&source, &EmbeddedRateSource::sampled, this,
            [&](const QList<RateSample>& rates, const QList<connectdesk::observe::LagSample>&) {
                for (const RateSample& r : rates) {
                    if (r.connector != QLatin1String("rates-src") || std::isnan(r.outPerSec))
                        continue;
                    (r.task < 0 ? connectorSamples : taskSamples).append(r);
                }
                connectdesk::ui::observe::appendRates(chart, rates, QStringLiteral("rates-src"));
            });
    source.start();
    // Warm-up (task start, first batches), then 10 one-second samples to average.
    constexpr int kWarmUp = 4;
    constexpr int kMeasured = 15;
    QTRY_VERIFY_WITH_TIMEOUT(connectorSamples.size() >= kWarmUp + kMeasured, 60'000);
    writer.stop();
    source.stop();

    const QList<RateSample> window = connectorSamples.mid(kWarmUp, kMeasured);
    double sumOut = 0;
    double sumIn = 0;
    for (const RateSample& r : window) {
        sumOut += r.outPerSec;
        sumIn += r.inPerSec;
    }
    // The mean of per-second rates over the window = records between the first and last sample
    // of the window divided by the time between them; compare with lines written meanwhile. The
    // first sample of the window is the start of its first second.
    const qint64 t0 = connectorSamples.at(kWarmUp - 1).timestampMs;
    const qint64 t1 = window.constLast().timestampMs;
    const auto writtenBy = [&](qint64 t) {
        qint64 n = 0;
        for (const auto& [at, total] : written)
            if (at <= t)
                n = total;
        return n;
    };
    const double expected =
        static_cast<double>(writtenBy(t1) - writtenBy(t0)) * 1000.0 / static_cast<double>(t1 - t0);
    const double meanOut = sumOut / kMeasured;
    const double meanIn = sumIn / kMeasured;
    qInfo(
        "lines written: %.1f/s; embedded rates over %d s: out (written to Kafka) %.1f/s, in (polled) %.1f/s; "
        "per-second out: %s",
        expected, kMeasured, meanOut, meanIn, qPrintable([&] {
            QStringList s;
            for (const RateSample& r : window)
                s << QString::number(r.outPerSec, 'f', 0);
            return s.join(QLatin1Char(' '));
        }()));
    QVERIFY(expected > 150); // the writer really ran at about 200/s
    QVERIFY2(std::abs(meanOut - expected) <= 0.10 * expected,
             qPrintable(QStringLiteral("out %1/s vs written %2/s").arg(meanOut).arg(expected)));
    QVERIFY2(std::abs(meanIn - expected) <= 0.10 * expected,
             qPrintable(QStringLiteral("in %1/s vs written %2/s").arg(meanIn).arg(expected)));
    // One task: the task's rates are the connector's.
    QCOMPARE(taskSamples.size(), connectorSamples.size());
    QCOMPARE(taskSamples.at(kWarmUp).outPerSec, connectorSamples.at(kWarmUp).outPerSec);
    // Totals are the worker's cumulative counts: everything written up to about a second before
    // (FileStreamSource reads what the file holds when it polls), nothing more than was written.
    const qint64 lastTotal = connectorSamples.at(kWarmUp + kMeasured - 1).totalOut;
    QVERIFY2(lastTotal >= writtenBy(t1 - 2000) && lastTotal <= writtenBy(t1),
             qPrintable(QStringLiteral("total %1, written %2 .. %3")
                            .arg(lastTotal)
                            .arg(writtenBy(t1 - 2000))
                            .arg(writtenBy(t1))));

    // The chart got the same points (one per sample that had a rate) and totals.
    QCOMPARE(chart.historySize(QStringLiteral("out")), static_cast<int>(connectorSamples.size()));
    QCOMPARE(chart.lastValue(QStringLiteral("out")), connectorSamples.constLast().outPerSec);
    QCOMPARE(chart.total(QStringLiteral("out")), connectorSamples.constLast().totalOut);
    QVERIFY(chart.seriesNames().contains(QStringLiteral("task 0 out")));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    saveShot(&chart, QStringLiteral("observe-embedded-rates"));
    worker.stop();
}

QTEST_MAIN(TestEmbeddedRates)
#include "test_embedded_rates.moc"
