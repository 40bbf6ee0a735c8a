// Watches every refresh of every cluster for connectors and tasks that turn FAILED: each new
// failure is announced once (a signal always, a system-tray message when a tray exists) with a
// Restart action, and the count of failed parts per cluster drives the badge in the cluster list.
#pragma once

#include "client/cluster_client.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace connectdesk::ui::observe {

struct Failure {
    QString clusterId;
    QString connector;
    int task = -1; // -1: the connector itself
    QString workerId;
    QString trace;
    QString title() const;
};

class FailureNotifier : public QObject {
    Q_OBJECT
public:
    // `useTray`: show tray messages when the platform has a system tray.
    explicit FailureNotifier(QObject* parent = nullptr, bool useTray = true);
    ~FailureNotifier() override;

    void setCluster(const QString& clusterId, const QString& displayName, client::ClusterClient* client);
    void removeCluster(const QString& clusterId);
    // A whole refresh of one cluster: what is FAILED now and was not FAILED in the previous
    // refresh is announced; what recovered is forgotten, so a second failure is announced again.
    void connectorsRefreshed(const QString& clusterId, const QList<client::ConnectorOverview>& connectors);

    int failedCount(const QString& clusterId) const;
    QList<Failure> failures(const QString& clusterId) const;
    // The newest announced failure that is still failed (the one the Restart action restarts).
    std::optional<Failure> latest() const { return m_latest; }

    // Restarts one task (task >= 0) or the connector with its failed tasks, through the client.
    void restart(const QString& clusterId, const QString& connector, int task);
    // "Restart <that>" for latest(); disabled when nothing is failed. Also in the tray menu.
    QAction* restartAction() const { return m_restartAction; }
    QSystemTrayIcon* trayIcon() const { return m_tray; }

Q_SIGNALS:
    void failureRaised(const connectdesk::ui::observe::Failure& failure);
    void failedCountChanged(const QString& clusterId, int failed);
    void restartFinished(const QString& clusterId, const QString& connector, int task, bool ok,
                         const QString& message);
    // The user clicked the tray message of this failure.
    void showConnectorRequested(const QString& clusterId, const QString& connector);

private:
    struct Cluster {
        QString name;
        QPointer<client::ClusterClient> client;
        QHash<QString, Failure> failed; // by key connector#task
        bool seen = false;
    };
    static QString keyOf(const QString& connector, int task);
    void updateRestartAction();

    QHash<QString, Cluster> m_clusters;
    std::optional<Failure> m_latest;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_trayMenu = nullptr;
    QAction* m_restartAction = nullptr;
};

} // namespace connectdesk::ui::observe

Q_DECLARE_METATYPE(connectdesk::ui::observe::Failure)
