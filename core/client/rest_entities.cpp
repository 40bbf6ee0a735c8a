#include "client/rest_entities.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <utility>

namespace connectdesk::client::rest {

namespace {

std::optional<QJsonDocument> parseDocument(const QByteArray& body, QString* error)
{
    QJsonParseError parseError{};
    QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("invalid JSON at offset %1: %2")
                         .arg(parseError.offset)
                         .arg(parseError.errorString());
        return std::nullopt;
    }
    return doc;
}

std::optional<QJsonObject> parseObject(const QByteArray& body, QString* error)
{
    auto doc = parseDocument(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isObject()) {
        if (error)
            *error = QStringLiteral("expected a JSON object");
        return std::nullopt;
    }
    return doc->object();
}

std::optional<QJsonArray> parseArray(const QByteArray& body, QString* error)
{
    auto doc = parseDocument(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isArray()) {
        if (error)
            *error = QStringLiteral("expected a JSON array");
        return std::nullopt;
    }
    return doc->array();
}

QString str(const QJsonObject& o, QLatin1String key)
{
    return o.value(key).toString();
}

std::optional<QString> optionalString(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    // §2.2: servers emit strings, but be tolerant of numbers and booleans.
    if (value.isString())
        return value.toString();
    return value.toVariant().toString();
}

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    out.reserve(array.size());
    for (const auto& v : array)
        out.append(v.toString());
    return out;
}

ConnectorConfig configFromJson(const QJsonObject& object)
{
    ConnectorConfig config;
    for (auto it = object.begin(); it != object.end(); ++it)
        config.insert(it.key(), optionalString(it.value()).value_or(QString()));
    return config;
}

void readInstance(const QJsonObject& o, InstanceState& state)
{
    state.state = str(o, QLatin1String("state"));
    state.workerId = str(o, QLatin1String("worker_id"));
    // §3.5: `trace` is omitted when empty; `msg` is accepted as an alias on input.
    state.trace =
        o.contains(QLatin1String("trace")) ? str(o, QLatin1String("trace")) : str(o, QLatin1String("msg"));
    state.version = str(o, QLatin1String("version")); // 4.1+, optional
}

TaskState taskStateFromJson(const QJsonObject& o)
{
    TaskState task;
    readInstance(o, task);
    task.id = o.value(QLatin1String("id")).toInt();
    return task;
}

ConfigValueInfo configValueFromJson(const QJsonObject& o)
{
    ConfigValueInfo value;
    value.name = str(o, QLatin1String("name"));
    value.value = optionalString(o.value(QLatin1String("value")));
    value.recommendedValues = stringList(o.value(QLatin1String("recommended_values")));
    value.errors = stringList(o.value(QLatin1String("errors")));
    value.visible = o.value(QLatin1String("visible")).toBool(true);
    return value;
}

} // namespace

ConnectorStatus connectorStatusFromJson(const QJsonObject& object)
{
    ConnectorStatus status;
    status.name = str(object, QLatin1String("name"));
    readInstance(object.value(QLatin1String("connector")).toObject(), status.connector);
    const QJsonArray tasks = object.value(QLatin1String("tasks")).toArray();
    status.tasks.reserve(tasks.size());
    for (const auto& t : tasks)
        status.tasks.append(taskStateFromJson(t.toObject()));
    status.type = str(object, QLatin1String("type"));
    return status;
}

ConnectorInfo connectorInfoFromJson(const QJsonObject& object)
{
    ConnectorInfo info;
    info.name = str(object, QLatin1String("name"));
    info.config = configFromJson(object.value(QLatin1String("config")).toObject());
    const QJsonArray tasks = object.value(QLatin1String("tasks")).toArray();
    info.tasks.reserve(tasks.size());
    for (const auto& t : tasks) {
        const QJsonObject id = t.toObject();
        info.tasks.append({str(id, QLatin1String("connector")), id.value(QLatin1String("task")).toInt()});
    }
    info.type = str(object, QLatin1String("type"));
    return info;
}

