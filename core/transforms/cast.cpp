// Cast$Key / Cast$Value: casts top-level fields, or the whole key/value, to another primitive type
// (spec §9). Logical Date/Time/Timestamp/Decimal values cast through their physical value, or to
// text for `string`.
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

#include "converters/base64.h"
#include "converters/simple_header_converter.h"

#include <connectdesk/sdk/logical_types.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
using sdk::SchemaType;
using sdk::ValueKind;
constexpr const char* kPurpose = "cast types";

std::optional<SchemaType> castTypeFromName(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto type = sdk::schemaTypeFromName(name);
    if (!type || !sdk::isPrimitive(*type) || *type == SchemaType::Bytes) {
        return std::nullopt;
    }
    return type;
}

// Java's (long)/(int) casts of a floating value: NaN → 0, saturating at the bounds.
template <class T>
T saturate(double d)
{
    if (std::isnan(d)) {
        return 0;
    }
    if (d >= static_cast<double>(std::numeric_limits<T>::max())) {
        return std::numeric_limits<T>::max();
    }
    if (d <= static_cast<double>(std::numeric_limits<T>::min())) {
        return std::numeric_limits<T>::min();
    }
    return static_cast<T>(d);
}

struct Numeric {
    bool isFloating = false;
    std::int64_t integer = 0;
    double floating = 0;
};

template <class T>
T parseDecimalText(const std::string& text, SchemaType target, const std::string& field)
{
    T v{};
    const char* first = text.data();
    if (!text.empty() && text[0] == '+') {
        ++first;
    }
    const auto [ptr, ec] = std::from_chars(first, text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
        throw sdk::DataException("Cast transformation could not parse \"" + text + "\" as " +
                                 std::string(sdk::schemaTypeName(target)) + " (field " + field + ")");
    }
    return v;
}

double parseFloatingText(const std::string& text, SchemaType target, const std::string& field)
{
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
        throw sdk::DataException("Cast transformation could not parse \"" + text + "\" as " +
                                 std::string(sdk::schemaTypeName(target)) + " (field " + field + ")");
    }
    return d;
}

// Java's Number.xxxValue() narrowing: integers wrap, floating values go through (int)/(long).
template <class T>
T narrow(const Numeric& n)
{
    if (n.isFloating) {
        if constexpr (sizeof(T) == 8) {
            return saturate<std::int64_t>(n.floating);
        } else {
            return static_cast<T>(saturate<std::int32_t>(n.floating));
        }
    }
    return static_cast<T>(n.integer);
}

Numeric numericOf(const sdk::Value& v)
{
    switch (v.kind()) {
    case ValueKind::Int8:
        return {false, v.template as<std::int8_t>(), 0};
    case ValueKind::Int16:
        return {false, v.template as<std::int16_t>(), 0};
    case ValueKind::Int32:
        return {false, v.template as<std::int32_t>(), 0};
    case ValueKind::Int64:
        return {false, v.template as<std::int64_t>(), 0};
    case ValueKind::Float32:
        return {true, 0, v.template as<float>()};
    case ValueKind::Float64:
        return {true, 0, v.template as<double>()};
    case ValueKind::Boolean:
        return {false, v.template as<bool>() ? 1 : 0, 0};
    case ValueKind::Decimal:
        return {true, 0, v.template as<sdk::BigDecimal>().toDouble()};
    case ValueKind::DateTime:
        return {false, v.template as<sdk::DateTime>().epochMillis, 0};
    default:
        return {};
    }
}

