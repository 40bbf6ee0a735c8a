// Fluent construction of Connect schemas with SchemaBuilder's rules: each property set once,
// defaults type-checked, struct field names unique (spec/connect-data-and-config.md §1.1).
#pragma once

#include "connectdesk/sdk/schema.h"

namespace connectdesk::sdk {

class SchemaBuilder {
public:
    explicit SchemaBuilder(SchemaType type);

    static SchemaBuilder int8() { return SchemaBuilder(SchemaType::Int8); }
    static SchemaBuilder int16() { return SchemaBuilder(SchemaType::Int16); }
    static SchemaBuilder int32() { return SchemaBuilder(SchemaType::Int32); }
    static SchemaBuilder int64() { return SchemaBuilder(SchemaType::Int64); }
    static SchemaBuilder float32() { return SchemaBuilder(SchemaType::Float32); }
    static SchemaBuilder float64() { return SchemaBuilder(SchemaType::Float64); }
    static SchemaBuilder boolean() { return SchemaBuilder(SchemaType::Boolean); }
    static SchemaBuilder string() { return SchemaBuilder(SchemaType::String); }
    static SchemaBuilder bytes() { return SchemaBuilder(SchemaType::Bytes); }
    static SchemaBuilder structType() { return SchemaBuilder(SchemaType::Struct); }
    // Throws SchemaBuilderException when an element schema is null.
    static SchemaBuilder array(SchemaPtr valueSchema);
    static SchemaBuilder map(SchemaPtr keySchema, SchemaPtr valueSchema);
    // Optional ARRAY/MAP schemas without element schemas (SchemaBuilder.arrayOfNull() etc.): what
    // header parsing infers when elements have no common schema.
    static SchemaBuilder arrayOfNull();
    static SchemaBuilder mapOfNull();
    static SchemaBuilder mapWithNullValues(SchemaPtr keySchema);

    // Each setter throws SchemaBuilderException when the property was already set to a different value.
    SchemaBuilder& optional();
    SchemaBuilder& required();
    // Validated against the schema being built (SchemaBuilderException "Invalid default value").
    SchemaBuilder& defaultValue(Value value);
    SchemaBuilder& name(std::string name);
    SchemaBuilder& version(std::int32_t version);
    SchemaBuilder& doc(std::string doc);
    SchemaBuilder& parameter(std::string key, std::string value);
    // Adds all; an empty list is ignored (Connect never stores an empty parameter map).
    SchemaBuilder& parameters(const SchemaParameters& parameters);
    // STRUCT only; names must be non-empty and unique, schemas non-null.
    SchemaBuilder& field(std::string fieldName, SchemaPtr fieldSchema);

    SchemaType type() const { return m_type; }
    bool isOptional() const { return m_optional.value_or(false); }
    const Value& defaultValue() const { return m_default; }
    const std::optional<std::string>& name() const { return m_name; }
    const std::optional<std::int32_t>& version() const { return m_version; }
    const std::optional<std::string>& doc() const { return m_doc; }
    const SchemaParameters& parameters() const { return m_parameters; }
    const std::vector<Field>& fields() const { return m_fields; }
    const SchemaPtr& keySchema() const { return m_keySchema; }
    const SchemaPtr& valueSchema() const { return m_valueSchema; }

    // An immutable schema; the builder may be reused.
    SchemaPtr build() const;

private:
    SchemaType m_type;
    std::optional<bool> m_optional;
    Value m_default;
    std::optional<std::string> m_name;
    std::optional<std::int32_t> m_version;
    std::optional<std::string> m_doc;
    SchemaParameters m_parameters;
    std::vector<Field> m_fields;
    SchemaPtr m_keySchema;
    SchemaPtr m_valueSchema;
};

} // namespace connectdesk::sdk
