// JSON text of source partitions and offsets exactly as Connect writes them to its offset store
// (schemaless JsonConverter; spec/connect-data-and-config.md §8.3), and back.
#pragma once

#include <connectdesk/sdk/source_record.h>

#include <optional>
#include <string>

namespace connectdesk::runtime {

// {"k":v,...} with members in key order (deterministic, see the interop note of §8.3). Throws
// sdk::DataException for values that are not null or primitive.
std::string offsetMapToJson(const sdk::OffsetMap& map);
// ["<connector>",{partition}]
std::string offsetKeyJson(const std::string& connector, const sdk::OffsetMap& partition);
// Parses an object of primitives; integers become int64, like the schemaless JsonConverter.
// nullopt with error for anything else ("null" gives nullopt without error when allowNull).
std::optional<sdk::OffsetMap> offsetMapFromJson(const std::string& json, std::string* error);
// Splits a key written by offsetKeyJson (or Java) into connector and partition; nullopt for rows
// that are not a two-element [string, object] array (they are ignored, §8.3).
std::optional<std::pair<std::string, sdk::OffsetMap>> parseOffsetKey(const std::string& json);

} // namespace connectdesk::runtime
