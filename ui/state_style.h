// How connector and task states look in the console: one colour and one icon per state of
// spec/connect-rest-api.md §5, so a failed task stands out the same way in every view.
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace connectdesk::ui {

QColor stateColor(const QString& state);
QIcon stateIcon(const QString& state);
// "Running", "Failed", … ; unknown states are shown as sent.
QString stateLabel(const QString& state);

} // namespace connectdesk::ui
