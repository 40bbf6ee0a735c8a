// Records/s of the embedded worker's connectors and tasks, from the worker's own metrics (spec
// §10, source-task-metrics and sink-task-metrics totals) read once a second: the rate is the growth
// of a task's totals between two reports divided by the time between them, so it matches what the
// task did in that second rather than Connect's windowed *-rate metrics.
#pragma once

#include "guarded_target.h"
#include "observe/throughput_sampler.h"
#include "runtime/herder.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>

namespace connectdesk::ui::observe {

class EmbeddedRateSource : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedRateSource(QObject* parent = nullptr);
    ~EmbeddedRateSource() override;

    // The herder to read (null: none). Must stay valid until replaced; a report still in flight
    // from the previous herder is dropped.
    void setHerder(runtime::Herder* herder);
    runtime::Herder* herder() const { return m_herder; }
    void setIntervalMs(int ms);
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // The samples for one report taken `elapsedNs` (steady clock) after the previous one; updates
    // the baselines. Task totals that went down (a restarted task) restart that task's baseline.
    QList<connectdesk::observe::RateSample> ratesFrom(const runtime::MetricsReport& report, qint64 elapsedNs,
                                                      qint64 wallMs);

Q_SIGNALS:
    // Same shape as ThroughputSampler::sampled, on this object's thread; lags are empty (the
    // embedded worker's sink lag is not sampled here).
    void sampled(const QList<connectdesk::observe::RateSample>& rates,
                 const QList<connectdesk::observe::LagSample>& lags);
    void errorOccurred(const QString& message);

private:
    void poll();
    void onReport(quint64 generation, const runtime::Result<runtime::MetricsReport>& result, qint64 steadyNs,
                  qint64 wallMs);

    struct Totals {
        qint64 in = -1;
        qint64 out = -1;
    };
    QTimer m_timer;
    runtime::Herder* m_herder = nullptr;
    quint64 m_generation = 0; // bumped by setHerder, so late reports of an old herder are dropped
    bool m_inFlight = false;
    bool m_haveBaseline = false;
    qint64 m_lastNs = 0;
    std::map<runtime::TaskId, Totals> m_previous;
    QElapsedTimer m_clock;
    GuardedTarget m_guard{this};
};

} // namespace connectdesk::ui::observe
