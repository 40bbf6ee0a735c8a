// InsertField$Key / InsertField$Value: adds topic, partition, offset, timestamp and a static
// string as fields of the key or value (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

#include <connectdesk/sdk/logical_types.h>

#include <optional>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
constexpr const char* kPurpose = "field insertion";

// `name!` = required field, `name?` or `name` = optional (InsertField.InsertionSpec).
struct InsertionSpec {
    std::string name;
    bool optional = true;

    static std::optional<InsertionSpec> parse(const std::string& spec)
    {
        if (spec.empty()) {
            return std::nullopt;
        }
        if (spec.back() == '?') {
            return InsertionSpec{spec.substr(0, spec.size() - 1), true};
        }
        if (spec.back() == '!') {
            return InsertionSpec{spec.substr(0, spec.size() - 1), false};
        }
        return InsertionSpec{spec, true};
    }
};

template <class R>
class InsertField final : public sdk::Transformation<R> {
public:
    explicit InsertField(Target target) : m_target(target) {}

    ConfigDef config() const override
    {
        ConfigDef def;
        const auto field = [&](const char* name, const char* doc) {
            def.define({.name = name,
                        .type = ConfigDef::Type::String,
                        .defaultValue = ConfigDef::Value{},
                        .importance = ConfigDef::Importance::Medium,
                        .documentation = doc});
        };
        field("topic.field",
              "Field name for Kafka topic. Suffix with ! to make this a required field, or ? to "
              "keep it optional (the default).");
        field("partition.field",
              "Field name for Kafka partition. Suffix with ! to make this a required field, or "
              "? to keep it optional (the default).");
        field("offset.field",
              "Field name for Kafka offset - only applicable to sink connectors. Suffix with ! to "
              "make this a required field, or ? to keep it optional (the default).");
        field("timestamp.field",
              "Field name for record timestamp. Suffix with ! to make this a required field, or "
              "? to keep it optional (the default).");
        field("static.field",
              "Field name for static data field. Suffix with ! to make this a required field, or ? "
              "to keep it optional (the default).");
        field("static.value", "Static field value, if field name configured.");
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        const auto spec = [&](const char* key) {
            return parsed.isNull(key) ? std::nullopt : InsertionSpec::parse(parsed.getString(key));
        };
        m_topic = spec("topic.field");
        m_partition = spec("partition.field");
        m_offset = spec("offset.field");
        m_timestamp = spec("timestamp.field");
        m_static = spec("static.field");
        if (!parsed.isNull("static.value")) {
            m_staticValue = parsed.getString("static.value");
        }
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
        if (m_static && !m_staticValue) {
            throw sdk::ConfigException("static.value", "null",
                                       "No value specified for static field: " + m_static->name);
        }
        if (!m_topic && !m_partition && !m_offset && !m_timestamp && !m_static) {
            throw sdk::ConfigException("No field insertion configured");
        }
    }

    std::optional<R> apply(R record) override
    {
        const sdk::Value& value = operatingValue(record, m_target);
        if (value.isNull()) {
            return record; // tombstones pass through
        }
        if (!operatingSchema(record, m_target)) {
            return applySchemaless(record);
        }
        return applyWithSchema(record);
    }

private:
    R applySchemaless(R& record)
    {
        sdk::Map updated = requireMap(operatingValue(record, m_target), kPurpose);
        if (m_topic) {
            mapPut(updated, m_topic->name, sdk::Value(record.topic()));
        }
        if (m_partition && record.kafkaPartition()) {
            mapPut(updated, m_partition->name, sdk::Value(*record.kafkaPartition()));
        }
        if (m_offset) {
            requireSinkRecord<R>(kPurpose);
            if constexpr (std::is_same_v<R, sdk::SinkRecord>) {
                mapPut(updated, m_offset->name, sdk::Value(record.kafkaOffset()));
            }
        }
        if (m_timestamp && record.timestamp()) {
            mapPut(updated, m_timestamp->name, sdk::Value(*record.timestamp()));
        }
        if (m_static) {
            mapPut(updated, m_static->name, sdk::Value(*m_staticValue));
        }
        return withOperating(record, m_target, nullptr, sdk::Value(std::move(updated)));
    }

    R applyWithSchema(R& record)
    {
        const sdk::Struct& value = requireStruct(operatingValue(record, m_target), kPurpose);
        sdk::SchemaPtr updatedSchema = m_cache.get(value.schema());
        if (!updatedSchema) {
            updatedSchema = makeUpdatedSchema(*value.schema());
            m_cache.put(value.schema(), updatedSchema);
        }
        sdk::Struct updated(updatedSchema);
        for (const sdk::Field& field : value.schema()->fields()) {
            updated.putUnchecked(static_cast<std::size_t>(field.index()),
                                 fieldValue(value, field, m_replaceNullWithDefault));
        }
        if (m_topic) {
            updated.put(m_topic->name, sdk::Value(record.topic()));
        }
        if (m_partition && record.kafkaPartition()) {
            updated.put(m_partition->name, sdk::Value(*record.kafkaPartition()));
        }
        if (m_offset) {
            requireSinkRecord<R>(kPurpose);
            if constexpr (std::is_same_v<R, sdk::SinkRecord>) {
                updated.put(m_offset->name, sdk::Value(record.kafkaOffset()));
            }
        }
        if (m_timestamp && record.timestamp()) {
            updated.put(m_timestamp->name, sdk::Value(sdk::DateTime{*record.timestamp()}));
        }
        if (m_static) {
            updated.put(m_static->name, sdk::Value(*m_staticValue));
        }
        return withOperating(record, m_target, std::move(updatedSchema), sdk::Value(std::move(updated)));
    }

    sdk::SchemaPtr makeUpdatedSchema(const sdk::Schema& schema) const
    {
        sdk::SchemaBuilder builder = copySchemaBasics(schema, sdk::SchemaBuilder::structType());
        for (const sdk::Field& field : schema.fields()) {
            builder.field(field.name(), field.schema());
        }
        using S = sdk::Schema;
        if (m_topic) {
            builder.field(m_topic->name, m_topic->optional ? S::optionalStringSchema() : S::stringSchema());
        }
        if (m_partition) {
            builder.field(m_partition->name,
                          m_partition->optional ? S::optionalInt32Schema() : S::int32Schema());
        }
        if (m_offset) {
            builder.field(m_offset->name, m_offset->optional ? S::optionalInt64Schema() : S::int64Schema());
        }
        if (m_timestamp) {
            auto ts = sdk::Timestamp::builder();
            if (m_timestamp->optional) {
                ts.optional();
            }
            builder.field(m_timestamp->name, ts.build());
        }
        if (m_static) {
            builder.field(m_static->name, m_static->optional ? S::optionalStringSchema() : S::stringSchema());
        }
        return builder.build();
    }

    Target m_target;
    std::optional<InsertionSpec> m_topic;
    std::optional<InsertionSpec> m_partition;
    std::optional<InsertionSpec> m_offset;
    std::optional<InsertionSpec> m_timestamp;
    std::optional<InsertionSpec> m_static;
    std::optional<std::string> m_staticValue;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

} // namespace

void addInsertField(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<InsertField>(std::string(kTransformsPackage) + "InsertField$Key",
                                                        Target::Key));
    out.push_back(makeTransformationPlugin<InsertField>(std::string(kTransformsPackage) + "InsertField$Value",
                                                        Target::Value));
}

} // namespace connectdesk::transforms
