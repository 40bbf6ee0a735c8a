// Connect's JSON entities (spec/connect-rest-api.md §3) to and from Qt JSON, with Jackson's
// leniencies and strictness reproduced where clients can see them (§2.2).
#pragma once

#include "runtime/herder.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace connectdesk::rest {

QJsonObject toJson(const runtime::ConnectorInfo& info);
QJsonObject toJson(const runtime::TaskInfo& info);
QJsonObject toJson(const runtime::ConnectorStateInfo& status);
QJsonObject toJson(const runtime::TaskStateEntry& task);
QJsonObject toJson(const runtime::ConfigKeyInfo& key);
QJsonObject toJson(const runtime::ConfigInfos& infos);
QJsonObject toJson(const runtime::PluginInfo& plugin);
QJsonObject toJson(const runtime::ConfigMap& config);
QJsonArray toJson(const std::vector<std::string>& strings);
// {"offsets":[{"partition":…,"offset":…}]}; entries whose stored text is not JSON are skipped.
QJsonObject offsetsToJson(const std::vector<runtime::ConnectorOffset>& offsets);

// Outcome of reading a request body: the message mimics Jackson's so clients see a
// parser-style 500 as Apache gives (spec §2.2).
struct BodyError {
    QString message;
};

// Parses a whole body as JSON. Empty body → error with Jersey's null-entity wording.
std::optional<QJsonValue> parseBody(const QByteArray& body, const char* entityClass, BodyError& error);

// A config map: values must be strings, numbers, booleans or null (numbers and booleans are
// written as strings, like Jackson's StringDeserializer). nullKeys receives keys given as null.
std::optional<runtime::ConfigMap> configFromJson(const QJsonValue& value, std::vector<std::string>& nullKeys,
                                                 BodyError& error);

// Rejects fields outside known, as Jackson's FAIL_ON_UNKNOWN_PROPERTIES does.
bool checkKnownFields(const QJsonObject& object, const std::vector<QString>& known, const char* entityClass,
                      BodyError& error);

// Jackson's rendering of a scalar bound to a String: numbers keep an integer form when integral.
QString scalarToString(const QJsonValue& value);

} // namespace connectdesk::rest
