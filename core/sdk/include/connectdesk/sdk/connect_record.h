// The fields every Connect record carries: topic, partition, key and value with schemas,
// timestamp and headers (ConnectRecord, spec/connect-data-and-config.md §1.4).
#pragma once

#include "connectdesk/sdk/headers.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace connectdesk::sdk {

// Base of SourceRecord and SinkRecord. Records are values: transforms produce new ones with
// newRecord() on the concrete type (moving the key/value in keeps that cheap).
class ConnectRecord {
public:
    const std::string& topic() const { return m_topic; }
    // Nullopt lets the producer's partitioner choose.
    const std::optional<std::int32_t>& kafkaPartition() const { return m_kafkaPartition; }
    const SchemaPtr& keySchema() const { return m_keySchema; }
    const Value& key() const { return m_key; }
    const SchemaPtr& valueSchema() const { return m_valueSchema; }
    const Value& value() const { return m_value; }
    // Milliseconds since the epoch; nullopt when the record has none.
    const std::optional<std::int64_t>& timestamp() const { return m_timestamp; }
    const Headers& headers() const { return m_headers; }
    // Headers are mutable in Connect too (converters and SMTs add to them).
    Headers& headers() { return m_headers; }

    // Moves the payload out, for the last stage of a pipeline.
    Value takeKey() { return std::move(m_key); }
    Value takeValue() { return std::move(m_value); }

    // The key and value with their schemas, to be written in place (SinkRecord::rebuildConsumed).
    struct PayloadSlots {
        SchemaPtr& keySchema;
        Value& key;
        SchemaPtr& valueSchema;
        Value& value;
    };

protected:
    ConnectRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                  Value key, SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp,
                  Headers headers)
        : m_topic(std::move(topic)), m_kafkaPartition(kafkaPartition), m_keySchema(std::move(keySchema)),
          m_key(std::move(key)), m_valueSchema(std::move(valueSchema)), m_value(std::move(value)),
          m_timestamp(timestamp), m_headers(std::move(headers))
    {
    }
    ConnectRecord(const ConnectRecord&) = default;
    ConnectRecord(ConnectRecord&&) noexcept = default;
    ConnectRecord& operator=(const ConnectRecord&) = default;
    ConnectRecord& operator=(ConnectRecord&&) noexcept = default;
    ~ConnectRecord() = default;

    bool baseEquals(const ConnectRecord& other) const;
    // For SourceRecordBatch: every field set anew, as the constructor sets them, with a null key and
    // `text` as the value; the topic's and a string value's buffers are kept. Headers are cleared.
    void rebuildAsText(std::string_view topic, std::optional<std::int32_t> kafkaPartition,
                       const SchemaPtr& valueSchema, std::string_view text,
                       std::optional<std::int64_t> timestamp);
    // For SinkRecord::rebuildConsumed: topic, partition and timestamp set anew (the topic's buffer
    // kept), headers cleared; key and value, with their schemas, left for the caller to write.
    PayloadSlots rebuildRouting(std::string_view topic, std::optional<std::int32_t> kafkaPartition,
                                std::optional<std::int64_t> timestamp);

private:
    std::string m_topic;
    std::optional<std::int32_t> m_kafkaPartition;
    SchemaPtr m_keySchema;
    Value m_key;
    SchemaPtr m_valueSchema;
    Value m_value;
    std::optional<std::int64_t> m_timestamp;
    Headers m_headers;
};

} // namespace connectdesk::sdk
