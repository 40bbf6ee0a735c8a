// ValueToKey: replaces the key with a struct (or map) made of fields copied from the value (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;
constexpr const char* kPurpose = "copying fields from value to key";

template <class R>
class ValueToKey final : public sdk::Transformation<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define(
            requiredListKey("fields", "Field names on the record value to extract as the record key."));
        def.define(replaceNullWithDefaultKey());
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_fields = parsed.getList("fields");
        m_replaceNullWithDefault = parsed.getBool(kReplaceNullWithDefault);
    }

    std::optional<R> apply(R record) override
    {
        if (!record.valueSchema()) {
            const sdk::Map& value = requireMap(record.value(), kPurpose);
            sdk::Map key;
            key.reserve(m_fields.size());
            for (const auto& name : m_fields) {
                const sdk::Value* v = mapGet(value, name);
                key.emplace_back(sdk::Value(name), v != nullptr ? *v : sdk::Value());
            }
            return withOperating(record, Target::Key, nullptr, sdk::Value(std::move(key)));
        }
        const sdk::Struct& value = requireStruct(record.value(), kPurpose);
        sdk::SchemaPtr keySchema = m_cache.get(value.schema());
        if (!keySchema) {
            sdk::SchemaBuilder builder = sdk::SchemaBuilder::structType();
            for (const auto& name : m_fields) {
                const sdk::Field* field = value.schema()->field(name);
                if (field == nullptr) {
                    throw sdk::DataException("Field does not exist: " + name);
                }
                builder.field(name, field->schema());
            }
            keySchema = builder.build();
            m_cache.put(value.schema(), keySchema);
        }
        sdk::Struct key(keySchema);
        for (const sdk::Field& keyField : keySchema->fields()) {
            const sdk::Field* field = value.schema()->field(keyField.name());
            key.putUnchecked(static_cast<std::size_t>(keyField.index()),
                             fieldValue(value, *field, m_replaceNullWithDefault));
        }
        return withOperating(record, Target::Key, std::move(keySchema), sdk::Value(std::move(key)));
    }

private:
    std::vector<std::string> m_fields;
    bool m_replaceNullWithDefault = true;
    SchemaUpdateCache m_cache;
};

} // namespace

void addValueToKey(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<ValueToKey>(std::string(kTransformsPackage) + "ValueToKey"));
}

} // namespace connectdesk::transforms
