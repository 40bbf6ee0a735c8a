// MaskField$Key / MaskField$Value: replaces listed fields with an "empty" value of their type or
// with a configured replacement parsed to that type (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

#include <connectdesk/sdk/logical_types.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
using sdk::ValueKind;
constexpr const char* kPurpose = "mask fields";

template <class T>
sdk::Value parseInteger(const std::string& text, ValueKind kind)
{
    T v{};
    const char* first = text.data();
    if (!text.empty() && text[0] == '+') {
        ++first;
    }
    auto [ptr, ec] = std::from_chars(first, text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
        throw sdk::DataException("Unable to convert " + text + " to " +
                                 std::string(sdk::valueKindName(kind)));
    }
    return sdk::Value(v);
}

template <class T>
sdk::Value parseFloating(const std::string& text, ValueKind kind)
{
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
        throw sdk::DataException("Unable to convert " + text + " to " +
                                 std::string(sdk::valueKindName(kind)));
    }
    return sdk::Value(static_cast<T>(d));
}

template <class R>
class MaskField final : public sdk::Transformation<R> {
public:
    explicit MaskField(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define(requiredListKey("fields", "Names of fields to mask."));
        def.define({.name = "replacement",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value{},
                    .validator = sdk::validators::nonEmptyString(),
                    .importance = ConfigDef::Importance::Low,
                    .documentation = "Custom value replacement, that will be applied to all 'fields' values "
                                     "(numeric or non-empty string values only)."});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_fields = parsed.getList("fields");
        if (!parsed.isNull("replacement")) {
            m_replacement = parsed.getString("replacement");
        }
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
    }

    std::optional<R> apply(R record) override
    {
        // Not tombstone-safe, as in Connect: a null value fails the Struct/Map requirement.
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (!schema) {
            sdk::Map updated = requireMap(value, kPurpose);
            for (const auto& name : m_fields) {
                const sdk::Value* original = mapGet(updated, name);
                sdk::Value masked = original != nullptr ? mask(*original, nullptr, name) : sdk::Value();
                mapPut(updated, name, std::move(masked));
            }
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(updated)));
        }
        const sdk::Struct& s = requireStruct(value, kPurpose);
        sdk::Struct updated(s.schema());
        for (const sdk::Field& field : s.schema()->fields()) {
            const sdk::Value& original = fieldValue(s, field, m_replaceNullWithDefault);
            const bool masked = std::find(m_fields.begin(), m_fields.end(), field.name()) != m_fields.end();
            updated.put(field, masked ? mask(original, field.schema().get(), field.name()) : original);
        }
        sdk::SchemaPtr updatedSchema = s.schema();
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(updated)));
    }

private:
    sdk::Value mask(const sdk::Value& value, const sdk::Schema* schema, const std::string& field) const
    {
        if (value.isNull()) {
            return {};
        }
        return m_replacement ? maskWithReplacement(value, field) : maskEmpty(value, schema, field);
    }

    static sdk::Value maskEmpty(const sdk::Value& value, const sdk::Schema* schema, const std::string& field)
    {
        switch (value.kind()) {
        case ValueKind::Boolean:
            return false;
        case ValueKind::Int8:
            return std::int8_t{0};
        case ValueKind::Int16:
            return std::int16_t{0};
        case ValueKind::Int32:
            return std::int32_t{0};
        case ValueKind::Int64:
            return std::int64_t{0};
        case ValueKind::Float32:
            return 0.0f;
        case ValueKind::Float64:
            return 0.0;
        case ValueKind::String:
            return std::string();
        case ValueKind::Array:
            return sdk::Array{};
        case ValueKind::Map:
            return sdk::Map{};
        case ValueKind::DateTime:
            return sdk::DateTime{0};
        case ValueKind::Decimal:
            // Zero at the field's scale, so the masked value still encodes with its Decimal schema.
            return sdk::BigDecimal::fromUnscaled(0, schema != nullptr && sdk::logicalTypeOf(*schema) ==
                                                                             sdk::LogicalType::Decimal
                                                        ? sdk::Decimal::scale(*schema)
                                                        : value.template as<sdk::BigDecimal>().scale());
        default:
            throw sdk::DataException("Cannot mask value of type " +
                                     std::string(sdk::valueKindName(value.kind())) + " (field " + field +
                                     ")");
        }
    }

    sdk::Value maskWithReplacement(const sdk::Value& value, const std::string& field) const
    {
        const std::string& r = *m_replacement;
        switch (value.kind()) {
        case ValueKind::Int8:
            return parseInteger<std::int8_t>(r, value.kind());
        case ValueKind::Int16:
            return parseInteger<std::int16_t>(r, value.kind());
        case ValueKind::Int32:
            return parseInteger<std::int32_t>(r, value.kind());
        case ValueKind::Int64:
            return parseInteger<std::int64_t>(r, value.kind());
        case ValueKind::Float32:
            return parseFloating<float>(r, value.kind());
        case ValueKind::Float64:
            return parseFloating<double>(r, value.kind());
        case ValueKind::String:
            return r;
        case ValueKind::Decimal: {
            auto d = sdk::BigDecimal::parse(r);
            if (!d) {
                throw sdk::DataException("Unable to convert " + r + " to Decimal");
            }
            return *d;
        }
        default:
            throw sdk::DataException("Cannot mask value of type " +
                                     std::string(sdk::valueKindName(value.kind())) +
                                     " with custom replacement (field " + field + ")");
        }
    }

    Target m_target;
    std::vector<std::string> m_fields;
    std::optional<std::string> m_replacement;
    bool m_replaceNullWithDefault = true;
};

} // namespace

void addMaskField(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(
        makeTransformationPlugin<MaskField>(std::string(kTransformsPackage) + "MaskField$Key", Target::Key));
    out.push_back(makeTransformationPlugin<MaskField>(std::string(kTransformsPackage) + "MaskField$Value",
                                                      Target::Value));
}

} // namespace connectdesk::transforms
