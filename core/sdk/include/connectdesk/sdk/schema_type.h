// The twelve Connect schema types (spec/connect-data-and-config.md §1.1).
// Declared before the Bytes/Array/Map value aliases so the enumerators do not shadow them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace connectdesk::sdk {

enum class SchemaType : std::uint8_t {
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Boolean,
    String,
    Bytes,
    Array,
    Map,
    Struct
};

// The Java enum name (`INT32`, `STRUCT`), used in messages and Schema::toString.
std::string_view schemaTypeName(SchemaType type);
// Connect's Type.getName(): the lower-case name (`int32`, `float32`, `struct`).
std::string_view schemaTypeLowerName(SchemaType type);
// Parses the lower-case or upper-case name; nullopt when unknown.
std::optional<SchemaType> schemaTypeFromName(std::string_view name);
bool isPrimitive(SchemaType type);

} // namespace connectdesk::sdk
