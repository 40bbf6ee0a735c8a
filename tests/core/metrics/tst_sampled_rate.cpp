// SampledRate against hand-computed figures of Apache's Rate over a SampledStat: young windows
// padded to (samples - 1) full windows, obsolete samples dropped, totals turned into events.
#include "runtime/sampled_rate.h"

#include <QtTest>

using connectdesk::runtime::SampledRate;
using namespace std::chrono_literals;

class TestSampledRate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void youngRateIsPadded()
    {
        SampledRate rate({1000ms, 2});
        const auto t0 = SampledRate::Clock::time_point{} + 1h;
        QCOMPARE(rate.perSecond(t0), 0.0);
        rate.record(10, t0);
        // 0.5 s elapsed, padded by one full window: 10 / 1.5 s.
        QCOMPARE(rate.perSecond(t0 + 500ms), 10 / 1.5);
        rate.record(10, t0 + 1500ms); // a second sample
        QCOMPARE(rate.perSecond(t0 + 1800ms), 20 / 1.8);
        // At 2 s the first sample is 2 windows old: dropped; the second is 0.5 s old, padded.
        QCOMPARE(rate.perSecond(t0 + 2000ms), 10 / 1.5);
        // Everything obsolete: nothing left.
        QCOMPARE(rate.perSecond(t0 + 10s), 0.0);
    }

    void steadyFlow()
    {
        // 100 events every 100 ms: 1000 events/s, whatever the window settings.
        for (const SampledRate::Config config :
             {SampledRate::Config{1000ms, 2}, SampledRate::Config{3000ms, 4},
              SampledRate::Config{500ms, 1}}) {
            SampledRate rate(config);
            const auto t0 = SampledRate::Clock::time_point{} + 1h;
            for (int i = 0; i < 300; ++i)
                rate.record(100, t0 + i * 100ms);
            // Just before a new window would start (with one sample of 0.5 s, a later reading has none).
            const double measured = rate.perSecond(t0 + 29999ms);
            QVERIFY2(std::abs(measured - 1000) <= 1000 * 0.05, qPrintable(QString::number(measured)));
        }
    }

    void totalsBecomeEvents()
    {
        SampledRate rate({1000ms, 2});
        const auto t0 = SampledRate::Clock::time_point{} + 1h;
        rate.recordTotal(5000, t0); // baseline only: a task's earlier life is not counted
        QCOMPARE(rate.perSecond(t0 + 1ms), 0.0);
        rate.recordTotal(5300, t0 + 1000ms);
        rate.recordTotal(5600, t0 + 2000ms);
        // Samples at 1 s (300) and 2 s (300); at 2.5 s the one of 0 s is gone: 600 over 1.5 s.
        QCOMPARE(rate.perSecond(t0 + 2500ms), 600 / 1.5);
        // A counter that went back (a restarted task) adds nothing and becomes the new baseline.
        rate.recordTotal(10, t0 + 2600ms);
        rate.recordTotal(110, t0 + 2700ms);
        QCOMPARE(rate.perSecond(t0 + 2700ms), 700 / 1.7);
    }

    void workerSettings()
    {
        const auto c =
            SampledRate::Config::fromWorkerProps({{"sample.window.ms", "5000"}, {"num.samples", "3"}});
        QCOMPARE(c.sampleWindow, 5000ms);
        QCOMPARE(c.samples, 3);
        const auto d = SampledRate::Config::fromWorkerProps({{"sample.window.ms", "soon"}});
        QCOMPARE(d.sampleWindow, 30000ms); // Apache's defaults
        QCOMPARE(d.samples, 2);
        QCOMPARE(SampledRate::Config::fromWorker(nullptr).sampleWindow, 30000ms);
    }
};

QTEST_MAIN(TestSampledRate)
#include "tst_sampled_rate.moc"
