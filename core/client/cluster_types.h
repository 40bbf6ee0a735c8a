// Typed views of the JSON entities of the Kafka Connect REST API (spec/connect-rest-api.md §3),
// as the console and other clients consume them.
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace connectdesk::client {

// §3.1 ServerInfo.
struct ServerInfo {
    QString version;
    QString commit;
    QString kafkaClusterId;
};

// §3.2 ConnectorTaskId.
struct ConnectorTaskId {
    QString connector;
    int task = 0;
    friend bool operator==(const ConnectorTaskId&, const ConnectorTaskId&) = default;
};

// §3.5 ConnectorState / TaskState: `trace` and `version` are optional; an unknown `state`
// string is kept as-is rather than rejected (§8.1).
struct InstanceState {
    QString state;
    QString workerId;
    QString trace;
    QString version;
    friend bool operator==(const InstanceState&, const InstanceState&) = default;
};

struct TaskState : InstanceState {
    int id = 0;
    friend bool operator==(const TaskState&, const TaskState&) = default;
};

// §3.5 ConnectorStateInfo.
struct ConnectorStatus {
    QString name;
    InstanceState connector;
    QList<TaskState> tasks;
    QString type;
    friend bool operator==(const ConnectorStatus&, const ConnectorStatus&) = default;
};

// Config maps are strings to strings on the wire (§2.2); QMap keeps them sorted for display.
using ConnectorConfig = QMap<QString, QString>;

// §3.3 ConnectorInfo.
struct ConnectorInfo {
    QString name;
    ConnectorConfig config;
    QList<ConnectorTaskId> tasks;
    QString type;
    friend bool operator==(const ConnectorInfo&, const ConnectorInfo&) = default;
};

// One value of `GET /connectors?expand=status&expand=info` (§4.3): either part may be missing.
struct ConnectorOverview {
    QString name;
    std::optional<ConnectorStatus> status;
    std::optional<ConnectorInfo> info;
    friend bool operator==(const ConnectorOverview&, const ConnectorOverview&) = default;
};

// §3.4 TaskInfo.
struct TaskInfo {
    ConnectorTaskId id;
    ConnectorConfig config;
};

// §3.6 initial_state (3.7+).
enum class InitialState { Default, Running, Paused, Stopped };

// §3.7 PluginInfo.
struct PluginInfo {
    QString className;
    QString type;
    QString version;
};

// §3.8 ConfigKeyInfo; `order` is read from `order` (≤4.1) or `order_in_group` (≥4.2).
struct ConfigKeyInfo {
    QString name;
    QString type;
    bool required = false;
    std::optional<QString> defaultValue;
    QString importance;
    QString documentation;
    QString group;
    QString width;
    QString displayName;
    QStringList dependents;
    int order = -1;
};

// §3.9 ConfigValueInfo.
struct ConfigValueInfo {
    QString name;
    std::optional<QString> value;
    QStringList recommendedValues;
    QStringList errors;
    bool visible = true;
};

// §3.10 ConfigInfo / ConfigInfos.
struct ConfigInfo {
    std::optional<ConfigKeyInfo> definition;
    std::optional<ConfigValueInfo> value;
};

struct ConfigInfos {
    QString name;
    int errorCount = 0;
    QStringList groups;
    QList<ConfigInfo> configs;
};

// §3.11 ConnectorOffsets: partition and offset objects are connector-defined, so kept as JSON.
struct ConnectorOffset {
    QJsonObject partition;
    std::optional<QJsonObject> offset; // nullopt = JSON null (reset on PATCH)
};
using ConnectorOffsets = QList<ConnectorOffset>;

// §3.13 LoggerLevel.
struct LoggerLevel {
    QString level;
    std::optional<qint64> lastModified;
};

// §3.14 WorkerStatus; the HTTP status (200/503/500) is part of the answer, not an error.
struct WorkerHealth {
    int httpStatus = 0;
    QString status;
    QString message;
};

// §4.11: 204 (plain restart) carries no plan; 202 carries the ConnectorStateInfo plan.
struct RestartResult {
    std::optional<ConnectorStatus> plan;
};

// Restart query flags (§4.11, KIP-745).
struct RestartOptions {
    bool includeTasks = false;
    bool onlyFailed = false;
};

// Logger scope for PUT /admin/loggers (§4.24).
enum class LoggerScope { Worker, Cluster };

// An empty success (202/204 without body).
struct Done {};

} // namespace connectdesk::client
