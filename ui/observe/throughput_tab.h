// A connector's Throughput tab: its records/s in and out (connector total and per task) and, for
// sinks of a remote cluster, the lag per partition, fed by the cluster's shared sampling. Watching
// starts when the tab is created and ends when it is destroyed.
#pragma once

#include "observe/throughput_sampler.h"

#include <QPointer>
#include <QWidget>

class QLabel;

namespace connectdesk::ui::observe {

class ClusterObservation;
class ThroughputChart;

// Series names: "in"/"out" for the connector, "task N in"/"task N out" per task (foldable, member
// "task N", groups "tasks in" and "tasks out"); NaN sides are skipped and totals go beside the
// chart. Then one flush (one tick).
void appendRates(ThroughputChart& chart, const QList<connectdesk::observe::RateSample>& rates,
                 const QString& connector);
// One series per "topic-partition" (foldable, group "partitions") plus "all partitions", in
// records behind.
void appendLags(ThroughputChart& chart, const QList<connectdesk::observe::LagSample>& lags,
                const QString& connector);

class ThroughputTab : public QWidget {
    Q_OBJECT
public:
    ThroughputTab(ClusterObservation* cluster, QString connector, const QString& connectorType,
                  QWidget* parent = nullptr);
    ~ThroughputTab() override;

    ThroughputChart* chart() const { return m_chart; }
    ThroughputChart* lagChart() const { return m_lag; } // null for sources and the embedded worker
    QString message() const;

private:
    QPointer<ClusterObservation> m_cluster;
    QString m_connector;
    ThroughputChart* m_chart = nullptr;
    ThroughputChart* m_lag = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace connectdesk::ui::observe
