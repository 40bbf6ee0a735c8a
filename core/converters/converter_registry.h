// Resolves a converter class name, simple name or alias (`org.apache.kafka.connect.json.JsonConverter`,
// `JsonConverter`, `Json`) to its factory, as Connect's plugin aliases do (spec §3).
#pragma once

#include <connectdesk/sdk/converter_plugin.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::converters {

class ConverterRegistry {
public:
    // The built-in converters: Json, String, ByteArray, the number converters, SimpleHeaderConverter,
    // each at ConnectDesk's version.
    static ConverterRegistry withBuiltins();

    // Adds a plugin (built-in or loaded). An alias claimed by two different classes becomes
    // unusable (PluginUtils.computeAliases); full class names always resolve. A second plugin
    // with the same class name replaces the first.
    void add(sdk::ConverterPlugin plugin);

    // nullptr when unknown or ambiguous.
    const sdk::ConverterPlugin* find(std::string_view nameOrAlias) const;

    // Throw sdk::ConfigException when the name is unknown or the class is not of that kind.
    std::unique_ptr<sdk::Converter> createConverter(std::string_view nameOrAlias) const;
    std::unique_ptr<sdk::HeaderConverter> createHeaderConverter(std::string_view nameOrAlias) const;

    std::vector<const sdk::ConverterPlugin*> plugins() const;

private:
    void rebuildAliases();

    std::vector<sdk::ConverterPlugin> m_plugins;
    std::map<std::string, std::size_t, std::less<>> m_byClass;
    std::map<std::string, std::size_t, std::less<>> m_byAlias;
};

} // namespace connectdesk::converters
