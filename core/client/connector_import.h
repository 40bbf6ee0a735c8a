// Turns what a user pastes or opens into a connector config: the JSON of a create request
// ({"name":…,"config":{…}}), a flat config map, a Java .properties file as shipped with Apache
// Kafka, or a whole `curl` command from the Apache Kafka Connect docs (its -d/--data body, and the
// name from a …/connectors/<name>/config URL).
#pragma once

#include "client/cluster_types.h"

#include <QString>

namespace connectdesk::client {

struct ImportedConnector {
    QString name;           // empty when the text names none
    ConnectorConfig config; // without "name"
    QString format;         // "json", "properties" or "curl"
    QString error;          // for a person; empty when the import worked
    bool ok() const { return error.isEmpty(); }
};

// `origin` names the text in errors ("pasted text", a file name).
ImportedConnector importConnectorText(const QString& text, const QString& origin);

} // namespace connectdesk::client
