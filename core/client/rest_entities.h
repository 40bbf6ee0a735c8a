// Reads and writes the Connect REST JSON entities (spec/connect-rest-api.md §3) for the client.
// Parsers are lenient where the spec says versions differ (optional `trace`/`version`, `order` or
// `order_in_group`) and report anything else as an error string instead of guessing.
#pragma once

#include "client/cluster_types.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace connectdesk::client::rest {

// Each returns nullopt and fills `error` when the body does not have the entity's shape.
std::optional<ServerInfo> parseServerInfo(const QByteArray& body, QString* error);
std::optional<WorkerHealth> parseHealth(int httpStatus, const QByteArray& body, QString* error);
std::optional<QStringList> parseConnectorNames(const QByteArray& body, QString* error);
std::optional<QList<ConnectorOverview>> parseExpandedConnectors(const QByteArray& body, QString* error);
std::optional<ConnectorInfo> parseConnectorInfo(const QByteArray& body, QString* error);
std::optional<ConnectorConfig> parseConnectorConfig(const QByteArray& body, QString* error);
std::optional<ConnectorStatus> parseConnectorStatus(const QByteArray& body, QString* error);
std::optional<QList<TaskInfo>> parseTasks(const QByteArray& body, QString* error);
std::optional<TaskState> parseTaskState(const QByteArray& body, QString* error);
std::optional<QStringList> parseTopics(const QString& connector, const QByteArray& body, QString* error);
std::optional<ConnectorOffsets> parseOffsets(const QByteArray& body, QString* error);
std::optional<QString> parseMessage(const QByteArray& body, QString* error);
std::optional<QList<PluginInfo>> parsePlugins(const QByteArray& body, QString* error);
std::optional<QList<ConfigKeyInfo>> parseConfigKeys(const QByteArray& body, QString* error);
std::optional<ConfigInfos> parseConfigInfos(const QByteArray& body, QString* error);
std::optional<QMap<QString, LoggerLevel>> parseLoggers(const QByteArray& body, QString* error);
std::optional<LoggerLevel> parseLoggerLevel(const QByteArray& body, QString* error);
std::optional<QStringList> parseStringArray(const QByteArray& body, QString* error);

// Object-level readers, shared with tests and the benchmark.
ConnectorStatus connectorStatusFromJson(const QJsonObject& object);
ConnectorInfo connectorInfoFromJson(const QJsonObject& object);
ConfigKeyInfo configKeyFromJson(const QJsonObject& object);

QJsonObject configToJson(const ConnectorConfig& config);
QJsonObject offsetsToJson(const ConnectorOffsets& offsets);

} // namespace connectdesk::client::rest
