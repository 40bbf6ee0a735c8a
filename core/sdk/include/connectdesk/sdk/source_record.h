// A record produced by a source task, with the source partition and offset it came from
// (SourceRecord, spec/connect-data-and-config.md §1.4).
#pragma once

#include "connectdesk/sdk/connect_record.h"

#include <map>
#include <string>

namespace connectdesk::sdk {

// Source partition / offset maps: string keys, primitive or null values (spec §8.3). An empty
// map stands for Connect's null map.
using OffsetMap = std::map<std::string, Value>;

class SourceRecord : public ConnectRecord {
public:
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                 std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema, Value key,
                 SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp = {},
                 Headers headers = {});
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic, SchemaPtr keySchema,
                 Value key, SchemaPtr valueSchema, Value value);
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                 std::optional<std::int32_t> kafkaPartition, SchemaPtr valueSchema, Value value);
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic, SchemaPtr valueSchema,
                 Value value);

    const OffsetMap& sourcePartition() const { return m_sourcePartition; }
    const OffsetMap& sourceOffset() const { return m_sourceOffset; }

    // A copy with new routing/payload; keeps partition/offset maps; copies the headers.
    SourceRecord newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                           Value key, SchemaPtr valueSchema, Value value,
                           std::optional<std::int64_t> timestamp) const;
    // The same with an explicit header collection.
    SourceRecord newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                           Value key, SchemaPtr valueSchema, Value value,
                           std::optional<std::int64_t> timestamp, Headers headers) const;

    bool operator==(const SourceRecord& other) const;

private:
    OffsetMap m_sourcePartition;
    OffsetMap m_sourceOffset;
};

} // namespace connectdesk::sdk
