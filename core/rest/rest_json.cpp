#include "rest/rest_json.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace connectdesk::rest {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

QJsonValue optionalString(const std::optional<std::string>& text)
{
    return text ? QJsonValue(qs(*text)) : QJsonValue(QJsonValue::Null);
}

void putStateFields(QJsonObject& object, const runtime::StateEntry& entry)
{
    object.insert(QStringLiteral("state"), QLatin1String(runtime::stateName(entry.state)));
    object.insert(QStringLiteral("worker_id"), qs(entry.workerId));
    // §3.5: trace omitted when empty; version omitted when unknown.
    if (!entry.trace.empty())
        object.insert(QStringLiteral("trace"), qs(entry.trace));
    if (!entry.version.empty() && entry.version != "undefined")
        object.insert(QStringLiteral("version"), qs(entry.version));
}

QString jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return QStringLiteral("Object value");
    case QJsonValue::Array:
        return QStringLiteral("Array value");
    case QJsonValue::String:
        return QStringLiteral("String value");
    case QJsonValue::Double:
        return QStringLiteral("Number value");
    case QJsonValue::Bool:
        return QStringLiteral("Boolean value");
    default:
        return QStringLiteral("value");
    }
}

} // namespace

QJsonObject toJson(const runtime::ConfigMap& config)
{
    QJsonObject object;
    for (const auto& [key, value] : config)
        object.insert(qs(key), qs(value));
    return object;
}

QJsonArray toJson(const std::vector<std::string>& strings)
{
    QJsonArray array;
    for (const auto& text : strings)
        array.append(qs(text));
    return array;
}

QJsonObject toJson(const runtime::ConnectorInfo& info)
{
    QJsonArray tasks;
    for (const auto& id : info.tasks)
        tasks.append(
            QJsonObject{{QStringLiteral("connector"), qs(id.connector)}, {QStringLiteral("task"), id.task}});
    return QJsonObject{{QStringLiteral("name"), qs(info.name)},
                       {QStringLiteral("config"), toJson(info.config)},
                       {QStringLiteral("tasks"), tasks},
                       {QStringLiteral("type"), QLatin1String(runtime::connectorTypeName(info.type))}};
}

QJsonObject toJson(const runtime::TaskInfo& info)
{
    return QJsonObject{
        {QStringLiteral("id"), QJsonObject{{QStringLiteral("connector"), qs(info.id.connector)},
                                           {QStringLiteral("task"), info.id.task}}},
        {QStringLiteral("config"), toJson(info.config)}};
}

QJsonObject toJson(const runtime::TaskStateEntry& task)
{
    QJsonObject object{{QStringLiteral("id"), task.id}};
    putStateFields(object, task);
    return object;
}

QJsonObject toJson(const runtime::ConnectorStateInfo& status)
{
    QJsonObject connector;
    putStateFields(connector, status.connector);
    QJsonArray tasks;
    for (const auto& task : status.tasks)
        tasks.append(toJson(task));
    return QJsonObject{{QStringLiteral("name"), qs(status.name)},
                       {QStringLiteral("connector"), connector},
                       {QStringLiteral("tasks"), tasks},
                       {QStringLiteral("type"), QLatin1String(runtime::connectorTypeName(status.type))}};
}

QJsonObject toJson(const runtime::ConfigKeyInfo& key)
{
    const bool password = key.type == "PASSWORD";
    // §3.8: a PASSWORD default is never shown.
    QJsonValue defaultValue = optionalString(key.defaultValue);
    if (password && key.defaultValue)
        defaultValue = QStringLiteral("[hidden]");
    // "order" is what ≤4.1 workers write (§1 change 3); we present as a 4.1 worker.
    return QJsonObject{
        {QStringLiteral("name"), qs(key.name)},
        {QStringLiteral("type"), qs(key.type)},
        {QStringLiteral("required"), key.required},
        {QStringLiteral("default_value"), defaultValue},
        {QStringLiteral("importance"), qs(key.importance)},
        {QStringLiteral("documentation"), optionalString(key.documentation)},
        {QStringLiteral("group"), optionalString(key.group)},
        {QStringLiteral("width"), qs(key.width)},
        {QStringLiteral("display_name"), qs(key.displayName.empty() ? key.name : key.displayName)},
        {QStringLiteral("dependents"), toJson(key.dependents)},
        {QStringLiteral("order"), key.orderInGroup}};
}

