#include "connector_table_model.h"

#include "state_style.h"

#include <QBrush>

#include <algorithm>

namespace connectdesk::ui {

namespace {

QString connectorState(const client::ConnectorOverview& c)
{
    return c.status ? c.status->connector.state : QString();
}

QString connectorType(const client::ConnectorOverview& c)
{
    if (c.status && !c.status->type.isEmpty())
        return c.status->type;
    return c.info ? c.info->type : QString();
}

int failedTasks(const client::ConnectorOverview& c)
{
    if (!c.status)
        return 0;
    return static_cast<int>(
        std::count_if(c.status->tasks.begin(), c.status->tasks.end(),
                      [](const client::TaskState& t) { return t.state == QLatin1String("FAILED"); }));
}

int runningTasks(const client::ConnectorOverview& c)
{
    if (!c.status)
        return 0;
    return static_cast<int>(
        std::count_if(c.status->tasks.begin(), c.status->tasks.end(),
                      [](const client::TaskState& t) { return t.state == QLatin1String("RUNNING"); }));
}

QString connectorClass(const client::ConnectorOverview& c)
{
    return c.info ? c.info->config.value(QStringLiteral("connector.class")) : QString();
}

} // namespace

ConnectorTableModel::ConnectorTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int ConnectorTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConnectorTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Connector");
    case StateColumn:
        return tr("State");
    case TypeColumn:
        return tr("Type");
    case TasksColumn:
        return tr("Tasks");
    case ClassColumn:
        return tr("Class");
    case WorkerColumn:
        return tr("Worker");
    default:
        return {};
    }
}

QVariant ConnectorTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const client::ConnectorOverview& c = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return c.name;
    case StateRole:
        return connectorState(c);
    case TypeRole:
        return connectorType(c);
    case FailedTasksRole:
        return failedTasks(c);
    case SearchTextRole:
        return c.name + QLatin1Char(' ') + connectorClass(c);
    default:
        break;
    }
    const int failed = failedTasks(c);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case NameColumn:
            return c.name;
        case StateColumn:
            return stateLabel(connectorState(c));
        case TypeColumn:
            return connectorType(c);
        case TasksColumn: {
            if (!c.status)
                return QString();
            QString text = tr("%1/%2 running").arg(runningTasks(c)).arg(c.status->tasks.size());
            if (failed > 0)
                text += tr(", %n failed", nullptr, failed);
            return text;
        }
        case ClassColumn: {
            const QString cls = connectorClass(c);
            return role == Qt::ToolTipRole ? cls : cls.section(QLatin1Char('.'), -1);
        }
        case WorkerColumn:
            return c.status ? c.status->connector.workerId : QString();
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return stateIcon(connectorState(c));
    if (role == Qt::DecorationRole && index.column() == TasksColumn && failed > 0)
        return stateIcon(QStringLiteral("FAILED"));
    if (role == Qt::ForegroundRole && index.column() == StateColumn)
        return QBrush(stateColor(connectorState(c)));
    if (role == Qt::ForegroundRole && index.column() == TasksColumn && failed > 0)
        return QBrush(stateColor(QStringLiteral("FAILED")));
    return {};
}

int ConnectorTableModel::merge(const QList<client::ConnectorOverview>& connectors)
{
    // Two sorted lists walked together: runs of vanished names are removed, runs of new names
    // inserted, equal names compared and the changed ones reported with dataChanged — so views keep
    // selection, current index and scroll position (a reset would lose them).
    int changed = 0;
    qsizetype row = 0;
    qsizetype next = 0;
    qsizetype changedFirst = -1;
    qsizetype changedLast = -1;
    auto flushChanged = [&] {
        if (changedFirst >= 0) {
            Q_EMIT dataChanged(index(static_cast<int>(changedFirst), 0),
                               index(static_cast<int>(changedLast), ColumnCount - 1));
            changedFirst = changedLast = -1;
        }
    };
    while (row < m_rows.size() || next < connectors.size()) {
        const bool haveOld = row < m_rows.size();
        const bool haveNew = next < connectors.size();
        if (haveOld && (!haveNew || m_rows[row].name < connectors[next].name)) {
            flushChanged();
            qsizetype end = row + 1;
            while (end < m_rows.size() && (!haveNew || m_rows[end].name < connectors[next].name))
                ++end;
            beginRemoveRows({}, static_cast<int>(row), static_cast<int>(end - 1));
            m_rows.remove(row, end - row);
            endRemoveRows();
            changed += static_cast<int>(end - row);
        } else if (haveNew && (!haveOld || connectors[next].name < m_rows[row].name)) {
            flushChanged();
            qsizetype end = next + 1;
            while (end < connectors.size() && (!haveOld || connectors[end].name < m_rows[row].name))
                ++end;
            const qsizetype count = end - next;
            beginInsertRows({}, static_cast<int>(row), static_cast<int>(row + count - 1));
            m_rows.insert(row, count, client::ConnectorOverview{});
            for (qsizetype k = 0; k < count; ++k)
                m_rows[row + k] = connectors[next + k];
            endInsertRows();
            row += count;
            next = end;
            changed += static_cast<int>(count);
        } else {
            if (!(m_rows[row] == connectors[next])) {
                m_rows[row] = connectors[next];
                // One span per run between inserts/removals, gaps included: the proxy and views
                // handle one wide dataChanged far faster than hundreds of one-row ones.
                if (changedFirst < 0)
                    changedFirst = row;
                changedLast = row;
                ++changed;
            }
            ++row;
            ++next;
        }
    }
    flushChanged();
    return changed;
}

void ConnectorTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_rows.size() - 1));
    m_rows.clear();
    endRemoveRows();
}

const client::ConnectorOverview* ConnectorTableModel::connector(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ConnectorTableModel::rowOf(const QString& name) const
{
    auto it =
        std::lower_bound(m_rows.begin(), m_rows.end(), name,
                         [](const client::ConnectorOverview& c, const QString& n) { return c.name < n; });
    return it != m_rows.end() && it->name == name ? static_cast<int>(it - m_rows.begin()) : -1;
}

const client::ConnectorOverview* ConnectorTableModel::connector(const QString& name) const
{
    return connector(rowOf(name));
}

ClusterCounts ConnectorTableModel::counts() const
{
    ClusterCounts counts;
    counts.connectors = static_cast<int>(m_rows.size());
    for (const client::ConnectorOverview& c : m_rows) {
        counts.connectorsByState[c.status ? c.status->connector.state : QStringLiteral("UNKNOWN")]++;
        if (!c.status)
            continue;
        counts.tasks += static_cast<int>(c.status->tasks.size());
        for (const client::TaskState& t : c.status->tasks)
            counts.tasksByState[t.state]++;
        if (failedTasks(c) > 0)
            counts.connectorsWithFailedTasks++;
    }
    return counts;
}

QStringList ConnectorTableModel::connectorsWithFailures() const
{
    QStringList names;
    for (const client::ConnectorOverview& c : m_rows)
        if (connectorState(c) == QLatin1String("FAILED") || failedTasks(c) > 0)
            names << c.name;
    return names;
}

} // namespace connectdesk::ui
