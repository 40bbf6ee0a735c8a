// An immutable Connect schema (ConnectSchema): type, optionality, default, name, version, doc,
// parameters, struct fields and key/value schemas (spec/connect-data-and-config.md §1.1–1.2).
#pragma once

#include "connectdesk/sdk/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace connectdesk::sdk {

// Schema parameters keep insertion order (Java LinkedHashMap); an empty list means "not set".
using SchemaParameters = std::vector<std::pair<std::string, std::string>>;

// A struct field: name, position and schema (org.apache.kafka.connect.data.Field).
class Field {
public:
    Field(std::string name, int index, SchemaPtr schema);

    const std::string& name() const { return m_name; }
    int index() const { return m_index; }
    const SchemaPtr& schema() const { return m_schema; }

    bool operator==(const Field& other) const;

private:
    std::string m_name;
    int m_index;
    SchemaPtr m_schema;
};

class Schema {
public:
    // Prefer SchemaBuilder, which enforces the builder rules; this constructor only checks that
    // fields belong to a STRUCT and have consecutive indexes.
    Schema(SchemaType type, bool optional = false, Value defaultValue = {},
           std::optional<std::string> name = {}, std::optional<std::int32_t> version = {},
           std::optional<std::string> doc = {}, SchemaParameters parameters = {},
           std::vector<Field> fields = {}, SchemaPtr keySchema = {}, SchemaPtr valueSchema = {});

    SchemaType type() const { return m_type; }
    bool isOptional() const { return m_optional; }
    // Null when no default is set (Connect cannot tell "no default" from "default null" either).
    const Value& defaultValue() const { return m_default; }
    bool hasDefault() const { return !m_default.isNull(); }
    const std::optional<std::string>& name() const { return m_name; }
    const std::optional<std::int32_t>& version() const { return m_version; }
    const std::optional<std::string>& doc() const { return m_doc; }
    const SchemaParameters& parameters() const { return m_parameters; }
    // The parameter's value, or nullptr.
    const std::string* parameter(std::string_view key) const;

    // STRUCT only (empty otherwise; Java throws, we let callers check type()).
    const std::vector<Field>& fields() const { return m_fields; }
    // The named field or nullptr.
    const Field* field(std::string_view fieldName) const;
    // MAP only. Null only for SchemaBuilder::mapOfNull().
    const SchemaPtr& keySchema() const { return m_keySchema; }
    // ARRAY and MAP. Null only for arrayOfNull()/mapOfNull()/mapWithNullValues() schemas.
    const SchemaPtr& valueSchema() const { return m_valueSchema; }

    // Deep equality of every attribute, fields, parameters and default (ConnectSchema.equals).
    bool operator==(const Schema& other) const;

    // `Schema{INT32}` or `Schema{com.example.Order:STRUCT}` (ConnectSchema.toString).
    std::string toString() const;

    // Throws DataException unless `value` is valid for `schema` (ConnectSchema.validateValue,
    // spec §1.2): null only for optional schemas; the alternative must match the type (the logical
    // class for the four logical names); structs must carry an equal schema and validate; array
    // and map contents are checked recursively. A null schema accepts anything. Messages name the
    // field path (`order.lines[2].qty`) and the expected type.
    static void validateValue(const SchemaPtr& schema, const Value& value);
    static void validateValue(std::string_view fieldPath, const SchemaPtr& schema, const Value& value);
    static void validateValue(std::string_view fieldPath, const Schema& schema, const Value& value);

    // Predefined schemas (Schema.INT32_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA ...). They live as long
    // as the process and their SchemaPtrs own nothing, so copying one costs no atomic operation:
    // use_count() is 0, a weak_ptr made from one is expired at once, and owner_before() sees them
    // all as the empty pointer. Compare schemas by value or by get(), never by owner.
    static const SchemaPtr& int8Schema();
    static const SchemaPtr& int16Schema();
    static const SchemaPtr& int32Schema();
    static const SchemaPtr& int64Schema();
    static const SchemaPtr& float32Schema();
    static const SchemaPtr& float64Schema();
    static const SchemaPtr& booleanSchema();
    static const SchemaPtr& stringSchema();
    static const SchemaPtr& bytesSchema();
    static const SchemaPtr& optionalInt8Schema();
    static const SchemaPtr& optionalInt16Schema();
    static const SchemaPtr& optionalInt32Schema();
    static const SchemaPtr& optionalInt64Schema();
    static const SchemaPtr& optionalFloat32Schema();
    static const SchemaPtr& optionalFloat64Schema();
    static const SchemaPtr& optionalBooleanSchema();
    static const SchemaPtr& optionalStringSchema();
    static const SchemaPtr& optionalBytesSchema();
    // The predefined schema for a primitive type; nullptr for ARRAY/MAP/STRUCT.
    static SchemaPtr primitive(SchemaType type, bool optional);

private:
    SchemaType m_type;
    bool m_optional;
    Value m_default;
    std::optional<std::string> m_name;
    std::optional<std::int32_t> m_version;
    std::optional<std::string> m_doc;
    SchemaParameters m_parameters;
    std::vector<Field> m_fields;
    SchemaPtr m_keySchema;
    SchemaPtr m_valueSchema;
};

// Null-safe deep equality; identical pointers short-cut.
bool schemasEqual(const SchemaPtr& a, const SchemaPtr& b);

} // namespace connectdesk::sdk
