// TimestampConverter$Key / TimestampConverter$Value: converts a timestamp (whole key/value or one
// field) between string, unix epoch numbers and the Date/Time/Timestamp logical types (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/simple_date_format.h"
#include "transforms/transform_support.h"

#include <connectdesk/sdk/logical_types.h>

#include <memory>
#include <stdexcept>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
constexpr const char* kPurpose = "converting timestamp formats";
using sdk::kMillisPerDay;

enum class Kind { String, Unix, Date, Time, Timestamp };
enum class Precision { Seconds, Milliseconds, Microseconds, Nanoseconds };

const char* kindName(Kind k)
{
    switch (k) {
    case Kind::String:
        return "string";
    case Kind::Unix:
        return "unix";
    case Kind::Date:
        return "Date";
    case Kind::Time:
        return "Time";
    case Kind::Timestamp:
        return "Timestamp";
    }
    return "";
}

template <class R>
class TimestampConverter final : public sdk::Transformation<R> {
public:
    explicit TimestampConverter(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "field",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value(std::string()),
                    .importance = ConfigDef::Importance::High,
                    .documentation =
                        "The field containing the timestamp, or empty if the entire value is a timestamp"});
        def.define(
            {.name = "target.type",
             .type = ConfigDef::Type::String,
             .defaultValue = std::nullopt,
             .validator = sdk::validators::validString({"string", "unix", "Date", "Time", "Timestamp"}),
             .importance = ConfigDef::Importance::High,
             .documentation = "The desired timestamp representation: string, unix, Date, Time, or Timestamp",
             .recommendedValues = {"string", "unix", "Date", "Time", "Timestamp"}});
        def.define({.name = "format",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value(std::string()),
                    .importance = ConfigDef::Importance::Medium,
                    .documentation =
                        "A SimpleDateFormat-compatible format for the timestamp. Used to generate the "
                        "output when type=string or used to parse the input if the input is a string."});
        def.define(
            {.name = "unix.precision",
             .type = ConfigDef::Type::String,
             .defaultValue = ConfigDef::Value(std::string("milliseconds")),
             .validator =
                 sdk::validators::validString({"nanoseconds", "microseconds", "milliseconds", "seconds"}),
             .importance = ConfigDef::Importance::Low,
             .documentation = "The desired Unix precision for the timestamp: seconds, milliseconds, "
                              "microseconds, or nanoseconds. Used to generate the output when type=unix or "
                              "used to parse the input if the input is a Long.",
             .recommendedValues = {"nanoseconds", "microseconds", "milliseconds", "seconds"}});
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_field = parsed.getString("field");
        const std::string type = parsed.getString("target.type");
        m_type = type == "string" ? Kind::String
                 : type == "unix" ? Kind::Unix
                 : type == "Date" ? Kind::Date
                 : type == "Time" ? Kind::Time
                                  : Kind::Timestamp;
        const std::string precision = parsed.getString("unix.precision");
        m_precision = precision == "seconds"        ? Precision::Seconds
                      : precision == "microseconds" ? Precision::Microseconds
                      : precision == "nanoseconds"  ? Precision::Nanoseconds
                                                    : Precision::Milliseconds;
        const std::string pattern = parsed.getString("format");
        if (m_type == Kind::String && pattern.empty()) {
            throw sdk::ConfigException(
                "TimestampConverter requires format option to be specified when using string "
                "timestamps");
        }
        if (!pattern.empty()) {
            try {
                m_format = std::make_unique<SimpleDateFormat>(pattern);
            } catch (const std::invalid_argument& e) {
                throw sdk::ConfigException(
                    "format", pattern,
                    "TimestampConverter requires a SimpleDateFormat-compatible pattern for "
                    "string timestamps: " +
                        std::string(e.what()));
            }
        }
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
    }

    std::optional<R> apply(R record) override
    {
        const sdk::SchemaPtr& schema = operatingSchema(record, m_target);
        const sdk::Value& value = operatingValue(record, m_target);
        if (!schema) {
            if (m_field.empty()) {
                return withOperating(record, m_target, nullptr,
                                     convert(value, inferKind(value, "value"), "value"));
            }
            if (value.isNull()) {
                return record;
            }
            sdk::Map updated = requireMap(value, kPurpose);
            if (sdk::Value* v = mapGet(updated, m_field)) {
                *v = convert(*v, inferKind(*v, m_field), m_field);
            }
            return withOperating(record, m_target, nullptr, sdk::Value(std::move(updated)));
        }
        if (m_field.empty()) {
            const Kind from = kindOfSchema(*schema, "value");
            return withOperating(record, m_target, targetSchema(schema->isOptional()),
                                 convert(value, from, "value"));
        }
        if (!value.isNull()) {
            requireStruct(value, kPurpose);
        }
        if (schema->type() != sdk::SchemaType::Struct) {
            throw sdk::DataException("Only Struct objects supported for [" + std::string(kPurpose) +
                                     "], found schema " + schema->toString());
        }
        sdk::SchemaPtr updatedSchema = m_cache.get(schema);
        if (!updatedSchema) {
            sdk::SchemaBuilder builder = copySchemaBasics(*schema, sdk::SchemaBuilder::structType());
            for (const sdk::Field& field : schema->fields()) {
                builder.field(field.name(), field.name() == m_field
                                                ? targetSchema(field.schema()->isOptional())
                                                : field.schema());
            }
            if (schema->isOptional()) {
                builder.optional();
            }
            updatedSchema = builder.build();
            m_cache.put(schema, updatedSchema);
        }
        if (value.isNull()) {
            return withOperating(record, m_target, std::move(updatedSchema), sdk::Value());
        }
        const sdk::Struct& s = value.template as<sdk::Struct>();
        sdk::Struct updated(updatedSchema);
        for (const sdk::Field& field : schema->fields()) {
            const sdk::Value& original = fieldValue(s, field, m_replaceNullWithDefault);
            if (field.name() == m_field) {
                updated.put(field.name(),
                            convert(original, kindOfSchema(*field.schema(), field.name()), field.name()));
            } else {
                updated.putUnchecked(static_cast<std::size_t>(field.index()), original);
            }
        }
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(updated)));
    }

