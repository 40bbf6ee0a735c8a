// HeaderFrom$Key / HeaderFrom$Value: copies or moves fields of the key or value into headers (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

#include <algorithm>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;

template <class R>
class HeaderFrom final : public sdk::Transformation<R> {
public:
    explicit HeaderFrom(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define(requiredListKey(
            "fields", "Field names in the record whose values are to be copied or moved to headers."));
        def.define(requiredListKey("headers",
                                   "Header names, in the same order as the field names listed in the fields "
                                   "configuration property."));
        def.define({.name = "operation",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .validator = sdk::validators::validString({"move", "copy"}),
                    .importance = ConfigDef::Importance::High,
                    .documentation =
                        "Either <code>move</code> if the fields are to be moved to the headers "
                        "(removed from the key/value), or <code>copy</code> if the fields are to be "
                        "copied to the headers (retained in the key/value).",
                    .recommendedValues = {"move", "copy"}});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_fields = parsed.getList("fields");
        m_headers = parsed.getList("headers");
        m_move = parsed.getString("operation") == "move";
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
        if (m_fields.size() != m_headers.size()) {
            throw sdk::ConfigException(
                "'fields' config must have the same number of elements as 'headers' config.");
        }
    }

    std::optional<R> apply(R record) override
    {
        const std::string purpose = m_move ? "header move" : "header copy";
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (!schema) {
            const sdk::Map& map = requireMap(value, purpose);
            for (std::size_t i = 0; i < m_fields.size(); ++i) {
                const sdk::Value* v = mapGet(map, m_fields[i]);
                record.headers().add(m_headers[i], v != nullptr ? *v : sdk::Value(), nullptr);
            }
            if (!m_move) {
                return record;
            }
            sdk::Map updated;
            for (const auto& entry : map) {
                const auto* k = entry.first.template getIf<std::string>();
                if (k == nullptr || std::find(m_fields.begin(), m_fields.end(), *k) == m_fields.end()) {
                    updated.push_back(entry);
                }
            }
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(updated)));
        }
        const sdk::Struct& s = requireStruct(value, purpose);
        for (std::size_t i = 0; i < m_fields.size(); ++i) {
            const sdk::Field* field = s.schema()->field(m_fields[i]);
            if (field == nullptr) {
                throw sdk::DataException("Field does not exist: " + m_fields[i] + " (for " + purpose + ")");
            }
            record.headers().add(m_headers[i], fieldValue(s, *field, m_replaceNullWithDefault),
                                 field->schema());
        }
        if (!m_move) {
            return record;
        }
        sdk::SchemaPtr updatedSchema = m_cache.get(s.schema());
        if (!updatedSchema) {
            sdk::SchemaBuilder builder = copySchemaBasics(*s.schema(), sdk::SchemaBuilder::structType());
            for (const sdk::Field& field : s.schema()->fields()) {
                if (std::find(m_fields.begin(), m_fields.end(), field.name()) == m_fields.end()) {
                    builder.field(field.name(), field.schema());
                }
            }
            updatedSchema = builder.build();
            m_cache.put(s.schema(), updatedSchema);
        }
        sdk::Struct updated(updatedSchema);
        for (const sdk::Field& field : updatedSchema->fields()) {
            updated.putUnchecked(static_cast<std::size_t>(field.index()),
                                 m_replaceNullWithDefault ? s.get(field.name())
                                                          : s.getWithoutDefault(field.name()));
        }
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(updated)));
    }

private:
    Target m_target;
    std::vector<std::string> m_fields;
    std::vector<std::string> m_headers;
    bool m_move = false;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

template <class R>
class HoistField final : public sdk::Transformation<R> {
public:
    explicit HoistField(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "field",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "Field name for the single field that will be created in the resulting "
                                     "Struct or Map."});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        m_field = config().parse(props).getString("field");
    }

    std::optional<R> apply(R record) override
    {
        const sdk::SchemaPtr schema = operatingSchema(record, m_target);
        sdk::Value value = m_target == Target::Key ? record.takeKey() : record.takeValue();
        if (!schema) {
            sdk::Map wrapped;
            wrapped.emplace_back(sdk::Value(m_field), std::move(value));
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(wrapped)));
        }
        sdk::SchemaPtr updatedSchema = m_cache.get(schema);
        if (!updatedSchema) {
            updatedSchema = sdk::SchemaBuilder::structType().field(m_field, schema).build();
            m_cache.put(schema, updatedSchema);
        }
        sdk::Struct wrapped(updatedSchema);
        wrapped.put(m_field, std::move(value));
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(wrapped)));
    }

private:
    Target m_target;
    std::string m_field;
    SchemaUpdateCache m_cache;
};

} // namespace

void addHeaderFrom(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<HeaderFrom>(std::string(kTransformsPackage) + "HeaderFrom$Key",
                                                       Target::Key));
    out.push_back(makeTransformationPlugin<HeaderFrom>(std::string(kTransformsPackage) + "HeaderFrom$Value",
                                                       Target::Value));
}

void addHoistField(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<HoistField>(std::string(kTransformsPackage) + "HoistField$Key",
                                                       Target::Key));
    out.push_back(makeTransformationPlugin<HoistField>(std::string(kTransformsPackage) + "HoistField$Value",
                                                       Target::Value));
}

} // namespace connectdesk::transforms
