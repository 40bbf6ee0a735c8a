// The console's observability hub: owns the log, status-history and internal-topic docks, the
// tray notifications of FAILED connectors/tasks, and the per-cluster throughput sources the
// connector detail's Throughput / Lag / History / Peek tabs draw from (issue #7).
#pragma once

#include "client/cluster_client.h"
#include "embedded_kafka.h"
#include "observe/topic_record.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace connectdesk::runtime {
class StandaloneHerder;
}

namespace connectdesk::ui {
struct ClusterProfile;
}

namespace connectdesk::ui::observe {

class ClusterObservation;
class FailureNotifier;
class InternalTopicsDock;
class LogDock;
class StatusTimelineWidget;

class ObservabilityController : public QObject {
    Q_OBJECT
public:
    // Adds its docks (logs, status history, internal topics, all hidden at first), an "Observe"
    // menu with their toggles and the Restart action of the latest failure, and the tray icon
    // (when `useTray` and the platform has a tray) to `window`. The log dock's spdlog sink is
    // installed here: create the controller before the embedded worker starts logging.
    explicit ObservabilityController(QMainWindow* window, bool useTray = true);
    ~ObservabilityController() override;

    // The embedded worker's herder, for in-process metrics (null when not running in-process).
    void setEmbeddedHerder(runtime::StandaloneHerder* herder);
    // A cluster the window shows. profile == nullptr means the embedded worker. `kafkaSecrets`
    // are the secret Kafka client properties (ClusterStore::readKafkaSecrets) over the profile's.
    // Calling it again for the same id replaces the cluster (open tabs keep the old one until
    // rebuilt: clusterChanged tells when).
    void setCluster(const QString& clusterId, const QString& displayName, client::ClusterClient* client,
                    const ClusterProfile* profile, const QMap<QString, QString>& kafkaSecrets = {});
    // The embedded worker as a cluster, with how to read its Kafka (embeddedKafka(): empty
    // properties when the console does not know its address): Throughput from its herder, Peek
    // through its Kafka with its converters; no History or internal topics (standalone).
    void setEmbeddedCluster(const QString& clusterId, const QString& displayName,
                            client::ClusterClient* client, const EmbeddedKafka& kafka);
    void removeCluster(const QString& clusterId);
    // Feed from ClusterView::connectorsRefreshed: drives FAILED notifications and badges.
    void connectorsRefreshed(const QString& clusterId, const QList<client::ConnectorOverview>& connectors);
    // The cluster page now in front (status history / internal topics docks follow it).
    void clusterShown(const QString& clusterId);

    // The Throughput (chart, with Lag for sinks of remote clusters), History (status timeline of
    // this connector) and Peek tabs for one connector; empty when the cluster is unknown. Widgets
    // are parented to `parent`; deleting them stops what they read.
    QList<QPair<QString, QWidget*>> connectorTabs(const QString& clusterId, const QString& connector,
                                                  const QString& connectorType, QWidget* parent);

    // What the detail tabs and tests use: the per-cluster state (null for an unknown id).
    ClusterObservation* cluster(const QString& clusterId) const;
    FailureNotifier* notifier() const { return m_notifier; }
    LogDock* logDock() const { return m_logDock; }
    QDockWidget* statusDock() const { return m_statusDock; }
    StatusTimelineWidget* statusTimeline() const { return m_statusTimeline; }
    InternalTopicsDock* internalTopicsDock() const { return m_topicsDock; }
    QMenu* menu() const { return m_menu; }
    QString shownCluster() const { return m_shown; }

Q_SIGNALS:
    // Number of FAILED connectors+tasks of a cluster changed: show it as a badge in the cluster list.
    void failedCountChanged(const QString& clusterId, int failed);
    // The user clicked a notification: bring this connector to front.
    void showConnectorRequested(const QString& clusterId, const QString& connector);
    // A cluster was added, replaced or removed (detail tabs re-bind).
    void clusterChanged(const QString& clusterId);

private:
    void install(ClusterObservation* cluster, client::ClusterClient* client);
    void followShownStatus();

    QMainWindow* m_window;
    runtime::StandaloneHerder* m_herder = nullptr;
    QHash<QString, ClusterObservation*> m_clusters;
    FailureNotifier* m_notifier = nullptr;
    LogDock* m_logDock = nullptr;
    QDockWidget* m_statusDock = nullptr;
    StatusTimelineWidget* m_statusTimeline = nullptr;
    InternalTopicsDock* m_topicsDock = nullptr;
    QMenu* m_menu = nullptr;
    QString m_shown;
    QString m_statusFollowed; // cluster id the status dock reads
};

} // namespace connectdesk::ui::observe
