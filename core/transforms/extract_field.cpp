// ExtractField$Key / ExtractField$Value: replaces the key or value with one (possibly nested, with
// field.syntax.version=V2) field of the struct or map (spec §9, KIP-821).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
constexpr const char* kPurpose = "field extraction";

// V1: the whole config is one field name. V2: dot-separated steps; a step wrapped in backticks may
// contain dots (`` `a.b`.c `` → ["a.b", "c"]); a backtick elsewhere is an ordinary character.
std::vector<std::string> parsePath(const std::string& path, bool v2)
{
    if (!v2) {
        return {path};
    }
    std::vector<std::string> steps;
    std::size_t i = 0;
    while (true) {
        std::string step;
        if (i < path.size() && path[i] == '`') {
            // A quoted step ends at a backtick followed by a dot or the end of the path.
            std::size_t j = i + 1;
            while (j < path.size() && !(path[j] == '`' && (j + 1 == path.size() || path[j + 1] == '.'))) {
                ++j;
            }
            if (j < path.size()) {
                steps.push_back(path.substr(i + 1, j - i - 1));
                i = j + 1;
                if (i >= path.size()) {
                    break;
                }
                ++i; // the dot
                continue;
            }
            // Unclosed: the backtick is part of the name.
        }
        const std::size_t dot = path.find('.', i);
        steps.push_back(path.substr(i, dot == std::string::npos ? std::string::npos : dot - i));
        if (dot == std::string::npos) {
            break;
        }
        i = dot + 1;
    }
    return steps;
}

template <class R>
class ExtractField final : public sdk::Transformation<R> {
public:
    explicit ExtractField(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "field",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "Field name to extract."});
        def.define({.name = "field.syntax.version",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value(std::string("V1")),
                    .validator = sdk::validators::caseInsensitiveValidString({"V1", "V2"}),
                    .importance = ConfigDef::Importance::High,
                    .documentation =
                        "Defines the version of the syntax to access fields. If set to `V1`, then "
                        "the field paths are limited to access the elements at the root level of the "
                        "struct or map. If set to `V2`, the syntax will support accessing nested "
                        "elements. To access nested elements, dotted notation is used. If dots are "
                        "already included in the field name, then backtick pairs can be used to wrap "
                        "field names containing dots.",
                    .recommendedValues = {"V1", "V2"}});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_fieldName = parsed.getString("field");
        std::string version = parsed.getString("field.syntax.version");
        m_path = parsePath(m_fieldName, version == "V2" || version == "v2");
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
    }

    std::optional<R> apply(R record) override
    {
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (!schema) {
            if (value.isNull()) {
                return withOperating(record, m_target, nullptr, sdk::Value());
            }
            const sdk::Map* map = &requireMap(value, kPurpose);
            for (std::size_t i = 0; i + 1 < m_path.size(); ++i) {
                const sdk::Value* next = mapGet(*map, m_path[i]);
                map = next != nullptr ? next->getIf<sdk::Map>() : nullptr;
                if (map == nullptr) {
                    return withOperating(record, m_target, nullptr, sdk::Value());
                }
            }
            const sdk::Value* leaf = mapGet(*map, m_path.back());
            sdk::Value extracted = leaf != nullptr ? *leaf : sdk::Value();
            return withOperating(record, m_target, nullptr, std::move(extracted));
        }
        if (!value.isNull()) {
            requireStruct(value, kPurpose);
        }
        // Resolve the field through the schema first: an unknown field is an error even for null values.
        const sdk::Schema* current = schema.get();
        const sdk::Field* field = nullptr;
        for (const auto& step : m_path) {
            if (current == nullptr || current->type() != sdk::SchemaType::Struct) {
                field = nullptr;
                break;
            }
            field = current->field(step);
            if (field == nullptr) {
                break;
            }
            current = field->schema().get();
        }
        if (field == nullptr) {
            throw sdk::DataException("Unknown field: " + m_fieldName);
        }
        sdk::Value extracted;
        const sdk::Struct* s = value.template getIf<sdk::Struct>();
        for (std::size_t i = 0; s != nullptr && i < m_path.size(); ++i) {
            const sdk::Value& v =
                m_replaceNullWithDefault ? s->get(m_path[i]) : s->getWithoutDefault(m_path[i]);
            if (i + 1 == m_path.size()) {
                extracted = v;
            } else {
                s = v.template getIf<sdk::Struct>();
            }
        }
        sdk::SchemaPtr fieldSchema = field->schema();
        return withOperating(record, m_target, std::move(fieldSchema), std::move(extracted));
    }

private:
    Target m_target;
    std::string m_fieldName;
    std::vector<std::string> m_path;
    bool m_replaceNullWithDefault = true;
};

} // namespace

void addExtractField(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<ExtractField>(std::string(kTransformsPackage) + "ExtractField$Key",
                                                         Target::Key));
    out.push_back(makeTransformationPlugin<ExtractField>(
        std::string(kTransformsPackage) + "ExtractField$Value", Target::Value));
}

} // namespace connectdesk::transforms