ConfigKeyInfo configKeyFromJson(const QJsonObject& o)
{
    ConfigKeyInfo key;
    key.name = str(o, QLatin1String("name"));
    key.type = str(o, QLatin1String("type"));
    key.required = o.value(QLatin1String("required")).toBool();
    key.defaultValue = optionalString(o.value(QLatin1String("default_value")));
    key.importance = str(o, QLatin1String("importance"));
    key.documentation = str(o, QLatin1String("documentation"));
    key.group = str(o, QLatin1String("group"));
    key.width = str(o, QLatin1String("width"));
    key.displayName = str(o, QLatin1String("display_name"));
    key.dependents = stringList(o.value(QLatin1String("dependents")));
    // §1 item 3: ≤4.1 writes `order`, ≥4.2 writes `order_in_group`.
    const QJsonValue order = o.contains(QLatin1String("order_in_group"))
                                 ? o.value(QLatin1String("order_in_group"))
                                 : o.value(QLatin1String("order"));
    key.order = order.toInt(-1);
    return key;
}

std::optional<ServerInfo> parseServerInfo(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    if (!o->value(QLatin1String("version")).isString()) {
        if (error)
            *error = QStringLiteral("no `version` in the worker info");
        return std::nullopt;
    }
    return ServerInfo{str(*o, QLatin1String("version")), str(*o, QLatin1String("commit")),
                      str(*o, QLatin1String("kafka_cluster_id"))};
}

std::optional<WorkerHealth> parseHealth(int httpStatus, const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    // §4.2: 200/503/500 all carry WorkerStatus; a herder error uses the normal error body.
    if (!o->contains(QLatin1String("status"))) {
        if (error)
            *error = QStringLiteral("no `status` in the health answer");
        return std::nullopt;
    }
    return WorkerHealth{httpStatus, str(*o, QLatin1String("status")), str(*o, QLatin1String("message"))};
}

std::optional<QStringList> parseConnectorNames(const QByteArray& body, QString* error)
{
    auto names = parseStringArray(body, error);
    if (names)
        names->sort();
    return names;
}

std::optional<QList<ConnectorOverview>> parseExpandedConnectors(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    QList<ConnectorOverview> out;
    out.reserve(o->size());
    // QJsonObject iterates in key order, so the result is sorted by name.
    for (auto it = o->begin(); it != o->end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        ConnectorOverview overview;
        overview.name = it.key();
        const QJsonValue status = entry.value(QLatin1String("status"));
        if (status.isObject())
            overview.status = connectorStatusFromJson(status.toObject());
        const QJsonValue info = entry.value(QLatin1String("info"));
        if (info.isObject())
            overview.info = connectorInfoFromJson(info.toObject());
        out.append(std::move(overview));
    }
    return out;
}

std::optional<ConnectorInfo> parseConnectorInfo(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    return connectorInfoFromJson(*o);
}

std::optional<ConnectorConfig> parseConnectorConfig(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    return configFromJson(*o);
}

std::optional<ConnectorStatus> parseConnectorStatus(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    return connectorStatusFromJson(*o);
}

std::optional<QList<TaskInfo>> parseTasks(const QByteArray& body, QString* error)
{
    auto array = parseArray(body, error);
    if (!array)
        return std::nullopt;
    QList<TaskInfo> tasks;
    for (const auto& v : std::as_const(*array)) {
        const QJsonObject o = v.toObject();
        const QJsonObject id = o.value(QLatin1String("id")).toObject();
        tasks.append({{str(id, QLatin1String("connector")), id.value(QLatin1String("task")).toInt()},
                      configFromJson(o.value(QLatin1String("config")).toObject())});
    }
    return tasks;
}

std::optional<TaskState> parseTaskState(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    return taskStateFromJson(*o);
}

std::optional<QStringList> parseTopics(const QString& connector, const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    // §3.15: {"<connector>": {"topics": [...]}}
    return stringList(o->value(connector).toObject().value(QLatin1String("topics")));
}

