#include "observe/status_record.h"

#include "observe/observe_json.h"

#include <QJsonObject>

#include <array>

namespace connectdesk::observe {

namespace {

constexpr QLatin1String kConnectorPrefix("status-connector-");
constexpr QLatin1String kTaskPrefix("status-task-");
constexpr QLatin1String kTopicPrefix("status-topic-");
constexpr QLatin1String kTopicConnectorSeparator(":connector-");

StatusEvent undecodable(StatusEvent event, const QString& why)
{
    event.kind = StatusRecordKind::Undecodable;
    event.error = why;
    return event;
}

// AbstractStatus.State plus ConnectorStatus STOPPED; anything else fails State.valueOf in Java.
bool isKnownState(const QString& state)
{
    static const std::array<QLatin1String, 7> kStates = {
        QLatin1String("UNASSIGNED"), QLatin1String("RUNNING"),   QLatin1String("PAUSED"),
        QLatin1String("FAILED"),     QLatin1String("DESTROYED"), QLatin1String("RESTARTING"),
        QLatin1String("STOPPED")};
    for (const QLatin1String& known : kStates) {
        if (state == known)
            return true;
    }
    return false;
}

bool isIntegral(const QJsonValue& value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return static_cast<double>(value.toInteger()) == d;
}

StatusEvent decodeStateValue(StatusEvent event, const QByteArray& bytes)
{
    QString parseError;
    const std::optional<QJsonValue> parsed = detail::parseJson(bytes, &parseError);
    if (!parsed)
        return undecodable(std::move(event), parseError);
    if (!parsed->isObject())
        return undecodable(std::move(event), QStringLiteral("status value is not a JSON object"));
    const QJsonObject object = parsed->toObject();
    const QJsonValue state = object.value(QLatin1String("state"));
    if (!state.isString())
        return undecodable(std::move(event), QStringLiteral("status value has no string 'state'"));
    if (!isKnownState(state.toString()))
        return undecodable(std::move(event), QStringLiteral("unknown state '%1'").arg(state.toString()));
    const QJsonValue generation = object.value(QLatin1String("generation"));
    if (!isIntegral(generation))
        return undecodable(std::move(event), QStringLiteral("status value has no integer 'generation'"));
    const QJsonValue trace = object.value(QLatin1String("trace"));
    if (!trace.isNull() && !trace.isUndefined() && !trace.isString())
        return undecodable(std::move(event), QStringLiteral("status 'trace' is neither a string nor null"));
    const QJsonValue workerId = object.value(QLatin1String("worker_id"));
    if (!workerId.isNull() && !workerId.isUndefined() && !workerId.isString())
        return undecodable(std::move(event), QStringLiteral("status 'worker_id' is not a string"));

    event.state = state.toString();
    event.generation = generation.toInteger();
    if (trace.isString())
        event.trace = trace.toString();
    event.workerId = workerId.toString();
    return event;
}

StatusEvent decodeTopicValue(StatusEvent event, const QByteArray& bytes)
{
    QString parseError;
    const std::optional<QJsonValue> parsed = detail::parseJson(bytes, &parseError);
    if (!parsed)
        return undecodable(std::move(event), parseError);
    const QJsonValue topic = parsed->toObject().value(QLatin1String("topic"));
    if (!topic.isObject())
        return undecodable(std::move(event), QStringLiteral("topic status value has no 'topic' object"));
    const QJsonObject object = topic.toObject();
    const QJsonValue name = object.value(QLatin1String("name"));
    if (!name.isString())
        return undecodable(std::move(event), QStringLiteral("topic status has no string 'name'"));
    const QJsonValue task = object.value(QLatin1String("task"));
    const QJsonValue discovered = object.value(QLatin1String("discoverTimestamp"));
    if (!isIntegral(task) || !isIntegral(discovered))
        return undecodable(std::move(event),
                           QStringLiteral("topic status needs integer 'task' and 'discoverTimestamp'"));
    event.topic = name.toString();
    event.topicTask = static_cast<int>(task.toInteger());
    event.discoverTimestampMs = discovered.toInteger();
    return event;
}

} // namespace

StatusEvent decodeStatusRecord(const TopicRecord& record)
{
    StatusEvent event;
    event.timestampMs = record.timestampMs;
    event.partition = record.partition;
    event.offset = record.offset;
    if (record.key)
        event.rawKey = escapedBytes(*record.key);
    if (record.value)
        event.rawValue = escapedBytes(*record.value);

    if (!record.key)
        return undecodable(std::move(event), QStringLiteral("status record without a key"));
    const QString key = QString::fromUtf8(*record.key);

    if (key.startsWith(kConnectorPrefix)) {
        event.kind = StatusRecordKind::Connector;
        event.connector = key.mid(kConnectorPrefix.size());
    } else if (key.startsWith(kTaskPrefix)) {
        // §8.1: the task id follows the last '-', connector names may contain '-'.
        const QString rest = key.mid(kTaskPrefix.size());
        const qsizetype dash = rest.lastIndexOf(QLatin1Char('-'));
        bool ok = false;
        const int task = dash > 0 ? rest.mid(dash + 1).toInt(&ok) : -1;
        if (!ok || task < 0)
            return undecodable(std::move(event),
                               QStringLiteral("task status key '%1' has no task id").arg(key));
        event.kind = StatusRecordKind::Task;
        event.connector = rest.left(dash);
        event.task = task;
    } else if (key.startsWith(kTopicPrefix)) {
        const QString rest = key.mid(kTopicPrefix.size());
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        if (colon <= 0 || !rest.mid(colon).startsWith(kTopicConnectorSeparator))
            return undecodable(std::move(event),
                               QStringLiteral("topic status key '%1' is malformed").arg(key));
        event.kind = StatusRecordKind::Topic;
        event.topic = rest.left(colon);
        event.connector = rest.mid(colon + kTopicConnectorSeparator.size());
    } else {
        return undecodable(std::move(event), QStringLiteral("unknown status key '%1'").arg(key));
    }

    if (!record.value) {
        event.deleted = true;
        return event;
    }
    if (event.kind == StatusRecordKind::Topic)
        return decodeTopicValue(std::move(event), *record.value);
    return decodeStateValue(std::move(event), *record.value);
}

} // namespace connectdesk::observe
