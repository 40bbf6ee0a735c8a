// One cluster's page: overview (version, commit, Kafka cluster id, connectors and tasks by state),
// the filterable connector table refreshed from one expand call, the selected connector's detail,
// and the one-click actions (restart, pause, resume, stop, delete) with progress and result.
#pragma once

#include "client/cluster_client.h"
#include "connector_filter_proxy.h"
#include "connector_table_model.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QTableView;
class QTimer;
class QToolBar;

namespace connectdesk::ui {

class ConnectorDetailWidget;

class ClusterView : public QWidget {
    Q_OBJECT
public:
    enum class Action {
        Refresh,
        RestartConnector,
        RestartTask,
        RestartFailedTasks,
        RestartAllFailed,
        Pause,
        Resume,
        Stop,
        Delete,
        NewConnector,
        Reconfigure,
        Promote,
        Offsets,
        Loggers,
    };

    // `client` may be null (embedded worker not running): the page then says so.
    ClusterView(client::ClusterClient* client, const QString& title, int refreshSeconds,
                QWidget* parent = nullptr);

    void setClient(client::ClusterClient* client, const QString& unavailableReason = {});
    client::ClusterClient* client() const { return m_client; }

    ConnectorTableModel* model() const { return m_model; }
    ConnectorFilterProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    ConnectorDetailWidget* detail() const { return m_detail; }
    QAction* action(Action id) const;
    QString selectedConnector() const;
    bool selectConnector(const QString& name);
    // The last action or refresh outcome shown to the user.
    QString resultText() const;
    QString overviewText() const;
    int pendingActions() const { return m_pending; }
    bool refreshInFlight() const { return m_refreshing; }

    void setAutoRefresh(bool on, int seconds);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed(bool ok);
    // After every successful refresh, with the whole answer (observability feeds on it).
    void connectorsRefreshed(const QList<client::ConnectorOverview>& connectors);
    // The user asked to copy `connector` (with `config`) to another cluster: the window, which
    // knows the clusters, opens the promote dialog.
    void promoteRequested(const QString& connector, const client::ConnectorConfig& config);
    void actionFinished(bool ok, const QString& message);

private:
    void buildActions();
    void updateOverview();
    void updateActions();
    void onSelectionChanged();
    void showResult(bool ok, const QString& text);
    void runDone(const QString& progress, const QString& success,
                 const std::function<void(QObject*, client::Callback<client::Done>)>& call);
    void restartAllFailed();
    void deleteSelected();
    void openEditor(bool reconfigure);
    void openOffsets();
    void openLoggers();

    client::ClusterClient* m_client = nullptr; // owned by the MainWindow, which deletes views first
    QString m_title;
    QString m_unavailable;
    std::optional<client::ServerInfo> m_serverInfo;
    ConnectorTableModel* m_model = nullptr;
    ConnectorFilterProxy* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    ConnectorDetailWidget* m_detail = nullptr;
    QLabel* m_overview = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_result = nullptr;
    QProgressBar* m_busy = nullptr;
    QToolBar* m_toolbar = nullptr;
    QComboBox* m_stateFilter = nullptr;
    QComboBox* m_typeFilter = nullptr;
    QLineEdit* m_textFilter = nullptr;
    QCheckBox* m_autoRefresh = nullptr;
    QSpinBox* m_interval = nullptr;
    QTimer* m_timer = nullptr;
    QMap<Action, QAction*> m_actions;
    bool m_refreshing = false;
    bool m_refreshAgain = false; // refresh() was called while one was in flight
    int m_clientGeneration = 0;  // bumped by setClient(): older answers are dropped
    int m_pending = 0;
};

} // namespace connectdesk::ui