std::optional<ConnectorOffsets> parseOffsets(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    ConnectorOffsets offsets;
    const QJsonArray entries = o->value(QLatin1String("offsets")).toArray();
    for (const auto& v : entries) {
        const QJsonObject entry = v.toObject();
        ConnectorOffset offset;
        offset.partition = entry.value(QLatin1String("partition")).toObject();
        const QJsonValue off = entry.value(QLatin1String("offset"));
        if (off.isObject())
            offset.offset = off.toObject();
        offsets.append(offset);
    }
    return offsets;
}

std::optional<QString> parseMessage(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    return str(*o, QLatin1String("message"));
}

std::optional<QList<PluginInfo>> parsePlugins(const QByteArray& body, QString* error)
{
    auto array = parseArray(body, error);
    if (!array)
        return std::nullopt;
    QList<PluginInfo> plugins;
    for (const auto& v : std::as_const(*array)) {
        const QJsonObject o = v.toObject();
        plugins.append({str(o, QLatin1String("class")), str(o, QLatin1String("type")),
                        str(o, QLatin1String("version"))});
    }
    return plugins;
}

std::optional<QList<ConfigKeyInfo>> parseConfigKeys(const QByteArray& body, QString* error)
{
    auto array = parseArray(body, error);
    if (!array)
        return std::nullopt;
    QList<ConfigKeyInfo> keys;
    for (const auto& v : std::as_const(*array))
        keys.append(configKeyFromJson(v.toObject()));
    return keys;
}

std::optional<ConfigInfos> parseConfigInfos(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    ConfigInfos infos;
    infos.name = str(*o, QLatin1String("name"));
    infos.errorCount = o->value(QLatin1String("error_count")).toInt();
    infos.groups = stringList(o->value(QLatin1String("groups")));
    const QJsonArray configs = o->value(QLatin1String("configs")).toArray();
    for (const auto& v : configs) {
        const QJsonObject entry = v.toObject();
        ConfigInfo info;
        if (entry.value(QLatin1String("definition")).isObject())
            info.definition = configKeyFromJson(entry.value(QLatin1String("definition")).toObject());
        if (entry.value(QLatin1String("value")).isObject())
            info.value = configValueFromJson(entry.value(QLatin1String("value")).toObject());
        infos.configs.append(info);
    }
    return infos;
}

std::optional<LoggerLevel> parseLoggerLevel(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    LoggerLevel level;
    level.level = str(*o, QLatin1String("level"));
    const QJsonValue modified = o->value(QLatin1String("last_modified"));
    if (modified.isDouble())
        level.lastModified = static_cast<qint64>(modified.toDouble());
    return level;
}

std::optional<QMap<QString, LoggerLevel>> parseLoggers(const QByteArray& body, QString* error)
{
    auto o = parseObject(body, error);
    if (!o)
        return std::nullopt;
    QMap<QString, LoggerLevel> loggers;
    for (auto it = o->begin(); it != o->end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        LoggerLevel level;
        level.level = str(entry, QLatin1String("level"));
        if (entry.value(QLatin1String("last_modified")).isDouble())
            level.lastModified = static_cast<qint64>(entry.value(QLatin1String("last_modified")).toDouble());
        loggers.insert(it.key(), level);
    }
    return loggers;
}

std::optional<QStringList> parseStringArray(const QByteArray& body, QString* error)
{
    auto array = parseArray(body, error);
    if (!array)
        return std::nullopt;
    return stringList(*array);
}

QJsonObject configToJson(const ConnectorConfig& config)
{
    QJsonObject object;
    for (auto it = config.begin(); it != config.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject offsetsToJson(const ConnectorOffsets& offsets)
{
    QJsonArray array;
    for (const ConnectorOffset& offset : offsets) {
        QJsonObject entry;
        entry.insert(QLatin1String("partition"), offset.partition);
        entry.insert(QLatin1String("offset"),
                     offset.offset ? QJsonValue(*offset.offset) : QJsonValue(QJsonValue::Null));
        array.append(entry);
    }
    return QJsonObject{{QLatin1String("offsets"), array}};
}

} // namespace connectdesk::client::rest
