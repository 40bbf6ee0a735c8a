// ReplaceField$Key / ReplaceField$Value: keeps, drops and renames top-level fields (spec §9). The
// 3.x aliases whitelist/blacklist were removed in 4.0, so like any unknown key they are ignored.
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

#include <algorithm>
#include <map>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
constexpr const char* kPurpose = "field replacement";

bool contains(const std::vector<std::string>& list, std::string_view item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

template <class R>
class ReplaceField final : public sdk::Transformation<R> {
public:
    explicit ReplaceField(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "exclude",
                    .type = ConfigDef::Type::List,
                    .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "Fields to exclude. This takes precedence over the fields to include."});
        def.define({.name = "include",
                    .type = ConfigDef::Type::List,
                    .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "Fields to include. If specified, only these fields will be used."});
        def.define({.name = "renames",
                    .type = ConfigDef::Type::List,
                    .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                    .validator =
                        [](const std::string& name, const ConfigDef::Value& value) {
                            const auto* list = std::get_if<ConfigDef::List>(&value);
                            for (const auto& mapping : list != nullptr ? *list : ConfigDef::List{}) {
                                const auto colon = mapping.find(':');
                                if (colon == std::string::npos ||
                                    mapping.find(':', colon + 1) != std::string::npos) {
                                    throw sdk::ConfigException(name, ConfigDef::valueText(value),
                                                               "Invalid rename mapping: " + mapping);
                                }
                            }
                        },
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "Field rename mappings."});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_exclude = parsed.getList("exclude");
        m_include = parsed.getList("include");
        for (const auto& mapping : parsed.getList("renames")) {
            const auto colon = mapping.find(':');
            m_renames[mapping.substr(0, colon)] = mapping.substr(colon + 1);
            m_reverseRenames[mapping.substr(colon + 1)] = mapping.substr(0, colon);
        }
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
    }

    std::optional<R> apply(R record) override
    {
        const sdk::Value& value = operatingValue(record, m_target);
        if (value.isNull()) {
            return record;
        }
        if (!operatingSchema(record, m_target)) {
            const sdk::Map& map = requireMap(value, kPurpose);
            sdk::Map updated;
            updated.reserve(map.size());
            for (const auto& [k, v] : map) {
                const auto* name = k.template getIf<std::string>();
                if (name != nullptr && filter(*name)) {
                    updated.emplace_back(sdk::Value(renamed(*name)), v);
                }
            }
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(updated)));
        }
        const sdk::Struct& s = requireStruct(value, kPurpose);
        sdk::SchemaPtr updatedSchema = m_cache.get(s.schema());
        if (!updatedSchema) {
            sdk::SchemaBuilder builder = copySchemaBasics(*s.schema(), sdk::SchemaBuilder::structType());
            for (const sdk::Field& field : s.schema()->fields()) {
                if (filter(field.name())) {
                    builder.field(renamed(field.name()), field.schema());
                }
            }
            updatedSchema = builder.build();
            m_cache.put(s.schema(), updatedSchema);
        }
        sdk::Struct updated(updatedSchema);
        for (const sdk::Field& field : updatedSchema->fields()) {
            const sdk::Field* original = s.schema()->field(reverseRenamed(field.name()));
            updated.putUnchecked(static_cast<std::size_t>(field.index()),
                                 fieldValue(s, *original, m_replaceNullWithDefault));
        }
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(updated)));
    }

private:
    // Exclude wins over include; an empty include list keeps everything not excluded.
    bool filter(std::string_view name) const
    {
        return !contains(m_exclude, name) && (m_include.empty() || contains(m_include, name));
    }
    const std::string& renamed(const std::string& name) const
    {
        auto it = m_renames.find(name);
        return it == m_renames.end() ? name : it->second;
    }
    const std::string& reverseRenamed(const std::string& name) const
    {
        auto it = m_reverseRenames.find(name);
        return it == m_reverseRenames.end() ? name : it->second;
    }

    Target m_target;
    std::vector<std::string> m_exclude;
    std::vector<std::string> m_include;
    std::map<std::string, std::string, std::less<>> m_renames;
    std::map<std::string, std::string, std::less<>> m_reverseRenames;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

} // namespace

void addReplaceField(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<ReplaceField>(std::string(kTransformsPackage) + "ReplaceField$Key",
                                                         Target::Key));
    out.push_back(makeTransformationPlugin<ReplaceField>(
        std::string(kTransformsPackage) + "ReplaceField$Value", Target::Value));
}

} // namespace connectdesk::transforms
