#include "throughput_tab.h"

#include "cluster_observation.h"
#include "throughput_chart.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace connectdesk::ui::observe {

using connectdesk::observe::LagSample;
using connectdesk::observe::RateSample;

void appendRates(ThroughputChart& chart, const QList<RateSample>& rates, const QString& connector)
{
    // The connector's own series first (legend and totals start with them), then its tasks'.
    QList<const RateSample*> ordered;
    for (const RateSample& r : rates)
        if (r.connector == connector && r.task < 0)
            ordered.append(&r);
    for (const RateSample& r : rates)
        if (r.connector == connector && r.task >= 0)
            ordered.append(&r);
    for (const RateSample* sample : std::as_const(ordered)) {
        const RateSample& r = *sample;
        const QString prefix = r.task < 0 ? QString() : QStringLiteral("task %1 ").arg(r.task);
        const QString in = prefix + QStringLiteral("in");
        const QString out = prefix + QStringLiteral("out");
        if (r.task >= 0) {
            // A connector with many tasks draws its busiest few; the rest are summed per side.
            const QString member = QStringLiteral("task %1").arg(r.task);
            chart.setFoldable(in, member, QStringLiteral("tasks in"));
            chart.setFoldable(out, member, QStringLiteral("tasks out"));
        }
        chart.appendPoint(in, r.timestampMs, r.inPerSec);
        chart.appendPoint(out, r.timestampMs, r.outPerSec);
        // Totals only beside a series that has points (a NaN side creates none).
        if (r.totalIn >= 0 && chart.historySize(in) > 0)
            chart.setTotal(in, r.totalIn);
        if (r.totalOut >= 0 && chart.historySize(out) > 0)
            chart.setTotal(out, r.totalOut);
    }
    chart.flush();
}

void appendLags(ThroughputChart& chart, const QList<LagSample>& lags, const QString& connector)
{
    std::map<qint64, qint64> sums;
    for (const LagSample& l : lags) {
        if (l.connector != connector)
            continue;
        const QString partition = QStringLiteral("%1-%2").arg(l.topic).arg(l.partition);
        chart.setFoldable(partition, partition, QStringLiteral("partitions"));
        chart.appendPoint(partition, l.timestampMs, static_cast<double>(l.lag));
        sums[l.timestampMs] += l.lag;
    }
    for (const auto& [t, sum] : sums)
        chart.appendPoint(QStringLiteral("all partitions"), t, static_cast<double>(sum));
    chart.flush();
}

ThroughputTab::ThroughputTab(ClusterObservation* cluster, QString connector, const QString& connectorType,
                             QWidget* parent)
    : QWidget(parent), m_cluster(cluster), m_connector(std::move(connector))
{
    setObjectName(QStringLiteral("throughputTab"));
    m_chart = new ThroughputChart(ThroughputChart::Kind::Throughput, this);
    m_chart->setObjectName(QStringLiteral("throughputChart"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("throughputError"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    const bool sink = connectorType == QLatin1String("sink");
    if (sink && !cluster->isEmbedded()) {
        m_lag = new ThroughputChart(ThroughputChart::Kind::Lag, this);
        m_lag->setObjectName(QStringLiteral("lagChart"));
        auto* split = new QSplitter(Qt::Vertical, this);
        split->addWidget(m_chart);
        split->addWidget(m_lag);
        layout->addWidget(split, 1);
    } else {
        layout->addWidget(m_chart, 1);
    }
    const QString reason = cluster->throughputUnavailableReason();
    m_chart->setMessage(reason);
    if (!reason.isEmpty() && !cluster->isEmbedded())
        return; // nothing will ever arrive until the cluster is edited (the tabs are rebuilt then)
    connect(cluster, &ClusterObservation::sampled, this,
            [this](const QList<RateSample>& rates, const QList<LagSample>& lags) {
                appendRates(*m_chart, rates, m_connector);
                if (m_lag)
                    appendLags(*m_lag, lags, m_connector);
                if (!m_chart->seriesNames().isEmpty())
                    m_chart->setMessage(QString());
                m_error->hide();
            });
    connect(cluster, &ClusterObservation::samplingError, this, [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
    });
    cluster->watch(m_connector, connectorType);
}

ThroughputTab::~ThroughputTab()
{
    if (m_cluster)
        m_cluster->unwatch(m_connector);
}

QString ThroughputTab::message() const
{
    return m_chart->message();
}

} // namespace connectdesk::ui::observe
