// Flatten$Key / Flatten$Value: turns nested structs (or maps, schemaless) into one level of fields
// whose names join the path with `delimiter` (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
using sdk::SchemaType;
constexpr const char* kPurpose = "flattening";

bool isFlatCopy(SchemaType t)
{
    return t != SchemaType::Struct && t != SchemaType::Map;
}

template <class R>
class Flatten final : public sdk::Transformation<R> {
public:
    explicit Flatten(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "delimiter",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value(std::string(".")),
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "Delimiter to insert between field names from the input record when "
                                     "generating field names for the output record"});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        m_delimiter = config().parse(props).getString("delimiter");
    }

    std::optional<R> apply(R record) override
    {
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (!schema) {
            if (value.isNull()) {
                return record;
            }
            sdk::Map flat;
            flattenMap(requireMap(value, kPurpose), std::string(), flat);
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(flat)));
        }
        if (!value.isNull()) {
            requireStruct(value, kPurpose);
        }
        if (schema->type() != SchemaType::Struct) {
            throw sdk::DataException("Only Struct objects supported for [" + std::string(kPurpose) +
                                     "], found schema " + schema->toString());
        }
        sdk::SchemaPtr updatedSchema = m_cache.get(schema);
        if (!updatedSchema) {
            sdk::SchemaBuilder builder = copySchemaBasics(*schema, sdk::SchemaBuilder::structType());
            if (schema->isOptional()) {
                builder.optional();
            }
            buildSchema(*schema, std::string(), builder, schema->isOptional(), nullptr);
            updatedSchema = builder.build();
            m_cache.put(schema, updatedSchema);
        }
        if (value.isNull()) {
            return withOperating(record, m_target, std::move(updatedSchema), sdk::Value());
        }
        sdk::Struct flat(updatedSchema);
        flattenStruct(value.template as<sdk::Struct>(), std::string(), flat);
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(flat)));
    }

private:
    std::string fieldName(const std::string& prefix, const std::string& name) const
    {
        return prefix.empty() ? name : prefix + m_delimiter + name;
    }

    void flattenMap(const sdk::Map& map, const std::string& prefix, sdk::Map& out) const
    {
        for (const auto& [k, v] : map) {
            const auto* key = k.template getIf<std::string>();
            if (key == nullptr) {
                throw sdk::DataException(
                    "Flatten transformation requires string keys in maps without schemas, found " +
                    std::string(sdk::valueKindName(k.kind())) +
                    (prefix.empty() ? std::string() : " (under field " + prefix + ")"));
            }
            const std::string name = fieldName(prefix, *key);
            if (const auto* nested = v.template getIf<sdk::Map>()) {
                flattenMap(*nested, name, out);
            } else if (v.template is<sdk::Struct>()) {
                throw sdk::DataException(
                    "Flatten transformation does not support STRUCT for record without schemas "
                    "(for field " +
                    name + ").");
            } else {
                out.emplace_back(sdk::Value(name), v);
            }
        }
    }

    // Nested fields become optional under an optional ancestor; defaults come from the field or
    // else from the ancestor struct's default (Flatten.buildUpdatedSchema).
    void buildSchema(const sdk::Schema& schema, const std::string& prefix, sdk::SchemaBuilder& builder,
                     bool optional, const sdk::Struct* parentDefault) const
    {
        for (const sdk::Field& field : schema.fields()) {
            const std::string name = fieldName(prefix, field.name());
            const bool fieldOptional = optional || field.schema()->isOptional();
            sdk::Value fieldDefault = field.schema()->defaultValue();
            if (fieldDefault.isNull() && parentDefault != nullptr) {
                fieldDefault = parentDefault->get(field);
            }
            const SchemaType type = field.schema()->type();
            if (type == SchemaType::Struct) {
                buildSchema(*field.schema(), name, builder, fieldOptional,
                            fieldDefault.template getIf<sdk::Struct>());
            } else if (isFlatCopy(type)) {
                sdk::SchemaBuilder fb = copySchemaBasics(*field.schema());
                if (fieldOptional) {
                    fb.optional();
                }
                if (!fieldDefault.isNull()) {
                    fb.defaultValue(fieldDefault);
                }
                builder.field(name, fb.build());
            } else {
                throw sdk::DataException("Flatten transformation does not support " +
                                         std::string(sdk::schemaTypeName(type)) +
                                         " for record with schemas (for field " + name + ").");
            }
        }
    }

    void flattenStruct(const sdk::Struct& s, const std::string& prefix, sdk::Struct& out) const
    {
        for (const sdk::Field& field : s.schema()->fields()) {
            const std::string name = fieldName(prefix, field.name());
            const sdk::Value& v = s.getWithoutDefault(static_cast<std::size_t>(field.index()));
            if (field.schema()->type() == SchemaType::Struct) {
                if (const auto* nested = v.template getIf<sdk::Struct>()) {
                    flattenStruct(*nested, name, out);
                }
            } else if (!v.isNull()) {
                out.put(name, v);
            }
        }
    }

    Target m_target;
    std::string m_delimiter = ".";
    SchemaUpdateCache m_cache;
};

} // namespace

void addFlatten(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(
        makeTransformationPlugin<Flatten>(std::string(kTransformsPackage) + "Flatten$Key", Target::Key));
    out.push_back(
        makeTransformationPlugin<Flatten>(std::string(kTransformsPackage) + "Flatten$Value", Target::Value));
}

} // namespace connectdesk::transforms
