// A record produced by a source task, with the source partition and offset it came from
// (SourceRecord, spec/connect-data-and-config.md §1.4).
#pragma once

#include "connectdesk/sdk/connect_record.h"

#include <map>
#include <memory>
#include <string>
#include <type_traits>

namespace connectdesk::sdk {

// Source partition / offset maps: string keys, primitive or null values (spec §8.3). An empty
// map stands for Connect's null map.
using OffsetMap = std::map<std::string, Value>;
// A source partition several records share: a task that builds it once and passes it to each
// record saves a copy of the map per record (a source partition rarely changes between records).
using SharedOffsetMap = std::shared_ptr<const OffsetMap>;

class SourceRecord : public ConnectRecord {
public:
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                 std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema, Value key,
                 SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp = {},
                 Headers headers = {});
    // The same with a source partition shared by several records: a task builds the map once
    // (std::make_shared<const OffsetMap>(...)) and passes it to each record; the map must not
    // change afterwards. Null is read as the empty map. A template taking exactly a
    // SharedOffsetMap, so that `SourceRecord({}, {}, ...)` and braced maps still build OffsetMaps.
    template <class Shared>
    requires std::is_same_v<std::remove_cvref_t<Shared>, SharedOffsetMap>
    SourceRecord(Shared&& sourcePartition, OffsetMap sourceOffset, std::string topic,
                 std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema, Value key,
                 SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp = {},
                 Headers headers = {})
        : SourceRecord(SharedTag{}, SharedOffsetMap(std::forward<Shared>(sourcePartition)),
                       std::move(sourceOffset), std::move(topic), kafkaPartition, std::move(keySchema),
                       std::move(key), std::move(valueSchema), std::move(value), timestamp,
                       std::move(headers))
    {
    }
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic, SchemaPtr keySchema,
                 Value key, SchemaPtr valueSchema, Value value);
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                 std::optional<std::int32_t> kafkaPartition, SchemaPtr valueSchema, Value value);
    SourceRecord(OffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic, SchemaPtr valueSchema,
                 Value value);

    const OffsetMap& sourcePartition() const;
    // The partition map as shared by the records built with it (and their newRecord() copies).
    const SharedOffsetMap& sharedSourcePartition() const { return m_sourcePartition; }
    const OffsetMap& sourceOffset() const { return m_sourceOffset; }

    // A copy with new routing/payload; keeps partition/offset maps (the partition map shared, not
    // copied); copies the headers.
    SourceRecord newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                           Value key, SchemaPtr valueSchema, Value value,
                           std::optional<std::int64_t> timestamp) const;
    // The same with an explicit header collection.
    SourceRecord newRecord(std::string topic, std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema,
                           Value key, SchemaPtr valueSchema, Value value,
                           std::optional<std::int64_t> timestamp, Headers headers) const;

    bool operator==(const SourceRecord& other) const;

private:
    friend class SourceRecordBatch;
    struct SharedTag {};
    SourceRecord(SharedTag, SharedOffsetMap sourcePartition, OffsetMap sourceOffset, std::string topic,
                 std::optional<std::int32_t> kafkaPartition, SchemaPtr keySchema, Value key,
                 SchemaPtr valueSchema, Value value, std::optional<std::int64_t> timestamp, Headers headers);

    // SourceRecordBatch::addText(): see there.
    void rebuildAsText(const SharedOffsetMap& sourcePartition, std::string_view offsetKey, Value offsetValue,
                       std::string_view topic, std::optional<std::int32_t> kafkaPartition,
                       const SchemaPtr& valueSchema, std::string_view text,
                       std::optional<std::int64_t> timestamp);

    SharedOffsetMap m_sourcePartition;
    OffsetMap m_sourceOffset;
};

} // namespace connectdesk::sdk
