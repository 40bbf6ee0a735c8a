#include "connectdesk/sdk/schema.h"

#include "connectdesk/sdk/errors.h"
#include "connectdesk/sdk/logical_types.h"

#include <algorithm>
#include <array>

namespace connectdesk::sdk {

namespace {

constexpr std::array<std::string_view, 12> kUpperNames = {"INT8",    "INT16",   "INT32",   "INT64",
                                                          "FLOAT32", "FLOAT64", "BOOLEAN", "STRING",
                                                          "BYTES",   "ARRAY",   "MAP",     "STRUCT"};
constexpr std::array<std::string_view, 12> kLowerNames = {"int8",    "int16",   "int32",   "int64",
                                                          "float32", "float64", "boolean", "string",
                                                          "bytes",   "array",   "map",     "struct"};

std::string childPath(std::string_view parent, std::string_view child)
{
    if (parent.empty())
        return std::string(child);
    std::string out(parent);
    out += '.';
    out += child;
    return out;
}

std::string indexPath(std::string_view parent, std::size_t index, std::string_view suffix = {})
{
    std::string out(parent);
    out += '[';
    out += std::to_string(index);
    out += ']';
    out += suffix;
    return out;
}

std::string quotedPathSuffix(std::string_view path)
{
    if (path.empty())
        return {};
    return " for field \"" + std::string(path) + "\"";
}

// The value alternative a schema accepts; logical names take precedence over the physical type
// (ConnectSchema.validateValue looks the name up in LOGICAL_TYPE_CLASSES first).
ValueKind expectedKind(const Schema& schema)
{
    switch (logicalTypeOf(schema)) {
    case LogicalType::Decimal:
        return ValueKind::Decimal;
    case LogicalType::Date:
    case LogicalType::Time:
    case LogicalType::Timestamp:
        return ValueKind::DateTime;
    case LogicalType::None:
        break;
    }
    switch (schema.type()) {
    case SchemaType::Int8:
        return ValueKind::Int8;
    case SchemaType::Int16:
        return ValueKind::Int16;
    case SchemaType::Int32:
        return ValueKind::Int32;
    case SchemaType::Int64:
        return ValueKind::Int64;
    case SchemaType::Float32:
        return ValueKind::Float32;
    case SchemaType::Float64:
        return ValueKind::Float64;
    case SchemaType::Boolean:
        return ValueKind::Boolean;
    case SchemaType::String:
        return ValueKind::String;
    case SchemaType::Bytes:
        return ValueKind::Bytes;
    case SchemaType::Array:
        return ValueKind::Array;
    case SchemaType::Map:
        return ValueKind::Map;
    case SchemaType::Struct:
        return ValueKind::Struct;
    }
    return ValueKind::Null;
}

bool parametersEqual(const SchemaParameters& a, const SchemaParameters& b)
{
    // Java compares the parameter maps with Map.equals: order does not matter.
    if (a.size() != b.size())
        return false;
    return std::all_of(a.begin(), a.end(),
                       [&b](const auto& entry) { return std::find(b.begin(), b.end(), entry) != b.end(); });
}

} // namespace

std::string_view schemaTypeName(SchemaType type)
{
    return kUpperNames[static_cast<std::size_t>(type)];
}

std::string_view schemaTypeLowerName(SchemaType type)
{
    return kLowerNames[static_cast<std::size_t>(type)];
}

std::optional<SchemaType> schemaTypeFromName(std::string_view name)
{
    for (std::size_t i = 0; i < kUpperNames.size(); ++i) {
        if (name == kUpperNames[i] || name == kLowerNames[i])
            return static_cast<SchemaType>(i);
    }
    return std::nullopt;
}

bool isPrimitive(SchemaType type)
{
    return type != SchemaType::Array && type != SchemaType::Map && type != SchemaType::Struct;
}

Field::Field(std::string name, int index, SchemaPtr schema)
    : m_name(std::move(name)), m_index(index), m_schema(std::move(schema))
{
}

bool Field::operator==(const Field& other) const
{
    return m_name == other.m_name && m_index == other.m_index && schemasEqual(m_schema, other.m_schema);
}

Schema::Schema(SchemaType type, bool optional, Value defaultValue, std::optional<std::string> name,
               std::optional<std::int32_t> version, std::optional<std::string> doc,
               SchemaParameters parameters, std::vector<Field> fields, SchemaPtr keySchema,
               SchemaPtr valueSchema)
    : m_type(type), m_optional(optional), m_default(std::move(defaultValue)), m_name(std::move(name)),
      m_version(version), m_doc(std::move(doc)), m_parameters(std::move(parameters)),
      m_fields(std::move(fields)), m_keySchema(std::move(keySchema)), m_valueSchema(std::move(valueSchema))
{
    // ARRAY/MAP element schemas may be null here: Connect's arrayOfNull()/mapOfNull() schemas
    // (what Values.parseString infers for mixed or all-null elements) have none.
    if (m_type != SchemaType::Struct && !m_fields.empty())
        throw DataException("Cannot specify fields on non-struct type.");
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        if (m_fields[i].index() != static_cast<int>(i) || !m_fields[i].schema())
            throw DataException("Invalid field " + m_fields[i].name() + " in struct schema");
    }
}

