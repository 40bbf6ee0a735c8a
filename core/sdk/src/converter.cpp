#include "connectdesk/sdk/converter.h"

#include "connectdesk/sdk/converter_plugin.h"
#include "connectdesk/sdk/header_converter.h"

namespace connectdesk::sdk {

std::string_view converterTypeName(ConverterType type)
{
    switch (type) {
    case ConverterType::Key:
        return "key";
    case ConverterType::Value:
        return "value";
    case ConverterType::Header:
        break;
    }
    return "header";
}

Converter::~Converter() = default;

bool Converter::fromConnectDataInto(std::string_view topic, Headers& headers, const SchemaPtr& schema,
                                    const Value& value, Bytes& out)
{
    std::optional<Bytes> bytes = fromConnectData(topic, headers, schema, value);
    if (!bytes)
        return false;
    out = std::move(*bytes);
    return true;
}

void Converter::toConnectDataInto(std::string_view topic, const Headers& headers,
                                  std::optional<ByteView> data, SchemaPtr& schema, Value& value)
{
    SchemaAndValue result = toConnectData(topic, headers, data);
    schema = std::move(result.schema);
    value = std::move(result.value);
}

HeaderConverter::~HeaderConverter() = default;

std::string_view pluginSimpleName(std::string_view className)
{
    const auto dot = className.rfind('.');
    return dot == std::string_view::npos ? className : className.substr(dot + 1);
}

std::string_view pluginPrunedName(std::string_view className, std::string_view typeSuffix)
{
    const std::string_view simple = pluginSimpleName(className);
    const auto pos = simple.rfind(typeSuffix);
    if (pos != std::string_view::npos && pos > 0)
        return simple.substr(0, pos);
    return simple;
}

std::vector<std::string> defaultPluginAliases(std::string_view className, std::string_view typeSuffix)
{
    std::vector<std::string> aliases{std::string(pluginSimpleName(className))};
    const std::string_view pruned = pluginPrunedName(className, typeSuffix);
    if (pruned != aliases.front())
        aliases.emplace_back(pruned);
    return aliases;
}

} // namespace connectdesk::sdk
