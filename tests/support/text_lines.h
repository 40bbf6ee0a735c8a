// Text files as the tests read them back (connector and task logs, sink files).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace connectdesk::testing {

// Lines of a text file without their terminators (a last line without '\n' is included); empty
// when the file cannot be read.
QList<QByteArray> readLines(const QString& path);

} // namespace connectdesk::testing
