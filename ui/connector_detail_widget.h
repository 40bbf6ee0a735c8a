// Everything about one connector: its tasks (state, worker), its configuration with secrets
// masked, the failure trace of the connector or a task (copyable), its topics and its offsets.
#pragma once

#include "client/cluster_client.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;
class QTabWidget;

namespace connectdesk::ui {

namespace observe {
class ObservabilityController;
}

// True for config keys whose values are secrets (Connect types them PASSWORD; the table only
// sees strings, so decide by name). `${provider:path:key}` references are not secrets.
bool isSecretConfig(const QString& key, const QString& value);

class ConnectorDetailWidget : public QWidget {
    Q_OBJECT
public:
    explicit ConnectorDetailWidget(QWidget* parent = nullptr);

    void setClient(client::ClusterClient* client);
    // Shows `connector`; topics and offsets are fetched again only when the name changes or
    // `refetch` is true.
    void showConnector(const client::ConnectorOverview& connector, bool refetch = false);
    void clear();
    QString connectorName() const { return m_name; }

    // The task selected in the task table, if any.
    std::optional<int> selectedTask() const;
    QString traceText() const;
    QTabWidget* tabs() const { return m_tabs; }
    // Adds the Throughput, History and Peek tabs of the shown connector (issue #7), rebuilt when
    // another connector is shown or the cluster's settings change.
    void setObservability(observe::ObservabilityController* controller, const QString& clusterId);

Q_SIGNALS:
    void taskSelectionChanged();

private:
    void showTrace();
    void fetchExtras();
    void rebuildObserveTabs();
    void removeObserveTabs();

    client::ClusterClient* m_client = nullptr; // owned by the MainWindow, which deletes views first
    QString m_name;
    client::ConnectorOverview m_current;
    QLabel* m_header = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_tasks = nullptr;
    QTableWidget* m_config = nullptr;
    QPlainTextEdit* m_trace = nullptr;
    QLabel* m_traceTitle = nullptr;
    QListWidget* m_topics = nullptr;
    QPlainTextEdit* m_offsets = nullptr;
    QPointer<observe::ObservabilityController> m_observe;
    QString m_clusterId;
    QList<QPointer<QWidget>> m_observeTabs;
};

} // namespace connectdesk::ui
