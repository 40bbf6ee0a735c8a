// Shared helpers of the built-in transformations: key/value targeting, Connect's Requirements
// checks, schemaless map access, the schema update cache and config parsing (spec §9).
#pragma once

#include <connectdesk/sdk/config_def.h>
#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema_builder.h>
#include <connectdesk/sdk/sink_record.h>
#include <connectdesk/sdk/source_record.h>

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace connectdesk::transforms {

// Which part of the record a `$Key` / `$Value` variant operates on.
enum class Target { Key, Value };

inline const sdk::SchemaPtr& operatingSchema(const sdk::ConnectRecord& record, Target target)
{
    return target == Target::Key ? record.keySchema() : record.valueSchema();
}
inline const sdk::Value& operatingValue(const sdk::ConnectRecord& record, Target target)
{
    return target == Target::Key ? record.key() : record.value();
}

// A new record with the operating schema/value replaced; moves the untouched payload and the
// headers out of `record`, which is consumed (keeps the per-record path free of deep copies).
template <class R>
R withOperating(R& record, Target target, sdk::SchemaPtr schema, sdk::Value value)
{
    if (target == Target::Key) {
        sdk::SchemaPtr valueSchema = record.valueSchema();
        sdk::Value recordValue = record.takeValue();
        return record.newRecord(record.topic(), record.kafkaPartition(), std::move(schema), std::move(value),
                                std::move(valueSchema), std::move(recordValue), record.timestamp(),
                                std::move(record.headers()));
    }
    sdk::SchemaPtr keySchema = record.keySchema();
    sdk::Value key = record.takeKey();
    return record.newRecord(record.topic(), record.kafkaPartition(), std::move(keySchema), std::move(key),
                            std::move(schema), std::move(value), record.timestamp(),
                            std::move(record.headers()));
}

// A new record with another topic and everything else moved over.
template <class R>
R withTopic(R& record, std::string topic)
{
    sdk::SchemaPtr keySchema = record.keySchema();
    sdk::SchemaPtr valueSchema = record.valueSchema();
    sdk::Value key = record.takeKey();
    sdk::Value value = record.takeValue();
    return record.newRecord(std::move(topic), record.kafkaPartition(), std::move(keySchema), std::move(key),
                            std::move(valueSchema), std::move(value), record.timestamp(),
                            std::move(record.headers()));
}

// Connect's Requirements (SMT/util/Requirements.java), with our kind names instead of Java class names.
void requireSchema(const sdk::SchemaPtr& schema, std::string_view purpose);
const sdk::Map& requireMap(const sdk::Value& value, std::string_view purpose);
const sdk::Struct& requireStruct(const sdk::Value& value, std::string_view purpose);
template <class R>
void requireSinkRecord(std::string_view purpose)
{
    if constexpr (!std::is_same_v<R, sdk::SinkRecord>) {
        throw sdk::DataException("Only SinkRecord supported for [" + std::string(purpose) +
                                 "], found: SourceRecord");
    }
}

// The value stored under a string key of a schemaless map, or nullptr (Map.get).
const sdk::Value* mapGet(const sdk::Map& map, std::string_view key);
sdk::Value* mapGet(sdk::Map& map, std::string_view key);
// Map.put: replaces the value of an existing key, else appends (keeps insertion order).
void mapPut(sdk::Map& map, std::string_view key, sdk::Value value);
bool mapRemove(sdk::Map& map, std::string_view key);

// SchemaUtil.copySchemaBasics: name, version, doc and parameters (not optionality, as in Connect).
sdk::SchemaBuilder copySchemaBasics(const sdk::Schema& source, sdk::SchemaBuilder builder);
sdk::SchemaBuilder copySchemaBasics(const sdk::Schema& source);

// A struct field's value for copying into a new struct: Struct.get (null → default) when
// replaceNullWithDefault, else the raw stored value (spec §9, KIP-1040).
inline const sdk::Value& fieldValue(const sdk::Struct& s, const sdk::Field& field,
                                    bool replaceNullWithDefault)
{
    return replaceNullWithDefault ? s.get(field)
                                  : s.getWithoutDefault(static_cast<std::size_t>(field.index()));
}

// The small LRU cache of input → output schema most Connect SMTs keep (SynchronizedCache(LRUCache(16))).
// Keyed by pointer first (the common case: the same SchemaPtr every record), then by deep equality.
class SchemaUpdateCache {
public:
    explicit SchemaUpdateCache(std::size_t capacity = 16) : m_capacity(capacity) {}
    sdk::SchemaPtr get(const sdk::SchemaPtr& key);
    void put(const sdk::SchemaPtr& key, sdk::SchemaPtr value);

private:
    std::size_t m_capacity;
    std::list<std::pair<sdk::SchemaPtr, sdk::SchemaPtr>> m_entries; // most recent first
};

// Shared keys.
inline constexpr const char* kReplaceNullWithDefault = "replace.null.with.default";
sdk::ConfigDef::Key replaceNullWithDefaultKey();

// Validator: a LIST that must have at least one item (NonEmptyListValidator's wording).
sdk::ConfigDef::Validator nonEmptyList();
// A required, non-empty LIST of high importance: `fields` / `headers` of MaskField, ValueToKey,
// HeaderFrom and DropHeaders (spec §9).
sdk::ConfigDef::Key requiredListKey(std::string name, std::string documentation);
// Validator: a STRING (possibly null) that, when set, is a valid Java-style regex.
sdk::ConfigDef::Validator regexPattern();

// Java's String.valueOf-style text of a config list for messages: `[a, b]`.
std::string listText(const std::vector<std::string>& items);

} // namespace connectdesk::transforms
