#include "connectdesk/sdk/schema_builder.h"

#include "connectdesk/sdk/errors.h"

#include <algorithm>

namespace connectdesk::sdk {

namespace {

// SchemaBuilder.checkCanSet: a property may be set again only to the same value.
template <class T>
void checkCanSet(std::string_view property, const std::optional<T>& current, const T& value)
{
    if (current && !(*current == value))
        throw SchemaBuilderException("Invalid SchemaBuilder call: " + std::string(property) +
                                     " has already been set.");
}

} // namespace

SchemaBuilder::SchemaBuilder(SchemaType type) : m_type(type) {}

SchemaBuilder SchemaBuilder::array(SchemaPtr valueSchema)
{
    if (!valueSchema)
        throw SchemaBuilderException("valueSchema cannot be null.");
    SchemaBuilder b(SchemaType::Array);
    b.m_valueSchema = std::move(valueSchema);
    return b;
}

SchemaBuilder SchemaBuilder::map(SchemaPtr keySchema, SchemaPtr valueSchema)
{
    if (!keySchema)
        throw SchemaBuilderException("keySchema cannot be null.");
    if (!valueSchema)
        throw SchemaBuilderException("valueSchema cannot be null.");
    SchemaBuilder b(SchemaType::Map);
    b.m_keySchema = std::move(keySchema);
    b.m_valueSchema = std::move(valueSchema);
    return b;
}

SchemaBuilder SchemaBuilder::arrayOfNull()
{
    SchemaBuilder b(SchemaType::Array);
    b.optional();
    return b;
}

SchemaBuilder SchemaBuilder::mapOfNull()
{
    SchemaBuilder b(SchemaType::Map);
    b.optional();
    return b;
}

SchemaBuilder SchemaBuilder::mapWithNullValues(SchemaPtr keySchema)
{
    if (!keySchema)
        throw SchemaBuilderException("keySchema cannot be null.");
    SchemaBuilder b(SchemaType::Map);
    b.m_keySchema = std::move(keySchema);
    b.optional();
    return b;
}

SchemaBuilder& SchemaBuilder::optional()
{
    checkCanSet("optional", m_optional, true);
    m_optional = true;
    return *this;
}

SchemaBuilder& SchemaBuilder::required()
{
    checkCanSet("optional", m_optional, false);
    m_optional = false;
    return *this;
}

SchemaBuilder& SchemaBuilder::defaultValue(Value value)
{
    if (!m_default.isNull() && !(m_default == value))
        throw SchemaBuilderException("Invalid SchemaBuilder call: default has already been set.");
    try {
        // Validated against what has been built so far, as Java validates against the builder.
        Schema snapshot(m_type, isOptional(), {}, m_name, m_version, m_doc, m_parameters, m_fields,
                        m_keySchema, m_valueSchema);
        Schema::validateValue(std::string_view{}, snapshot, value);
    } catch (const SchemaBuilderException&) {
        throw;
    } catch (const DataException& e) {
        throw SchemaBuilderException(std::string("Invalid default value: ") + e.what());
    }
    m_default = std::move(value);
    return *this;
}

SchemaBuilder& SchemaBuilder::name(std::string name)
{
    checkCanSet("name", m_name, name);
    m_name = std::move(name);
    return *this;
}

SchemaBuilder& SchemaBuilder::version(std::int32_t version)
{
    checkCanSet("version", m_version, version);
    m_version = version;
    return *this;
}

SchemaBuilder& SchemaBuilder::doc(std::string doc)
{
    checkCanSet("doc", m_doc, doc);
    m_doc = std::move(doc);
    return *this;
}

SchemaBuilder& SchemaBuilder::parameter(std::string key, std::string value)
{
    auto it = std::find_if(m_parameters.begin(), m_parameters.end(),
                           [&key](const auto& p) { return p.first == key; });
    if (it != m_parameters.end())
        it->second = std::move(value);
    else
        m_parameters.emplace_back(std::move(key), std::move(value));
    return *this;
}

SchemaBuilder& SchemaBuilder::parameters(const SchemaParameters& parameters)
{
    for (const auto& [k, v] : parameters)
        parameter(k, v);
    return *this;
}

SchemaBuilder& SchemaBuilder::field(std::string fieldName, SchemaPtr fieldSchema)
{
    if (m_type != SchemaType::Struct)
        throw SchemaBuilderException("Cannot create fields on type " + std::string(schemaTypeName(m_type)));
    if (fieldName.empty())
        throw SchemaBuilderException("fieldName cannot be null.");
    if (!fieldSchema)
        throw SchemaBuilderException("fieldSchema for field " + fieldName + " cannot be null.");
    if (std::any_of(m_fields.begin(), m_fields.end(),
                    [&fieldName](const Field& f) { return f.name() == fieldName; }))
        throw SchemaBuilderException("Cannot create field because of field name duplication " + fieldName);
    const int index = static_cast<int>(m_fields.size());
    m_fields.emplace_back(std::move(fieldName), index, std::move(fieldSchema));
    return *this;
}

SchemaPtr SchemaBuilder::build() const
{
    return std::make_shared<const Schema>(m_type, isOptional(), m_default, m_name, m_version, m_doc,
                                          m_parameters, m_fields, m_keySchema, m_valueSchema);
}

} // namespace connectdesk::sdk
