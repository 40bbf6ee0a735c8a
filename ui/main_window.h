// The console's main window: clusters on the left (the embedded worker first, then the remote
// clusters the user added), the selected cluster's page on the right.
#pragma once

#include "cluster_store.h"

#include <QMainWindow>
#include <QUrl>

class QListView;
class QStackedWidget;
class QStandardItemModel;

namespace connectdesk::ui {

class ClusterView;

struct MainWindowOptions {
    // REST address of the embedded worker on loopback; empty when it is not running.
    QUrl embeddedUrl;
    QString embeddedUnavailableReason;
    // The embedded worker runs on the sandbox (librdkafka's in-memory mock cluster).
    bool embeddedOnSandbox = true;
    // Settings file for the cluster list; empty = the user's QSettings.
    QString settingsFile;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(MainWindowOptions options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    static QString embeddedId() { return QStringLiteral("embedded"); }

    // Saves a remote cluster (new when profile.id is empty), selects it and returns its id.
    QString addCluster(const ClusterProfile& profile, const QString& password);
    void removeCluster(const QString& id);
    // The embedded worker came up at `url` (or could not: `unavailableReason`); its page follows.
    void setEmbeddedWorker(const QUrl& url, const QString& unavailableReason = {});
    void selectCluster(const QString& id);
    QString currentClusterId() const;
    ClusterView* currentView() const;
    ClusterStore* store() const { return m_store; }
    QListView* clusterList() const { return m_clusterList; }

private:
    void rebuildClusterList();
    void showCluster(const QString& id);
    void addClusterInteractively();
    void editCurrentCluster();
    void removeCurrentCluster();
    void testCurrentCluster();
    ClusterView* viewFor(const QString& id);

    MainWindowOptions m_options;
    ClusterStore* m_store = nullptr;
    QStandardItemModel* m_clusters = nullptr;
    QListView* m_clusterList = nullptr;
    QStackedWidget* m_pages = nullptr;
    QHash<QString, ClusterView*> m_views;
    QHash<QString, client::ClusterClient*> m_clients;
};

} // namespace connectdesk::ui
