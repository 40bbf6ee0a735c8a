#include "connectdesk/sdk/source_record.h"

namespace connectdesk::sdk {

SourceRecord::SourceRecord(SharedTag, SharedOffsetMap sourcePartition, OffsetMap sourceOffset,
                           std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                           Value key, SchemaPtr valueSchema, Value value,
                           std::optional<std::int64_t> timestamp, Headers headers)
    : ConnectRecord(std::move(topic), kafkaPartition, std::move(keySchema), std::move(key),
                    std::move(valueSchema), std::move(value), timestamp, std::move(headers)),
      m_sourcePartition(std::move(sourcePartition)), m_sourceOffset(std::move(sourceOffset))
{
}

SourceRecord::SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                           std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema, Value key,
                           SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp,
                           Headers headers)
    : SourceRecord(SharedTag{},
                   sourcePartition.empty() ? nullptr
                                           : std::make_shared<const OffsetMap>(std::move(sourcePartition)),
                   std::move(sourceOffset), std::move(topic), kafkaPartition, std::move(keySchema),
                   std::move(key), std::move(valueSchema), std::move(value), timestamp, std::move(headers))
{
}

SourceRecord::SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                           SchemaPtr keySchema, Value key, SchemaPtr valueSchema, Value value)
    : SourceRecord(std::move(sourcePartition), std::move(sourceOffset), std::move(topic), std::nullopt,
                   std::move(keySchema), std::move(key), std::move(valueSchema), std::move(value))
{
}

SourceRecord::SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                           std::optional<std::int32_t> kafkaPartition, SchemaPtr valueSchema, Value value)
    : SourceRecord(std::move(sourcePartition), std::move(sourceOffset), std::move(topic), kafkaPartition,
                   nullptr, Value(), std::move(valueSchema), std::move(value))
{
}

SourceRecord::SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                           SchemaPtr valueSchema, Value value)
    : SourceRecord(std::move(sourcePartition), std::move(sourceOffset), std::move(topic), std::nullopt,
                   nullptr, Value(), std::move(valueSchema), std::move(value))
{
}

const OffsetMap& SourceRecord::sourcePartition() const
{
    // Null when built from an empty map or a null pointer, or moved from: Connect's null map,
    // empty here.
    static const OffsetMap empty;
    return m_sourcePartition ? *m_sourcePartition : empty;
}

SourceRecord SourceRecord::newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition,
                                     SchemaPtr keySchema, Value key, SchemaPtr valueSchema, Value value,
                                     std::optional<std::int64_t> timestamp) const
{
    return newRecord(std::move(topic), kafkaPartition, std::move(keySchema), std::move(key),
                     std::move(valueSchema), std::move(value), timestamp, headers().duplicate());
}

SourceRecord SourceRecord::newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition,
                                     SchemaPtr keySchema, Value key, SchemaPtr valueSchema, Value value,
                                     std::optional<std::int64_t> timestamp, Headers headers) const
{
    return SourceRecord(SharedTag{}, m_sourcePartition, m_sourceOffset, std::move(topic), kafkaPartition,
                        std::move(keySchema), std::move(key), std::move(valueSchema), std::move(value),
                        timestamp, std::move(headers));
}

void SourceRecord::rebuildAsText(const SharedOffsetMap& sourcePartition, std::string_view offsetKey,
                                 Value offsetValue, std::string_view topic,
                                 std::optional<std::int32_t> kafkaPartition, const SchemaPtr& valueSchema,
                                 std::string_view text, std::optional<std::int64_t> timestamp)
{
    ConnectRecord::rebuildAsText(topic, kafkaPartition, valueSchema, text, timestamp);
    if (m_sourcePartition != sourcePartition) {
        m_sourcePartition = sourcePartition;
    }
    if (m_sourceOffset.size() == 1 && m_sourceOffset.begin()->first == offsetKey) {
        m_sourceOffset.begin()->second = std::move(offsetValue); // the map's node is kept
    } else {
        m_sourceOffset.clear();
        m_sourceOffset.emplace(offsetKey, std::move(offsetValue));
    }
}

bool SourceRecord::operator==(const SourceRecord& other) const
{
    return baseEquals(other) && sourcePartition() == other.sourcePartition() &&
           m_sourceOffset == other.m_sourceOffset;
}

} // namespace connectdesk::sdk