const std::string* Schema::parameter(std::string_view key) const
{
    for (const auto& [k, v] : m_parameters) {
        if (k == key)
            return &v;
    }
    return nullptr;
}

const Field* Schema::field(std::string_view fieldName) const
{
    for (const Field& f : m_fields) {
        if (f.name() == fieldName)
            return &f;
    }
    return nullptr;
}

bool Schema::operator==(const Schema& other) const
{
    if (this == &other)
        return true;
    return m_type == other.m_type && m_optional == other.m_optional && m_name == other.m_name &&
           m_version == other.m_version && m_doc == other.m_doc && m_fields == other.m_fields &&
           schemasEqual(m_keySchema, other.m_keySchema) && schemasEqual(m_valueSchema, other.m_valueSchema) &&
           parametersEqual(m_parameters, other.m_parameters) && m_default == other.m_default;
}

std::string Schema::toString() const
{
    if (m_name)
        return "Schema{" + *m_name + ":" + std::string(schemaTypeName(m_type)) + "}";
    return "Schema{" + std::string(schemaTypeName(m_type)) + "}";
}

void Schema::validateValue(const SchemaPtr& schema, const Value& value)
{
    validateValue(std::string_view{}, schema, value);
}

void Schema::validateValue(std::string_view fieldPath, const SchemaPtr& schema, const Value& value)
{
    if (schema)
        validateValue(fieldPath, *schema, value);
}

void Schema::validateValue(std::string_view fieldPath, const Schema& schema, const Value& value)
{
    if (value.isNull()) {
        if (!schema.isOptional())
            throw DataException("Invalid value: null used for required field: \"" + std::string(fieldPath) +
                                "\", schema type: " + std::string(schemaTypeName(schema.type())));
        return;
    }
    const ValueKind expected = expectedKind(schema);
    if (value.kind() != expected) {
        std::string expectedText(valueKindName(expected));
        if (schema.name() && logicalTypeOf(schema) != LogicalType::None)
            expectedText += " (logical type " + *schema.name() + ")";
        throw DataException("Invalid value" + quotedPathSuffix(fieldPath) + ": expected " + expectedText +
                            " for schema type " + std::string(schemaTypeName(schema.type())) + ", got " +
                            std::string(valueKindName(value.kind())));
    }
    switch (schema.type()) {
    case SchemaType::Struct: {
        const Struct& s = value.as<Struct>();
        if (s.schema().get() != &schema && !(*s.schema() == schema))
            throw DataException("Struct schemas do not match" + quotedPathSuffix(fieldPath) + ": expected " +
                                schema.toString() + ", got " + s.schema()->toString());
        for (const Field& f : schema.fields()) {
            const Value& v = s.getWithoutDefault(static_cast<std::size_t>(f.index()));
            if (v.isNull() && (f.schema()->isOptional() || f.schema()->hasDefault()))
                continue;
            validateValue(childPath(fieldPath, f.name()), *f.schema(), v);
        }
        break;
    }
    case SchemaType::Array: {
        const Array& a = value.as<Array>();
        for (std::size_t i = 0; i < a.size(); ++i)
            validateValue(indexPath(fieldPath, i), schema.valueSchema(), a[i]);
        break;
    }
    case SchemaType::Map: {
        const Map& m = value.as<Map>();
        for (std::size_t i = 0; i < m.size(); ++i) {
            validateValue(indexPath(fieldPath, i, ".key"), schema.keySchema(), m[i].first);
            validateValue(indexPath(fieldPath, i, ".value"), schema.valueSchema(), m[i].second);
        }
        break;
    }
    default:
        break;
    }
}

