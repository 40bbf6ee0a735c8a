// A record delivered to a sink task, with its Kafka offset, timestamp type and the original
// topic/partition/offset from before transforms ran (SinkRecord, spec/connect-data-and-config.md §1.4).
#pragma once

#include "connectdesk/sdk/connect_record.h"

#include <string_view>

namespace connectdesk::sdk {

enum class TimestampType : std::uint8_t { NoTimestampType, CreateTime, LogAppendTime };
// `NoTimestampType`, `CreateTime`, `LogAppendTime` (Java TimestampType.toString).
std::string_view timestampTypeName(TimestampType type);

class SinkRecord : public ConnectRecord {
public:
    // Original topic/partition/offset default to the given ones.
    SinkRecord(std::string topic, std::int32_t kafkaPartition, SchemaPtr keySchema, Value key,
               SchemaPtr valueSchema, Value value, std::int64_t kafkaOffset,
               std::optional<std::int64_t> timestamp = {},
               TimestampType timestampType = TimestampType::NoTimestampType, Headers headers = {});
    SinkRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema, Value key,
               SchemaPtr valueSchema, Value value, std::int64_t kafkaOffset,
               std::optional<std::int64_t> timestamp, TimestampType timestampType, Headers headers,
               std::string originalTopic, std::int32_t originalKafkaPartition,
               std::int64_t originalKafkaOffset);

    std::int64_t kafkaOffset() const { return m_kafkaOffset; }
    TimestampType timestampType() const { return m_timestampType; }
    // Before any transform; sink tasks report offsets against these (spec §6.5).
    const std::string& originalTopic() const { return m_originalTopic; }
    std::int32_t originalKafkaPartition() const { return m_originalKafkaPartition; }
    std::int64_t originalKafkaOffset() const { return m_originalKafkaOffset; }

    // A copy with new routing/payload; keeps offset, timestamp type and originals; copies headers.
    SinkRecord newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                         Value key, SchemaPtr valueSchema, Value value,
                         std::optional<std::int64_t> timestamp) const;
    SinkRecord newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                         Value key, SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp,
                         Headers headers) const;

    bool operator==(const SinkRecord& other) const;

    // ConnectDesk's own, for the runtime, which reuses the records of a delivered batch for the next
    // ones it consumes instead of allocating each anew. Makes this record what the first constructor
    // builds from (topic, kafkaPartition, ..., kafkaOffset, timestamp, timestampType) with no headers,
    // originals included, keeping the topics' buffers; the key and value, with their schemas, are
    // returned for the converters to set (Converter::toConnectDataInto), so that their buffers are
    // kept too. Until they are set, they hold whatever the record held before.
    PayloadSlots rebuildConsumed(std::string_view topic, std::int32_t kafkaPartition,
                                 std::int64_t kafkaOffset, std::optional<std::int64_t> timestamp,
                                 TimestampType timestampType);

private:
    std::int64_t m_kafkaOffset;
    TimestampType m_timestampType;
    std::string m_originalTopic;
    std::int32_t m_originalKafkaPartition;
    std::int64_t m_originalKafkaOffset;
};

} // namespace connectdesk::sdk
