#include "observe/offsets_record.h"

#include "observe/observe_json.h"

#include <QJsonArray>

namespace connectdesk::observe {

OffsetEvent decodeOffsetRecord(const TopicRecord& record)
{
    OffsetEvent event;
    event.timestampMs = record.timestampMs;
    event.partition = record.partition;
    event.offset = record.offset;
    if (record.key)
        event.rawKey = escapedBytes(*record.key);
    if (record.value)
        event.rawValue = escapedBytes(*record.value);

    if (!record.key) {
        event.error = QStringLiteral("offset record without a key");
        return event;
    }
    QString parseError;
    const std::optional<QJsonValue> key = detail::parseJson(*record.key, &parseError);
    if (!key) {
        event.error = QStringLiteral("key: %1").arg(parseError);
        return event;
    }
    const QJsonArray array = key->toArray();
    if (!key->isArray() || array.size() != 2 || !array.at(0).isString() ||
        !(array.at(1).isObject() || array.at(1).isNull())) {
        event.error = QStringLiteral("key is not [\"<connector>\", {<source partition>}]");
        return event;
    }
    event.connector = array.at(0).toString();
    event.sourcePartition = array.at(1);

    if (!record.value)
        return event; // offset reset
    const std::optional<QJsonValue> value = detail::parseJson(*record.value, &parseError);
    if (!value) {
        event.error = QStringLiteral("value: %1").arg(parseError);
        return event;
    }
    if (!value->isObject()) {
        event.error = QStringLiteral("value is not a JSON object (a source offset map)");
        return event;
    }
    event.sourceOffset = *value;
    return event;
}

} // namespace connectdesk::observe