QJsonObject toJson(const runtime::ConfigInfos& infos)
{
    QJsonArray configs;
    for (const auto& info : infos.configs) {
        QJsonObject entry;
        entry.insert(QStringLiteral("definition"),
                     info.definition ? QJsonValue(toJson(*info.definition)) : QJsonValue(QJsonValue::Null));
        if (info.value) {
            const auto& value = *info.value;
            QJsonValue shown = optionalString(value.value);
            // §3.9: PASSWORD values are rendered "[hidden]" whatever the herder filled in.
            if (value.value && info.definition && info.definition->type == "PASSWORD")
                shown = QStringLiteral("[hidden]");
            entry.insert(QStringLiteral("value"),
                         QJsonObject{{QStringLiteral("name"), qs(value.name)},
                                     {QStringLiteral("value"), shown},
                                     {QStringLiteral("recommended_values"), toJson(value.recommendedValues)},
                                     {QStringLiteral("errors"), toJson(value.errors)},
                                     {QStringLiteral("visible"), value.visible}});
        } else {
            entry.insert(QStringLiteral("value"), QJsonValue(QJsonValue::Null));
        }
        configs.append(entry);
    }
    return QJsonObject{{QStringLiteral("name"), qs(infos.name)},
                       {QStringLiteral("error_count"), infos.errorCount},
                       {QStringLiteral("groups"), toJson(infos.groups)},
                       {QStringLiteral("configs"), configs}};
}

QJsonObject toJson(const runtime::PluginInfo& plugin)
{
    QJsonObject object{{QStringLiteral("class"), qs(plugin.className)},
                       {QStringLiteral("type"), qs(plugin.type)}};
    // §3.7: version omitted when the plugin reports "undefined".
    if (!plugin.version.empty() && plugin.version != "undefined")
        object.insert(QStringLiteral("version"), qs(plugin.version));
    return object;
}

QJsonObject offsetsToJson(const std::vector<runtime::ConnectorOffset>& offsets)
{
    QJsonArray array;
    for (const auto& offset : offsets) {
        const QJsonDocument partition =
            QJsonDocument::fromJson(QByteArray::fromStdString(offset.partitionJson));
        if (!partition.isObject())
            continue;
        QJsonValue value(QJsonValue::Null);
        if (offset.offsetJson != "null") {
            const QJsonDocument parsed =
                QJsonDocument::fromJson(QByteArray::fromStdString(offset.offsetJson));
            if (parsed.isObject())
                value = parsed.object();
        }
        array.append(QJsonObject{{QStringLiteral("partition"), partition.object()},
                                 {QStringLiteral("offset"), value}});
    }
    return QJsonObject{{QStringLiteral("offsets"), array}};
}

QString scalarToString(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    const double number = value.toDouble();
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9007199254740992.0)
        return QString::number(static_cast<qint64>(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

std::optional<QJsonValue> parseBody(const QByteArray& body, const char* entityClass, BodyError& error)
{
    if (body.trimmed().isEmpty()) {
        // Jersey hands the resource a null entity; Apache then fails with the JVM's NPE text.
        error.message = QStringLiteral("Cannot invoke \"%1\" because the request entity is null")
                            .arg(QLatin1String(entityClass));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error.message =
            QStringLiteral("Unexpected character or malformed JSON in request body: %1 (at offset %2)")
                .arg(parseError.errorString())
                .arg(parseError.offset);
        return std::nullopt;
    }
    if (document.isObject())
        return QJsonValue(document.object());
    return QJsonValue(document.array());
}

std::optional<runtime::ConfigMap> configFromJson(const QJsonValue& value, std::vector<std::string>& nullKeys,
                                                 BodyError& error)
{
    if (!value.isObject()) {
        error.message = QStringLiteral("Cannot deserialize value of type `java.util.HashMap<java.lang.String,"
                                       "java.lang.String>` from %1")
                            .arg(jsonTypeName(value));
        return std::nullopt;
    }
    runtime::ConfigMap config;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue entry = it.value();
        if (entry.isNull()) {
            nullKeys.push_back(it.key().toStdString());
            continue;
        }
        if (entry.isObject() || entry.isArray()) {
            // §2.2: nested objects or arrays as config values fail to parse.
            error.message =
                QStringLiteral("Cannot deserialize value of type `java.lang.String` from %1 (token "
                               "`JsonToken.%2`) (through reference chain: java.util.LinkedHashMap[\"%3\"])")
                    .arg(jsonTypeName(entry),
                         entry.isObject() ? QStringLiteral("START_OBJECT") : QStringLiteral("START_ARRAY"),
                         it.key());
            return std::nullopt;
        }
        config[it.key().toStdString()] = scalarToString(entry).toStdString();
    }
    return config;
}

bool checkKnownFields(const QJsonObject& object, const std::vector<QString>& known, const char* entityClass,
                      BodyError& error)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) != known.end())
            continue;
        QStringList quoted;
        for (const QString& name : known)
            quoted << QLatin1Char('"') + name + QLatin1Char('"');
        error.message =
            QStringLiteral("Unrecognized field \"%1\" (class %2), not marked as ignorable (%3 known "
                           "properties: %4]) (through reference chain: %2[\"%1\"])")
                .arg(it.key(), QLatin1String(entityClass))
                .arg(known.size())
                .arg(quoted.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

} // namespace connectdesk::rest
