#include "secret_value_delegate.h"

#include <QLineEdit>

namespace connectdesk::ui {

SecretValueDelegate::SecretValueDelegate(std::function<bool(const QString&, const QString&)> isSecret,
                                         QObject* parent)
    : QStyledItemDelegate(parent), m_isSecret(std::move(isSecret))
{
}

bool SecretValueDelegate::secret(const QModelIndex& index) const
{
    return m_isSecret(index.siblingAtColumn(0).data().toString(), index.data().toString());
}

void SecretValueDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (secret(index) && !option->text.isEmpty())
        option->text = QString(8, QChar(0x2022));
}

QWidget* SecretValueDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                           const QModelIndex& index) const
{
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto* line = qobject_cast<QLineEdit*>(editor); line && secret(index))
        line->setEchoMode(QLineEdit::Password);
    return editor;
}

} // namespace connectdesk::ui
