#include "observe/config_record.h"

#include "observe/observe_json.h"

#include <optional>

namespace connectdesk::observe {

namespace {

struct KeyPrefix {
    QLatin1String prefix;
    ConfigEvent::Kind kind;
};

// KafkaConfigBackingStore's key prefixes; the longer `restart-connector-` and `target-state-` do not
// clash with `connector-` and `task-` because matching is by prefix at the start of the key.
const KeyPrefix kPrefixes[] = {
    {QLatin1String("connector-"), ConfigEvent::ConnectorConfig},
    {QLatin1String("task-"), ConfigEvent::TaskConfig},
    {QLatin1String("commit-"), ConfigEvent::TaskCommit},
    {QLatin1String("target-state-"), ConfigEvent::TargetState},
    {QLatin1String("restart-connector-"), ConfigEvent::Restart},
    {QLatin1String("tasks-fencing-"), ConfigEvent::TaskCount},
    {QLatin1String("logger-cluster-"), ConfigEvent::LoggerLevel},
};

ConfigEvent undecodable(ConfigEvent event, const QString& why)
{
    event.kind = ConfigEvent::Undecodable;
    event.body = {};
    event.error = why;
    return event;
}

bool isIntegral(const QJsonValue& value)
{
    return value.isDouble() && static_cast<double>(value.toInteger()) == value.toDouble();
}

// Why `body` is not what Connect writes for `kind`; empty when it is.
QString validateBody(ConfigEvent::Kind kind, const QJsonObject& body)
{
    switch (kind) {
    case ConfigEvent::ConnectorConfig:
    case ConfigEvent::TaskConfig: {
        const QJsonValue properties = body.value(QLatin1String("properties"));
        if (!properties.isObject())
            return QStringLiteral("config value has no 'properties' object");
        const QJsonObject map = properties.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.value().isString() && !it.value().isNull())
                return QStringLiteral("property '%1' is neither a string nor null").arg(it.key());
        }
        return {};
    }
    case ConfigEvent::TaskCommit:
        return isIntegral(body.value(QLatin1String("tasks")))
                   ? QString()
                   : QStringLiteral("commit value has no integer 'tasks'");
    case ConfigEvent::TargetState: {
        // Readers prefer state.v2 and fall back to state (§8.2).
        const QJsonValue v2 = body.value(QLatin1String("state.v2"));
        const QJsonValue state = v2.isString() ? v2 : body.value(QLatin1String("state"));
        const QString text = state.toString();
        if (text != QLatin1String("STARTED") && text != QLatin1String("PAUSED") &&
            text != QLatin1String("STOPPED"))
            return QStringLiteral("target state value has no known 'state' (STARTED, PAUSED or STOPPED)");
        return {};
    }
    case ConfigEvent::SessionKey:
        if (!body.value(QLatin1String("key")).isString() ||
            !body.value(QLatin1String("algorithm")).isString() ||
            !isIntegral(body.value(QLatin1String("creation-timestamp"))))
            return QStringLiteral("session key value needs 'key', 'algorithm' and 'creation-timestamp'");
        return {};
    case ConfigEvent::Restart:
        // Missing members take Connect's defaults (false); present ones must be booleans.
        for (const char* member : {"include-tasks", "only-failed"}) {
            const QJsonValue value = body.value(QLatin1String(member));
            if (!value.isUndefined() && !value.isBool())
                return QStringLiteral("restart request member '%1' is not a boolean")
                    .arg(QLatin1String(member));
        }
        return {};
    case ConfigEvent::TaskCount:
        return isIntegral(body.value(QLatin1String("task-count")))
                   ? QString()
                   : QStringLiteral("fencing value has no integer 'task-count'");
    case ConfigEvent::LoggerLevel:
        return body.value(QLatin1String("level")).isString()
                   ? QString()
                   : QStringLiteral("logger value has no string 'level'");
    case ConfigEvent::Deleted:
    case ConfigEvent::Undecodable:
        break;
    }
    return {};
}

} // namespace

QString configEventKindName(ConfigEvent::Kind kind)
{
    switch (kind) {
    case ConfigEvent::ConnectorConfig:
        return QStringLiteral("connector config");
    case ConfigEvent::TaskConfig:
        return QStringLiteral("task config");
    case ConfigEvent::TaskCommit:
        return QStringLiteral("task commit");
    case ConfigEvent::TargetState:
        return QStringLiteral("target state");
    case ConfigEvent::SessionKey:
        return QStringLiteral("session key");
    case ConfigEvent::Restart:
        return QStringLiteral("restart request");
    case ConfigEvent::TaskCount:
        return QStringLiteral("task count");
    case ConfigEvent::Deleted:
        return QStringLiteral("deleted");
    case ConfigEvent::Undecodable:
        return QStringLiteral("undecodable");
    case ConfigEvent::LoggerLevel:
        return QStringLiteral("logger level");
    }
    return {};
}

ConfigEvent decodeConfigRecord(const TopicRecord& record)
{
    ConfigEvent event;
    event.timestampMs = record.timestampMs;
    event.partition = record.partition;
    event.offset = record.offset;
    if (record.value)
        event.rawValue = escapedBytes(*record.value);
    if (!record.key)
        return undecodable(std::move(event), QStringLiteral("config record without a key"));
    event.key = QString::fromUtf8(*record.key);

    std::optional<ConfigEvent::Kind> kind;
    if (event.key == QLatin1String("session-key")) {
        kind = ConfigEvent::SessionKey;
    } else {
        for (const KeyPrefix& p : kPrefixes) {
            if (event.key.startsWith(p.prefix) && event.key.size() > p.prefix.size()) {
                kind = p.kind;
                event.connector = event.key.mid(p.prefix.size());
                break;
            }
        }
    }
    if (!kind) {
        const QString why = QStringLiteral("unknown config key '%1'").arg(event.key);
        return undecodable(std::move(event), why);
    }
    if (*kind == ConfigEvent::LoggerLevel) {
        event.name = std::exchange(event.connector, QString());
    } else if (*kind == ConfigEvent::TaskConfig) {
        // task-<connector>-<n>: the id follows the last '-', connector names may contain '-'.
        const qsizetype dash = event.connector.lastIndexOf(QLatin1Char('-'));
        bool ok = false;
        const int task = dash > 0 ? event.connector.mid(dash + 1).toInt(&ok) : -1;
        if (!ok || task < 0) {
            const QString why = QStringLiteral("task config key '%1' has no task id").arg(event.key);
            return undecodable(std::move(event), why);
        }
        event.task = task;
        event.connector.truncate(dash);
    }

    if (!record.value) {
        event.kind = ConfigEvent::Deleted;
        event.deletedKind = *kind;
        return event;
    }
    QString parseError;
    const std::optional<QJsonValue> parsed = detail::parseJson(*record.value, &parseError);
    if (!parsed)
        return undecodable(std::move(event), parseError);
    if (!parsed->isObject())
        return undecodable(std::move(event), QStringLiteral("config value is not a JSON object"));
    event.body = parsed->toObject();
    if (const QString why = validateBody(*kind, event.body); !why.isEmpty())
        return undecodable(std::move(event), why);
    event.kind = *kind;
    return event;
}

} // namespace connectdesk::observe
