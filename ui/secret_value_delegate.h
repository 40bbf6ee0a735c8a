// Shows the values of secret keys (the key in column 0 decides) as dots in a table and edits them
// in password mode, so a glance at the screen never reveals them.
#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace connectdesk::ui {

class SecretValueDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // `isSecret(key, value)` decides per row.
    SecretValueDelegate(std::function<bool(const QString&, const QString&)> isSecret, QObject* parent);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;

private:
    bool secret(const QModelIndex& index) const;
    std::function<bool(const QString&, const QString&)> m_isSecret;
};

} // namespace connectdesk::ui
