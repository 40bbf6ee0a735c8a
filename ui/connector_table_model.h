// The connectors of one cluster as a table, fed by whole `GET /connectors?expand=status&expand=info`
// answers that are merged row by row (insert/remove/dataChanged, never a reset) so selection and
// scroll position survive every refresh.
#pragma once

#include "client/cluster_types.h"

#include <QAbstractTableModel>
#include <QList>

namespace connectdesk::ui {

// Counts shown by the cluster overview.
struct ClusterCounts {
    int connectors = 0;
    int tasks = 0;
    QMap<QString, int> connectorsByState;
    QMap<QString, int> tasksByState;
    int connectorsWithFailedTasks = 0;
};

class ConnectorTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, TypeColumn, TasksColumn, ClassColumn, WorkerColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        StateRole,       // connector state string as sent (§5)
        TypeRole,        // source / sink / unknown
        FailedTasksRole, // number of FAILED tasks
        SearchTextRole,  // what the text filter looks at
    };

    explicit ConnectorTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Merges a fresh answer into the rows: `connectors` must be sorted by name (as
    // ClusterClient::connectorsExpanded delivers them). Returns the number of rows that changed.
    int merge(const QList<client::ConnectorOverview>& connectors);
    void clear();

    const client::ConnectorOverview* connector(int row) const;
    const client::ConnectorOverview* connector(const QString& name) const;
    int rowOf(const QString& name) const;
    ClusterCounts counts() const;
    // Names of connectors that are FAILED or have a FAILED task.
    QStringList connectorsWithFailures() const;

private:
    QList<client::ConnectorOverview> m_rows; // sorted by name
};

} // namespace connectdesk::ui
