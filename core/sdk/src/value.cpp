#include "connectdesk/sdk/value.h"

#include "connectdesk/sdk/errors.h"
#include "connectdesk/sdk/schema.h"

namespace connectdesk::sdk {

std::string_view valueKindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Null:
        return "null";
    case ValueKind::Boolean:
        return "BOOLEAN";
    case ValueKind::Int8:
        return "INT8";
    case ValueKind::Int16:
        return "INT16";
    case ValueKind::Int32:
        return "INT32";
    case ValueKind::Int64:
        return "INT64";
    case ValueKind::Float32:
        return "FLOAT32";
    case ValueKind::Float64:
        return "FLOAT64";
    case ValueKind::String:
        return "STRING";
    case ValueKind::Bytes:
        return "BYTES";
    case ValueKind::Array:
        return "ARRAY";
    case ValueKind::Map:
        return "MAP";
    case ValueKind::Struct:
        return "STRUCT";
    case ValueKind::Decimal:
        return "Decimal";
    case ValueKind::DateTime:
        return "DateTime";
    }
    return "unknown";
}

bool Value::operator==(const Value& other) const
{
    return m_data == other.m_data;
}

void Value::throwWrongKind(ValueKind expected) const
{
    throw DataException("Expected a value of type " + std::string(valueKindName(expected)) + " but got " +
                        std::string(valueKindName(kind())));
}

Struct::Struct(SchemaPtr schema) : m_schema(std::move(schema))
{
    if (!m_schema || m_schema->type() != SchemaType::Struct)
        throw DataException("Not a struct schema: " +
                            (m_schema ? m_schema->toString() : std::string("null")));
    m_values.resize(m_schema->fields().size());
}

Struct::Struct(const Struct&) = default;
Struct::Struct(Struct&&) noexcept = default;
Struct& Struct::operator=(const Struct&) = default;
Struct& Struct::operator=(Struct&&) noexcept = default;
Struct::~Struct() = default;

const Field& Struct::lookupField(std::string_view fieldName) const
{
    const Field* field = m_schema->field(fieldName);
    if (!field)
        throw DataException(std::string(fieldName) + " is not a valid field name");
    return *field;
}

const Value& Struct::get(std::string_view fieldName) const
{
    return get(lookupField(fieldName));
}

const Value& Struct::get(const Field& field) const
{
    const Value& stored = getWithoutDefault(static_cast<std::size_t>(field.index()));
    if (stored.isNull() && field.schema() && field.schema()->hasDefault())
        return field.schema()->defaultValue();
    return stored;
}

const Value& Struct::getWithoutDefault(std::string_view fieldName) const
{
    return m_values[static_cast<std::size_t>(lookupField(fieldName).index())];
}

const Value& Struct::getWithoutDefault(std::size_t fieldIndex) const
{
    if (fieldIndex >= m_values.size())
        throw DataException("Field index " + std::to_string(fieldIndex) + " out of range for " +
                            m_schema->toString());
    return m_values[fieldIndex];
}

Struct& Struct::put(std::string_view fieldName, Value value)
{
    return put(lookupField(fieldName), std::move(value));
}

Struct& Struct::put(const Field& field, Value value)
{
    const auto index = static_cast<std::size_t>(field.index());
    if (index >= m_values.size() || m_schema->fields()[index].name() != field.name())
        throw DataException("Field " + field.name() + " does not belong to " + m_schema->toString());
    Schema::validateValue(field.name(), field.schema(), value);
    m_values[index] = std::move(value);
    return *this;
}

void Struct::putUnchecked(std::size_t fieldIndex, Value value)
{
    m_values[fieldIndex] = std::move(value);
}

namespace {

// Struct.getCheckType: the field's schema type must be the requested one; the value (with the
// field's default applied) must be present for a non-nullable C++ return type.
template <class T>
const T& typedGet(const Struct& s, const Schema& schema, std::string_view fieldName, SchemaType type)
{
    const Field* field = schema.field(fieldName);
    if (!field)
        throw DataException(std::string(fieldName) + " is not a valid field name");
    if (field->schema()->type() != type)
        throw DataException("Field '" + std::string(fieldName) + "' is not of type " +
                            std::string(schemaTypeName(type)));
    const Value& v = s.get(*field);
    if (v.isNull())
        throw DataException("Field '" + std::string(fieldName) + "' is null");
    return v.as<T>();
}

} // namespace

std::int8_t Struct::getInt8(std::string_view n) const
{
    return typedGet<std::int8_t>(*this, *m_schema, n, SchemaType::Int8);
}
std::int16_t Struct::getInt16(std::string_view n) const
{
    return typedGet<std::int16_t>(*this, *m_schema, n, SchemaType::Int16);
}
std::int32_t Struct::getInt32(std::string_view n) const
{
    return typedGet<std::int32_t>(*this, *m_schema, n, SchemaType::Int32);
}
std::int64_t Struct::getInt64(std::string_view n) const
{
    return typedGet<std::int64_t>(*this, *m_schema, n, SchemaType::Int64);
}
float Struct::getFloat32(std::string_view n) const
{
    return typedGet<float>(*this, *m_schema, n, SchemaType::Float32);
}
double Struct::getFloat64(std::string_view n) const
{
    return typedGet<double>(*this, *m_schema, n, SchemaType::Float64);
}
bool Struct::getBoolean(std::string_view n) const
{
    return typedGet<bool>(*this, *m_schema, n, SchemaType::Boolean);
}
const std::string& Struct::getString(std::string_view n) const
{
    return typedGet<std::string>(*this, *m_schema, n, SchemaType::String);
}
const Bytes& Struct::getBytes(std::string_view n) const
{
    return typedGet<Bytes>(*this, *m_schema, n, SchemaType::Bytes);
}
const Array& Struct::getArray(std::string_view n) const
{
    return typedGet<Array>(*this, *m_schema, n, SchemaType::Array);
}
const Map& Struct::getMap(std::string_view n) const
{
    return typedGet<Map>(*this, *m_schema, n, SchemaType::Map);
}
const Struct& Struct::getStruct(std::string_view n) const
{
    return typedGet<Struct>(*this, *m_schema, n, SchemaType::Struct);
}

void Struct::validate() const
{
    for (const Field& field : m_schema->fields()) {
        const Value& v = m_values[static_cast<std::size_t>(field.index())];
        if (v.isNull() && (field.schema()->isOptional() || field.schema()->hasDefault()))
            continue;
        Schema::validateValue(field.name(), field.schema(), v);
    }
}

bool Struct::operator==(const Struct& other) const
{
    return schemasEqual(m_schema, other.m_schema) && m_values == other.m_values;
}

} // namespace connectdesk::sdk
