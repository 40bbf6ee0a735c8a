// The console's observability hub: owns the log, status-history and internal-topic docks, the
// tray notifications of FAILED connectors/tasks, and the per-cluster throughput sources the
// connector detail's Throughput / Lag / History / Peek tabs draw from (issue #7).
#pragma once

#include "client/cluster_client.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QMainWindow;

namespace connectdesk::runtime {
class StandaloneHerder;
}

namespace connectdesk::ui {
struct ClusterProfile;
}

namespace connectdesk::ui::observe {

class ClusterObservation;
class FailureNotifier;
class LogDock;

class ObservabilityController : public QObject {
    Q_OBJECT
public:
    // Adds its docks (logs, status history, internal topics), View-menu actions and the tray icon to
    // `window`.
    explicit ObservabilityController(QMainWindow* window);
    ~ObservabilityController() override;

    // The embedded worker's herder, for in-process metrics (null when not running in-process).
    void setEmbeddedHerder(runtime::StandaloneHerder* herder);
    // A cluster the window shows. profile == nullptr means the embedded worker.
    void setCluster(const QString& clusterId, const QString& displayName, client::ClusterClient* client,
                    const ClusterProfile* profile);
    void removeCluster(const QString& clusterId);
    // Feed from ClusterView::connectorsRefreshed: drives FAILED notifications and badges.
    void connectorsRefreshed(const QString& clusterId, const QList<client::ConnectorOverview>& connectors);
    // The cluster page now in front (status history / internal topics docks follow it).
    void clusterShown(const QString& clusterId);

    // What the detail tabs and tests use: the per-cluster state (null for an unknown id).
    ClusterObservation* cluster(const QString& clusterId) const;
    FailureNotifier* notifier() const { return m_notifier; }
    LogDock* logDock() const { return m_logDock; }
    QString shownCluster() const { return m_shown; }

Q_SIGNALS:
    // Number of FAILED connectors+tasks of a cluster changed: show it as a badge in the cluster list.
    void failedCountChanged(const QString& clusterId, int failed);
    // The user clicked a notification: bring this connector to front.
    void showConnectorRequested(const QString& clusterId, const QString& connector);
    // A cluster was added, replaced or removed (detail tabs re-bind).
    void clusterChanged(const QString& clusterId);

private:
    QMainWindow* m_window;
    runtime::StandaloneHerder* m_herder = nullptr;
    QHash<QString, ClusterObservation*> m_clusters;
    FailureNotifier* m_notifier = nullptr;
    LogDock* m_logDock = nullptr;
    QString m_shown;
};

} // namespace connectdesk::ui::observe