// The predefined schemas live as long as the process (never destroyed, so a plugin's static that
// holds one is safe at exit) and their SchemaPtrs own nothing: copying one, as every record built
// with Schema::stringSchema() does, touches no reference count (two atomic operations per record
// saved on a hot path). A schema's identity and value are as before.
#define CONNECTDESK_PREDEFINED(fn, type, optional)                                                           \
    const SchemaPtr& Schema::fn()                                                                            \
    {                                                                                                        \
        static const SchemaPtr s(SchemaPtr(), new Schema(type, optional));                                   \
        return s;                                                                                            \
    }
CONNECTDESK_PREDEFINED(int8Schema, SchemaType::Int8, false)
CONNECTDESK_PREDEFINED(int16Schema, SchemaType::Int16, false)
CONNECTDESK_PREDEFINED(int32Schema, SchemaType::Int32, false)
CONNECTDESK_PREDEFINED(int64Schema, SchemaType::Int64, false)
CONNECTDESK_PREDEFINED(float32Schema, SchemaType::Float32, false)
CONNECTDESK_PREDEFINED(float64Schema, SchemaType::Float64, false)
CONNECTDESK_PREDEFINED(booleanSchema, SchemaType::Boolean, false)
CONNECTDESK_PREDEFINED(stringSchema, SchemaType::String, false)
CONNECTDESK_PREDEFINED(bytesSchema, SchemaType::Bytes, false)
CONNECTDESK_PREDEFINED(optionalInt8Schema, SchemaType::Int8, true)
CONNECTDESK_PREDEFINED(optionalInt16Schema, SchemaType::Int16, true)
CONNECTDESK_PREDEFINED(optionalInt32Schema, SchemaType::Int32, true)
CONNECTDESK_PREDEFINED(optionalInt64Schema, SchemaType::Int64, true)
CONNECTDESK_PREDEFINED(optionalFloat32Schema, SchemaType::Float32, true)
CONNECTDESK_PREDEFINED(optionalFloat64Schema, SchemaType::Float64, true)
CONNECTDESK_PREDEFINED(optionalBooleanSchema, SchemaType::Boolean, true)
CONNECTDESK_PREDEFINED(optionalStringSchema, SchemaType::String, true)
CONNECTDESK_PREDEFINED(optionalBytesSchema, SchemaType::Bytes, true)
#undef CONNECTDESK_PREDEFINED

SchemaPtr Schema::primitive(SchemaType type, bool optional)
{
    switch (type) {
    case SchemaType::Int8:
        return optional ? optionalInt8Schema() : int8Schema();
    case SchemaType::Int16:
        return optional ? optionalInt16Schema() : int16Schema();
    case SchemaType::Int32:
        return optional ? optionalInt32Schema() : int32Schema();
    case SchemaType::Int64:
        return optional ? optionalInt64Schema() : int64Schema();
    case SchemaType::Float32:
        return optional ? optionalFloat32Schema() : float32Schema();
    case SchemaType::Float64:
        return optional ? optionalFloat64Schema() : float64Schema();
    case SchemaType::Boolean:
        return optional ? optionalBooleanSchema() : booleanSchema();
    case SchemaType::String:
        return optional ? optionalStringSchema() : stringSchema();
    case SchemaType::Bytes:
        return optional ? optionalBytesSchema() : bytesSchema();
    default:
        return nullptr;
    }
}

bool schemasEqual(const SchemaPtr& a, const SchemaPtr& b)
{
    if (a == b)
        return true;
    if (!a || !b)
        return false;
    return *a == *b;
}

} // namespace connectdesk::sdk