private:
    static Kind kindOfSchema(const sdk::Schema& schema, const std::string& field)
    {
        switch (sdk::logicalTypeOf(schema)) {
        case sdk::LogicalType::Timestamp:
            return Kind::Timestamp;
        case sdk::LogicalType::Date:
            return Kind::Date;
        case sdk::LogicalType::Time:
            return Kind::Time;
        default:
            break;
        }
        if (schema.type() == sdk::SchemaType::Int64) {
            return Kind::Unix;
        }
        if (schema.type() == sdk::SchemaType::String) {
            return Kind::String;
        }
        throw sdk::ConnectException("Schema " + schema.toString() + " of field " + field +
                                    " does not correspond to a known timestamp type format");
    }

    static Kind inferKind(const sdk::Value& value, const std::string& field)
    {
        switch (value.kind()) {
        case sdk::ValueKind::Null:
        case sdk::ValueKind::DateTime:
            return Kind::Timestamp;
        case sdk::ValueKind::Int64:
            return Kind::Unix;
        case sdk::ValueKind::String:
            return Kind::String;
        default:
            throw sdk::DataException("TimestampConverter does not support " +
                                     std::string(sdk::valueKindName(value.kind())) +
                                     " objects as timestamps (field " + field + ")");
        }
    }

    sdk::SchemaPtr targetSchema(bool optional) const
    {
        switch (m_type) {
        case Kind::String:
            return optional ? sdk::Schema::optionalStringSchema() : sdk::Schema::stringSchema();
        case Kind::Unix:
            return optional ? sdk::Schema::optionalInt64Schema() : sdk::Schema::int64Schema();
        case Kind::Date:
            return optional ? sdk::Date::builder().optional().build() : sdk::Date::schema();
        case Kind::Time:
            return optional ? sdk::Time::builder().optional().build() : sdk::Time::schema();
        case Kind::Timestamp:
            return optional ? sdk::Timestamp::builder().optional().build() : sdk::Timestamp::schema();
        }
        return nullptr;
    }

    // Input → epoch milliseconds (java.util.Date in Connect).
    std::int64_t toMillis(const sdk::Value& value, Kind from, const std::string& field) const
    {
        switch (from) {
        case Kind::String: {
            const auto* text = value.template getIf<std::string>();
            if (text == nullptr) {
                throw sdk::DataException("Expected string timestamp to be a String, but found " +
                                         std::string(sdk::valueKindName(value.kind())) + " (field " + field +
                                         ")");
            }
            if (!m_format) {
                throw sdk::DataException(
                    "TimestampConverter requires format option to parse string timestamps "
                    "(field " +
                    field + ")");
            }
            const auto parsed = m_format->parse(*text);
            if (!parsed) {
                throw sdk::DataException("Could not parse timestamp: value (" + *text +
                                         ") does not match pattern (" + m_format->pattern() + ") (field " +
                                         field + ")");
            }
            return *parsed;
        }
        case Kind::Unix: {
            const auto* n = value.template getIf<std::int64_t>();
            if (n == nullptr) {
                throw sdk::DataException("Expected Unix timestamp to be a Long, but found " +
                                         std::string(sdk::valueKindName(value.kind())) + " (field " + field +
                                         ")");
            }
            // TimeUnit conversions truncate towards zero.
            switch (m_precision) {
            case Precision::Seconds:
                return *n * 1000;
            case Precision::Microseconds:
                return *n / 1000;
            case Precision::Nanoseconds:
                return *n / 1000000;
            case Precision::Milliseconds:
                return *n;
            }
            return *n;
        }
        default: {
            const auto* dt = value.template getIf<sdk::DateTime>();
            if (dt == nullptr) {
                throw sdk::DataException(
                    "Expected " + std::string(kindName(from)) + " to be a java.util.Date, but found " +
                    std::string(sdk::valueKindName(value.kind())) + " (field " + field + ")");
            }
            return dt->epochMillis;
        }
        }
    }

    sdk::Value convert(const sdk::Value& value, Kind from, const std::string& field) const
    {
        if (value.isNull()) {
            return {};
        }
        const std::int64_t millis = toMillis(value, from, field);
        switch (m_type) {
        case Kind::String:
            return m_format->format(millis);
        case Kind::Unix:
            switch (m_precision) {
            case Precision::Seconds:
                return millis / 1000;
            case Precision::Microseconds:
                return millis * 1000;
            case Precision::Nanoseconds:
                return millis * 1000000;
            case Precision::Milliseconds:
                return millis;
            }
            return millis;
        case Kind::Date:
            return sdk::DateTime{floorDiv(millis, kMillisPerDay) * kMillisPerDay};
        case Kind::Time:
            return sdk::DateTime{millis - floorDiv(millis, kMillisPerDay) * kMillisPerDay};
        case Kind::Timestamp:
            return sdk::DateTime{millis};
        }
        return {};
    }

    Target m_target;
    std::string m_field;
    Kind m_type = Kind::Timestamp;
    Precision m_precision = Precision::Milliseconds;
    std::unique_ptr<SimpleDateFormat> m_format;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

} // namespace

void addTimestampConverter(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<TimestampConverter>(
        std::string(kTransformsPackage) + "TimestampConverter$Key", Target::Key));
    out.push_back(makeTransformationPlugin<TimestampConverter>(
        std::string(kTransformsPackage) + "TimestampConverter$Value", Target::Value));
}

} // namespace connectdesk::transforms
