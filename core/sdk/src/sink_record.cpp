#include "connectdesk/sdk/sink_record.h"

namespace connectdesk::sdk {

std::string_view timestampTypeName(TimestampType type)
{
    switch (type) {
    case TimestampType::CreateTime:
        return "CreateTime";
    case TimestampType::LogAppendTime:
        return "LogAppendTime";
    case TimestampType::NoTimestampType:
        break;
    }
    return "NoTimestampType";
}

SinkRecord::SinkRecord(std::string topic, std::int32_t kafkaPartition, SchemaPtr keySchema, Value key,
                       SchemaPtr valueSchema, Value value, std::int64_t kafkaOffset,
                       std::optional<std::int64_t> timestamp, TimestampType timestampType, Headers headers)
    : ConnectRecord(topic, kafkaPartition, std::move(keySchema), std::move(key), std::move(valueSchema),
                    std::move(value), timestamp, std::move(headers)),
      m_kafkaOffset(kafkaOffset), m_timestampType(timestampType), m_originalTopic(std::move(topic)),
      m_originalKafkaPartition(kafkaPartition), m_originalKafkaOffset(kafkaOffset)
{
}

SinkRecord::SinkRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                       Value key, SchemaPtr valueSchema, Value value, std::int64_t kafkaOffset,
                       std::optional<std::int64_t> timestamp, TimestampType timestampType, Headers headers,
                       std::string originalTopic, std::int32_t originalKafkaPartition,
                       std::int64_t originalKafkaOffset)
    : ConnectRecord(std::move(topic), kafkaPartition, std::move(keySchema), std::move(key),
                    std::move(valueSchema), std::move(value), timestamp, std::move(headers)),
      m_kafkaOffset(kafkaOffset), m_timestampType(timestampType), m_originalTopic(std::move(originalTopic)),
      m_originalKafkaPartition(originalKafkaPartition), m_originalKafkaOffset(originalKafkaOffset)
{
}

ConnectRecord::PayloadSlots SinkRecord::rebuildConsumed(std::string_view topic, std::int32_t kafkaPartition,
                                                        std::int64_t kafkaOffset,
                                                        std::optional<std::int64_t> timestamp,
                                                        TimestampType timestampType)
{
    m_kafkaOffset = kafkaOffset;
    m_timestampType = timestampType;
    m_originalTopic.assign(topic);
    m_originalKafkaPartition = kafkaPartition;
    m_originalKafkaOffset = kafkaOffset;
    return rebuildRouting(topic, kafkaPartition, timestamp);
}

SinkRecord SinkRecord::newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition,
                                 SchemaPtr keySchema, Value key, SchemaPtr valueSchema, Value value,
                                 std::optional<std::int64_t> timestamp) const
{
    return newRecord(std::move(topic), kafkaPartition, std::move(keySchema), std::move(key),
                     std::move(valueSchema), std::move(value), timestamp, headers().duplicate());
}

SinkRecord SinkRecord::newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition,
                                 SchemaPtr keySchema, Value key, SchemaPtr valueSchema, Value value,
                                 std::optional<std::int64_t> timestamp, Headers headers) const
{
    // The originals survive every transform so offsets are committed where the record was read.
    return SinkRecord(std::move(topic), kafkaPartition, std::move(keySchema), std::move(key),
                      std::move(valueSchema), std::move(value), m_kafkaOffset, timestamp, m_timestampType,
                      std::move(headers), m_originalTopic, m_originalKafkaPartition, m_originalKafkaOffset);
}

bool SinkRecord::operator==(const SinkRecord& other) const
{
    return baseEquals(other) && m_kafkaOffset == other.m_kafkaOffset &&
           m_timestampType == other.m_timestampType && m_originalTopic == other.m_originalTopic &&
           m_originalKafkaPartition == other.m_originalKafkaPartition &&
           m_originalKafkaOffset == other.m_originalKafkaOffset;
}

} // namespace connectdesk::sdk
