#include "embedded_rate_source.h"

#include <QDateTime>

#include <cmath>

namespace connectdesk::ui::observe {

using connectdesk::observe::LagSample;
using connectdesk::observe::RateSample;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// (in, out) metric names per task type (spec §10.3, §10.4).
std::pair<const char*, const char*> metricNames(runtime::ConnectorType type)
{
    if (type == runtime::ConnectorType::Sink)
        return {"sink-record-read-total", "sink-record-send-total"};
    return {"source-record-poll-total", "source-record-write-total"};
}

qint64 metric(const runtime::TaskMetrics& task, const char* name)
{
    const char* group =
        task.type == runtime::ConnectorType::Sink ? "sink-task-metrics" : "source-task-metrics";
    const auto g = task.groups.find(group);
    if (g == task.groups.end())
        return -1;
    const auto m = g->second.find(name);
    return m == g->second.end() ? -1 : static_cast<qint64>(std::llround(m->second));
}

} // namespace

EmbeddedRateSource::EmbeddedRateSource(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<QList<RateSample>>();
    qRegisterMetaType<QList<LagSample>>();
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &EmbeddedRateSource::poll);
    m_clock.start();
}

EmbeddedRateSource::~EmbeddedRateSource()
{
    m_guard.detach();
}

void EmbeddedRateSource::setHerder(runtime::Herder* herder)
{
    if (herder == m_herder)
        return;
    m_herder = herder;
    ++m_generation;
    m_inFlight = false;
    m_haveBaseline = false;
    m_previous.clear();
}

void EmbeddedRateSource::setIntervalMs(int ms)
{
    m_timer.setInterval(std::max(100, ms));
}

void EmbeddedRateSource::start()
{
    if (!m_timer.isActive()) {
        m_timer.start();
        poll(); // the baseline now, the first rates one interval later
    }
}

void EmbeddedRateSource::stop()
{
    m_timer.stop();
    m_haveBaseline = false;
    m_previous.clear();
}

void EmbeddedRateSource::poll()
{
    // One report at a time: a busy herder skips ticks rather than queueing them up.
    if (!m_herder || m_inFlight)
        return;
    m_inFlight = true;
    const quint64 generation = m_generation;
    const GuardedTarget::Handle handle = m_guard.handle();
    const QElapsedTimer clock = m_clock;
    EmbeddedRateSource* self = this;
    m_herder->metrics([handle, self, generation, clock](runtime::Result<runtime::MetricsReport> result) {
        // On the herder thread: the time is taken here, next to the snapshot, not when the GUI
        // thread gets round to the result.
        const qint64 ns = clock.nsecsElapsed();
        const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
        handle.post([self, generation, ns, wallMs, result = std::move(result)] {
            self->onReport(generation, result, ns, wallMs);
        });
    });
}

void EmbeddedRateSource::onReport(quint64 generation, const runtime::Result<runtime::MetricsReport>& result,
                                  qint64 steadyNs, qint64 wallMs)
{
    if (generation != m_generation)
        return;
    m_inFlight = false;
    if (!m_timer.isActive())
        return;
    if (!result.ok()) {
        Q_EMIT errorOccurred(QString::fromStdString(result.error->message));
        return;
    }
    const QList<RateSample> rates = ratesFrom(*result.value, steadyNs - m_lastNs, wallMs);
    m_lastNs = steadyNs;
    Q_EMIT sampled(rates, {});
}

QList<RateSample> EmbeddedRateSource::ratesFrom(const runtime::MetricsReport& report, qint64 elapsedNs,
                                                qint64 wallMs)
{
    const double seconds = static_cast<double>(elapsedNs) / 1e9;
    const bool rated = m_haveBaseline && seconds > 0;
    std::map<runtime::TaskId, Totals> now;
    QList<RateSample> out;
    // Per connector: the sum over its tasks of what could be rated.
    RateSample connector;
    bool connectorRated = false;
    const auto flushConnector = [&] {
        if (connector.connector.isEmpty())
            return;
        if (!connectorRated)
            connector.inPerSec = connector.outPerSec = kNaN;
        out.append(connector);
    };
    for (const runtime::TaskMetrics& task : report.tasks) {
        const auto [inName, outName] = metricNames(task.type);
        Totals t{metric(task, inName), metric(task, outName)};
        now[task.id] = t;
        RateSample s;
        s.timestampMs = wallMs;
        s.connector = QString::fromStdString(task.id.connector);
        s.task = task.id.task;
        s.totalIn = t.in;
        s.totalOut = t.out;
        const auto prev = m_previous.find(task.id);
        if (rated && prev != m_previous.end()) {
            if (t.in >= 0 && prev->second.in >= 0 && t.in >= prev->second.in)
                s.inPerSec = static_cast<double>(t.in - prev->second.in) / seconds;
            if (t.out >= 0 && prev->second.out >= 0 && t.out >= prev->second.out)
                s.outPerSec = static_cast<double>(t.out - prev->second.out) / seconds;
        }
        if (s.connector != connector.connector) {
            flushConnector();
            connector = RateSample{};
            connector.timestampMs = wallMs;
            connector.connector = s.connector;
            connector.inPerSec = connector.outPerSec = 0;
            connector.totalIn = connector.totalOut = 0;
            connectorRated = false;
        }
        if (!std::isnan(s.inPerSec) || !std::isnan(s.outPerSec))
            connectorRated = true;
        connector.inPerSec += std::isnan(s.inPerSec) ? 0 : s.inPerSec;
        connector.outPerSec += std::isnan(s.outPerSec) ? 0 : s.outPerSec;
        connector.totalIn = t.in < 0 || connector.totalIn < 0 ? -1 : connector.totalIn + t.in;
        connector.totalOut = t.out < 0 || connector.totalOut < 0 ? -1 : connector.totalOut + t.out;
        out.append(s);
    }
    flushConnector();
    m_previous = std::move(now);
    m_haveBaseline = true;
    return out;
}

} // namespace connectdesk::ui::observe
