// The console's main window: clusters on the left (the embedded worker first, then the remote
// clusters the user added), the selected cluster's page on the right.
#pragma once

#include "cluster_store.h"
#include "embedded_worker_controller.h"

#include <QMainWindow>
#include <QUrl>

class QListView;
class QStackedWidget;
class QStandardItemModel;

namespace connectdesk::runtime {
class StandaloneHerder;
}

namespace connectdesk::ui {

namespace observe {
class ObservabilityController;
}

class ClusterView;
class PromoteDialog;

struct MainWindowOptions {
    // REST address of the embedded worker on loopback; empty when it is not running.
    QUrl embeddedUrl;
    QString embeddedUnavailableReason;
    // The embedded worker runs on the sandbox (librdkafka's in-memory mock cluster).
    bool embeddedOnSandbox = true;
    // Settings file for the cluster list; empty = the user's QSettings.
    QString settingsFile;
    // Start the embedded worker in-process (EmbeddedWorkerController) from the saved settings, or
    // from `embeddedProperties` when given (--embedded-config).
    bool startEmbedded = false;
    std::optional<runtime::ConfigMap> embeddedProperties;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(MainWindowOptions options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    static QString embeddedId() { return QStringLiteral("embedded"); }

    // Saves a remote cluster (new when profile.id is empty), selects it and returns its id.
    // Secret Kafka properties (ClusterProfile::isSecretProperty) go to the keychain with the password.
    QString addCluster(const ClusterProfile& profile, const QString& password,
                       const QMap<QString, QString>& kafkaSecrets = {});
    void removeCluster(const QString& id);
    // The embedded worker came up at `url` (or could not: `unavailableReason`); its page follows.
    void setEmbeddedWorker(const QUrl& url, const QString& unavailableReason = {});
    // The embedded worker's herder when it runs in this process (for in-process metrics), or null.
    // The caller clears it before the worker stops.
    void setEmbeddedHerder(runtime::StandaloneHerder* herder);
    runtime::StandaloneHerder* embeddedHerder() const { return m_embeddedHerder; }
    EmbeddedWorkerController* embeddedController() const { return m_embedded; }
    // (Re)starts the in-process embedded worker from the saved settings (or the override), or stops it.
    void startEmbeddedWorker();
    void stopEmbeddedWorker();
    EmbeddedWorkerSettings embeddedSettings() const;
    // Saves the settings; `restart` applies them by restarting the worker.
    void setEmbeddedSettings(const EmbeddedWorkerSettings& settings, bool restart);
    void selectCluster(const QString& id);
    QString currentClusterId() const;
    ClusterView* currentView() const;
    ClusterStore* store() const { return m_store; }
    QListView* clusterList() const { return m_clusterList; }
    // Opens the promote dialog for `connector` of cluster `sourceId` (the view's Promote action).
    PromoteDialog* openPromote(const QString& sourceId, const QString& connector,
                               const client::ConnectorConfig& config);
    // Throughput, history, peek, logs, internal topics and failure notifications (issue #7).
    observe::ObservabilityController* observability() const { return m_observe; }

private:
    void rebuildClusterList();
    void showCluster(const QString& id);
    void addClusterInteractively();
    void editCurrentCluster();
    void removeCurrentCluster();
    void testCurrentCluster();
    void editEmbeddedSettings();
    void updateEmbeddedButtons();
    ClusterView* viewFor(const QString& id);
    // The cluster list shows FAILED connectors/tasks of a cluster as an icon and a tooltip line.
    void setFailedBadge(const QString& id, int failed);

    MainWindowOptions m_options;
    ClusterStore* m_store = nullptr;
    QStandardItemModel* m_clusters = nullptr;
    QListView* m_clusterList = nullptr;
    QStackedWidget* m_pages = nullptr;
    QHash<QString, ClusterView*> m_views;
    QHash<QString, client::ClusterClient*> m_clients;
    runtime::StandaloneHerder* m_embeddedHerder = nullptr; // not owned: lives on the worker's thread
    EmbeddedWorkerController* m_embedded = nullptr;
    observe::ObservabilityController* m_observe = nullptr;
    QHash<QString, int> m_failed; // cluster id -> FAILED connectors+tasks, for the badge
};

} // namespace connectdesk::ui