template <class R>
class Cast final : public sdk::Transformation<R> {
public:
    explicit Cast(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "spec",
                    .type = ConfigDef::Type::List,
                    .defaultValue = std::nullopt,
                    .validator =
                        [](const std::string& name, const ConfigDef::Value& value) {
                            // ConfigDef::validate runs validators on null too (a missing or unparsable
                            // value).
                            const auto* parsedList = std::get_if<ConfigDef::List>(&value);
                            if (parsedList == nullptr) {
                                return;
                            }
                            const auto& list = *parsedList;
                            if (list.empty()) {
                                throw sdk::ConfigException(name, ConfigDef::valueText(value),
                                                           "Must specify at least one field to cast.");
                            }
                            parseSpec(name, list);
                        },
                    .importance = ConfigDef::Importance::High,
                    .documentation =
                        "List of fields and the type to cast them to of the form field1:type,field2:type "
                        "to cast fields of Maps or Structs. A single type to cast the entire value. "
                        "Valid types are int8, int16, int32, int64, float32, float64, boolean, and "
                        "string."});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        auto [whole, casts] = parseSpec("spec", parsed.getList("spec"));
        m_whole = whole;
        m_casts = std::move(casts);
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
    }

    std::optional<R> apply(R record) override
    {
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (value.isNull()) {
            return record;
        }
        if (!schema) {
            if (m_whole) {
                return withOperating(record, m_target, nullptr, castValue(nullptr, value, *m_whole, "value"));
            }
            sdk::Map updated = requireMap(value, kPurpose);
            for (const auto& [field, type] : m_casts) {
                if (sdk::Value* v = mapGet(updated, field)) {
                    *v = castValue(nullptr, *v, type, field);
                }
            }
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(updated)));
        }
        sdk::SchemaPtr updatedSchema = m_cache.get(schema);
        if (!updatedSchema) {
            updatedSchema = buildSchema(*schema);
            m_cache.put(schema, updatedSchema);
        }
        if (m_whole) {
            return withOperating(record, m_target, std::move(updatedSchema),
                                 castValue(schema.get(), value, *m_whole, "value"));
        }
        const sdk::Struct& s = requireStruct(value, kPurpose);
        sdk::Struct updated(updatedSchema);
        for (const sdk::Field& field : s.schema()->fields()) {
            const sdk::Value& original = fieldValue(s, field, m_replaceNullWithDefault);
            const auto it = std::find_if(m_casts.begin(), m_casts.end(),
                                         [&](const auto& c) { return c.first == field.name(); });
            updated.putUnchecked(static_cast<std::size_t>(field.index()),
                                 it == m_casts.end()
                                     ? original
                                     : castValue(field.schema().get(), original, it->second, field.name()));
        }
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(updated)));
    }

