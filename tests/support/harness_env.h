// Reads the addresses that the harness fixtures wrote (real broker, real Apache Kafka Connect),
// so integration tests find them without hard-coded ports.
#pragma once

#include <QHash>
#include <QString>

namespace connectdesk::testing {

// KEY=VALUE pairs from the file named by $CONNECTDESK_HARNESS_ENV; empty when it is missing.
QHash<QString, QString> harnessEnv();

// The value of one key, or an empty string.
QString harnessValue(const QString& key);

} // namespace connectdesk::testing
