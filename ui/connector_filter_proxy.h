// Filters and sorts the connector table by state, type and free text without touching the
// source model, so refresh merges and filtering stay independent.
#pragma once

#include <QSortFilterProxyModel>

namespace connectdesk::ui {

class ConnectorFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    // The state filter value that matches connectors which are FAILED or have a FAILED task.
    static QString anyFailure() { return QStringLiteral("ANY_FAILURE"); }

    explicit ConnectorFilterProxy(QObject* parent = nullptr);

    // Empty string = no filter on that field.
    void setStateFilter(const QString& state);
    void setTypeFilter(const QString& type);
    void setTextFilter(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_state;
    QString m_type;
    QString m_text;
};

} // namespace connectdesk::ui