private:
    using Casts = std::vector<std::pair<std::string, SchemaType>>;

    static std::pair<std::optional<SchemaType>, Casts> parseSpec(const std::string& key,
                                                                 const std::vector<std::string>& items)
    {
        const std::string text = ConfigDef::valueText(ConfigDef::Value(items));
        if (items.size() == 1 && items[0].find(':') == std::string::npos) {
            const auto type = castTypeFromName(items[0]);
            if (!type) {
                throw sdk::ConfigException(key, text, "Invalid type found in casting spec: " + items[0]);
            }
            return {type, {}};
        }
        Casts casts;
        for (const auto& mapping : items) {
            const auto colon = mapping.find(':');
            if (colon == std::string::npos || mapping.find(':', colon + 1) != std::string::npos) {
                throw sdk::ConfigException(key, text, "Invalid cast mapping: " + mapping);
            }
            std::string field = mapping.substr(0, colon);
            const std::string typeName = mapping.substr(colon + 1);
            const auto type = castTypeFromName(typeName);
            if (!type) {
                throw sdk::ConfigException(key, text, "Invalid type found in casting spec: " + typeName);
            }
            casts.emplace_back(std::move(field), *type);
        }
        return {std::nullopt, std::move(casts)};
    }

    static void checkInput(SchemaType type, SchemaType target, const std::string& field)
    {
        const bool ok = (sdk::isPrimitive(type) && type != SchemaType::Bytes) ||
                        (type == SchemaType::Bytes && target == SchemaType::String);
        if (!ok) {
            throw sdk::DataException(
                "Cast transformation does not support casting from " +
                std::string(sdk::schemaTypeName(type)) + " to " + std::string(sdk::schemaTypeName(target)) +
                " (field " + field +
                "); supported types are INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, "
                "STRING and BYTES (to STRING only)");
        }
    }

    sdk::SchemaPtr buildSchema(const sdk::Schema& schema) const
    {
        if (m_whole) {
            checkInput(schema.type(), *m_whole, "value");
            sdk::SchemaBuilder builder(*m_whole);
            // A logical name or parameters would be wrong on the cast type; other metadata is kept.
            if (sdk::logicalTypeOf(schema) == sdk::LogicalType::None) {
                builder = copySchemaBasics(schema, std::move(builder));
            }
            if (schema.isOptional()) {
                builder.optional();
            }
            if (schema.hasDefault()) {
                builder.defaultValue(castValue(&schema, schema.defaultValue(), *m_whole, "value"));
            }
            return builder.build();
        }
        if (schema.type() != SchemaType::Struct) {
            throw sdk::DataException("Only Struct objects supported for [" + std::string(kPurpose) +
                                     "], found schema " + schema.toString());
        }
        sdk::SchemaBuilder builder = copySchemaBasics(schema, sdk::SchemaBuilder::structType());
        for (const sdk::Field& field : schema.fields()) {
            const auto it = std::find_if(m_casts.begin(), m_casts.end(),
                                         [&](const auto& c) { return c.first == field.name(); });
            if (it == m_casts.end()) {
                builder.field(field.name(), field.schema());
                continue;
            }
            checkInput(field.schema()->type(), it->second, field.name());
            sdk::SchemaBuilder fb(it->second);
            if (field.schema()->isOptional()) {
                fb.optional();
            }
            if (field.schema()->hasDefault()) {
                fb.defaultValue(castValue(field.schema().get(), field.schema()->defaultValue(), it->second,
                                          field.name()));
            }
            builder.field(field.name(), fb.build());
        }
        return builder.build();
    }

    static sdk::Value castValue(const sdk::Schema* schema, const sdk::Value& value, SchemaType target,
                                const std::string& field)
    {
        if (value.isNull()) {
            return {};
        }
        const ValueKind kind = value.kind();
        if (kind == ValueKind::Array || kind == ValueKind::Map || kind == ValueKind::Struct ||
            (kind == ValueKind::Bytes && target != SchemaType::String)) {
            throw sdk::DataException("Cast transformation does not support casting from " +
                                     std::string(sdk::valueKindName(kind)) + " to " +
                                     std::string(sdk::schemaTypeName(target)) + " (field " + field + ")");
        }
        // Logical values cast through their physical encoding (days for Date, millis of day for Time).
        Numeric n = numericOf(value);
        if (schema != nullptr && kind == ValueKind::DateTime) {
            const auto logical = sdk::logicalTypeOf(*schema);
            if (logical == sdk::LogicalType::Date) {
                n.integer = sdk::Date::fromLogical(*schema, value.template as<sdk::DateTime>());
            } else if (logical == sdk::LogicalType::Time) {
                n.integer = sdk::Time::fromLogical(*schema, value.template as<sdk::DateTime>());
            }
        }
        const std::string* text = value.template getIf<std::string>();
        switch (target) {
        case SchemaType::Int8:
            return text ? parseDecimalText<std::int8_t>(*text, target, field) : narrow<std::int8_t>(n);
        case SchemaType::Int16:
            return text ? parseDecimalText<std::int16_t>(*text, target, field) : narrow<std::int16_t>(n);
        case SchemaType::Int32:
            return text ? parseDecimalText<std::int32_t>(*text, target, field) : narrow<std::int32_t>(n);
        case SchemaType::Int64:
            return text ? parseDecimalText<std::int64_t>(*text, target, field) : narrow<std::int64_t>(n);
        case SchemaType::Float32:
            return text ? static_cast<float>(parseFloatingText(*text, target, field))
                        : (n.isFloating ? static_cast<float>(n.floating) : static_cast<float>(n.integer));
        case SchemaType::Float64:
            return text ? parseFloatingText(*text, target, field)
                        : (n.isFloating ? n.floating : static_cast<double>(n.integer));
        case SchemaType::Boolean:
            if (text) {
                // Boolean.parseBoolean: "true" in any case, anything else is false.
                std::string lower = *text;
                std::transform(lower.begin(), lower.end(), lower.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                return lower == "true";
            }
            return n.isFloating ? narrow<std::int64_t>(n) != 0 : n.integer != 0;
        case SchemaType::String:
            if (const auto* bytes = value.template getIf<sdk::Bytes>()) {
                std::string encoded;
                converters::appendBase64(encoded, bytes->data(), bytes->size());
                return encoded;
            }
            return converters::valuesToString(value);
        default:
            throw sdk::DataException("Cast transformation does not support casting to " +
                                     std::string(sdk::schemaTypeName(target)));
        }
    }

    Target m_target;
    std::optional<SchemaType> m_whole;
    Casts m_casts;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

} // namespace

void addCast(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<Cast>(std::string(kTransformsPackage) + "Cast$Key", Target::Key));
    out.push_back(
        makeTransformationPlugin<Cast>(std::string(kTransformsPackage) + "Cast$Value", Target::Value));
}

} // namespace connectdesk::transforms
