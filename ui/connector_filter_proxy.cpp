#include "connector_filter_proxy.h"

#include "connector_table_model.h"

namespace connectdesk::ui {

ConnectorFilterProxy::ConnectorFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Rows changed by a refresh move to their sorted place and are re-checked against the filter.
    setDynamicSortFilter(true);
}

void ConnectorFilterProxy::setStateFilter(const QString& state)
{
    m_state = state;
    invalidateRowsFilter();
}

void ConnectorFilterProxy::setTypeFilter(const QString& type)
{
    m_type = type;
    invalidateRowsFilter();
}

void ConnectorFilterProxy::setTextFilter(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool ConnectorFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_state.isEmpty()) {
        const QString state = index.data(ConnectorTableModel::StateRole).toString();
        if (m_state == anyFailure()) {
            if (state != QLatin1String("FAILED") &&
                index.data(ConnectorTableModel::FailedTasksRole).toInt() == 0)
                return false;
        } else if (state != m_state) {
            return false;
        }
    }
    if (!m_type.isEmpty() && index.data(ConnectorTableModel::TypeRole).toString() != m_type)
        return false;
    if (!m_text.isEmpty() &&
        !index.data(ConnectorTableModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace connectdesk::ui
