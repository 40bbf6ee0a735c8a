#include "transforms/transform_support.h"

#include "transforms/java_regex.h"

namespace connectdesk::transforms {

using sdk::ConfigDef;

void requireSchema(const sdk::SchemaPtr& schema, std::string_view purpose)
{
    if (!schema) {
        throw sdk::DataException("Schema required for [" + std::string(purpose) + "]");
    }
}

const sdk::Map& requireMap(const sdk::Value& value, std::string_view purpose)
{
    if (const auto* m = value.getIf<sdk::Map>()) {
        return *m;
    }
    throw sdk::DataException("Only Map objects supported in absence of schema for [" + std::string(purpose) +
                             "], found: " + std::string(sdk::valueKindName(value.kind())));
}

const sdk::Struct& requireStruct(const sdk::Value& value, std::string_view purpose)
{
    if (const auto* s = value.getIf<sdk::Struct>()) {
        return *s;
    }
    throw sdk::DataException("Only Struct objects supported for [" + std::string(purpose) +
                             "], found: " + std::string(sdk::valueKindName(value.kind())));
}

const sdk::Value* mapGet(const sdk::Map& map, std::string_view key)
{
    for (const auto& [k, v] : map) {
        const auto* s = k.getIf<std::string>();
        if (s != nullptr && *s == key) {
            return &v;
        }
    }
    return nullptr;
}

sdk::Value* mapGet(sdk::Map& map, std::string_view key)
{
    for (auto& [k, v] : map) {
        const auto* s = k.getIf<std::string>();
        if (s != nullptr && *s == key) {
            return &v;
        }
    }
    return nullptr;
}

void mapPut(sdk::Map& map, std::string_view key, sdk::Value value)
{
    if (sdk::Value* existing = mapGet(map, key)) {
        *existing = std::move(value);
        return;
    }
    map.emplace_back(sdk::Value(key), std::move(value));
}

bool mapRemove(sdk::Map& map, std::string_view key)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        const auto* s = it->first.getIf<std::string>();
        if (s != nullptr && *s == key) {
            map.erase(it);
            return true;
        }
    }
    return false;
}

sdk::SchemaBuilder copySchemaBasics(const sdk::Schema& source, sdk::SchemaBuilder builder)
{
    if (source.name()) {
        builder.name(*source.name());
    }
    if (source.version()) {
        builder.version(*source.version());
    }
    if (source.doc()) {
        builder.doc(*source.doc());
    }
    builder.parameters(source.parameters());
    return builder;
}

sdk::SchemaBuilder copySchemaBasics(const sdk::Schema& source)
{
    switch (source.type()) {
    case sdk::SchemaType::Array:
        return copySchemaBasics(source, sdk::SchemaBuilder::array(source.valueSchema()));
    case sdk::SchemaType::Map:
        return copySchemaBasics(source, sdk::SchemaBuilder::map(source.keySchema(), source.valueSchema()));
    default:
        return copySchemaBasics(source, sdk::SchemaBuilder(source.type()));
    }
}

sdk::SchemaPtr SchemaUpdateCache::get(const sdk::SchemaPtr& key)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->first == key || sdk::schemasEqual(it->first, key)) {
            if (it != m_entries.begin()) {
                m_entries.splice(m_entries.begin(), m_entries, it);
            }
            return m_entries.front().second;
        }
    }
    return nullptr;
}

void SchemaUpdateCache::put(const sdk::SchemaPtr& key, sdk::SchemaPtr value)
{
    m_entries.emplace_front(key, std::move(value));
    if (m_entries.size() > m_capacity) {
        m_entries.pop_back();
    }
}

ConfigDef::Key replaceNullWithDefaultKey()
{
    return {.name = kReplaceNullWithDefault,
            .type = ConfigDef::Type::Boolean,
            .defaultValue = ConfigDef::Value(true),
            .importance = ConfigDef::Importance::Medium,
            .documentation =
                "Whether to replace fields that have a default value and that are null to the "
                "default value. When set to true, the default value is used, otherwise null is used."};
}

ConfigDef::Key requiredListKey(std::string name, std::string documentation)
{
    return {.name = std::move(name),
            .type = ConfigDef::Type::List,
            .defaultValue = std::nullopt,
            .validator = nonEmptyList(),
            .importance = ConfigDef::Importance::High,
            .documentation = std::move(documentation)};
}

ConfigDef::Validator nonEmptyList()
{
    return [](const std::string& name, const ConfigDef::Value& value) {
        // A missing value is already reported by the required-key check.
        if (std::holds_alternative<std::monostate>(value)) {
            return;
        }
        const auto* list = std::get_if<ConfigDef::List>(&value);
        if (list == nullptr || list->empty()) {
            throw sdk::ConfigException(name, ConfigDef::valueText(value), "Empty list");
        }
    };
}

ConfigDef::Validator regexPattern()
{
    return [](const std::string& name, const ConfigDef::Value& value) {
        const auto* s = std::get_if<std::string>(&value);
        if (s == nullptr) {
            return;
        }
        std::string error;
        if (!JavaRegex::isValid(*s, &error)) {
            throw sdk::ConfigException(name, *s, "must be a valid regular expression: " + error);
        }
    };
}

std::string listText(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? ", " : "") + items[i];
    }
    return out + "]";
}

} // namespace connectdesk::transforms
