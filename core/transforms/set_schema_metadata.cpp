// SetSchemaMetadata$Key / SetSchemaMetadata$Value: replaces the schema name and/or version and
// rebinds a struct value to the renamed schema (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
constexpr const char* kPurpose = "updating schema metadata";

template <class R>
class SetSchemaMetadata final : public sdk::Transformation<R> {
public:
    explicit SetSchemaMetadata(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "schema.name",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value{},
                    .importance = ConfigDef::Importance::High,
                    .documentation = "Schema name to set."});
        def.define({.name = "schema.version",
                    .type = ConfigDef::Type::Int,
                    .defaultValue = ConfigDef::Value{},
                    .importance = ConfigDef::Importance::High,
                    .documentation = "Schema version to set."});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        if (!parsed.isNull("schema.name")) {
            m_name = parsed.getString("schema.name");
        }
        if (!parsed.isNull("schema.version")) {
            m_version = parsed.getInt("schema.version");
        }
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
        if (!m_name && !m_version) {
            throw sdk::ConfigException("Neither schema name nor version configured");
        }
    }

    std::optional<R> apply(R record) override
    {
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (!schema && value.isNull()) {
            return record;
        }
        requireSchema(schema, kPurpose);
        sdk::SchemaPtr updated = m_cache.get(schema);
        if (!updated) {
            const sdk::Schema& s = *schema;
            updated = std::make_shared<const sdk::Schema>(
                s.type(), s.isOptional(), s.defaultValue(), m_name ? m_name : s.name(),
                m_version ? m_version : s.version(), s.doc(), s.parameters(), s.fields(), s.keySchema(),
                s.valueSchema());
            m_cache.put(schema, updated);
        }
        if (const auto* s = value.template getIf<sdk::Struct>()) {
            sdk::Struct rebound(updated);
            for (const sdk::Field& field : updated->fields()) {
                rebound.putUnchecked(static_cast<std::size_t>(field.index()),
                                     m_replaceNullWithDefault ? s->get(field.name())
                                                              : s->getWithoutDefault(field.name()));
            }
            return withOperating(record, m_target, std::move(updated), sdk::Value(std::move(rebound)));
        }
        sdk::Value same = m_target == Target::Key ? record.takeKey() : record.takeValue();
        return withOperating(record, m_target, std::move(updated), std::move(same));
    }

private:
    Target m_target;
    std::optional<std::string> m_name;
    std::optional<std::int32_t> m_version;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

} // namespace

void addSetSchemaMetadata(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<SetSchemaMetadata>(
        std::string(kTransformsPackage) + "SetSchemaMetadata$Key", Target::Key));
    out.push_back(makeTransformationPlugin<SetSchemaMetadata>(
        std::string(kTransformsPackage) + "SetSchemaMetadata$Value", Target::Value));
}

} // namespace connectdesk::transforms
