#include "converter_config_parsing.h"

namespace connectdesk::converters {

namespace {

constexpr const char* kTypeConfig = "converter.type";

} // namespace

sdk::ConfigDef converterConfigDef()
{
    sdk::ConfigDef def;
    // ValidString.in(...) is case-sensitive: Apache refuses `KEY` (checked against 4.1.1).
    def.define({.name = kTypeConfig,
                .type = sdk::ConfigDef::Type::String,
                .validator = sdk::validators::validString({"key", "value", "header"}),
                .importance = sdk::ConfigDef::Importance::Low,
                .documentation = "How this converter will be used."});
    return def;
}

sdk::ConfigDef::Parsed parseConverterConfig(const sdk::ConfigDef& def, const sdk::ConfigMap& configs,
                                            sdk::ConverterType type)
{
    sdk::ConfigMap copy = configs;
    copy[kTypeConfig] = std::string(sdk::converterTypeName(type));
    return def.parse(copy);
}

sdk::ConfigDef::Parsed parseHeaderConverterConfig(const sdk::ConfigDef& def, const sdk::ConfigMap& configs)
{
    if (configs.find(kTypeConfig) != configs.end())
        return def.parse(configs);
    return parseConverterConfig(def, configs, sdk::ConverterType::Header);
}

sdk::ConverterType converterTypeOf(const sdk::ConfigDef::Parsed& parsed)
{
    const std::string type = parsed.getString(kTypeConfig);
    if (type == "key")
        return sdk::ConverterType::Key;
    return type == "header" ? sdk::ConverterType::Header : sdk::ConverterType::Value;
}

} // namespace connectdesk::converters
