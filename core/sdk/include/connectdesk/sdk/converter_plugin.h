// How a converter or header converter makes itself known to the worker: its Apache class name,
// aliases, factories and config definition (built-ins and dynamically loaded plugins register the
// same shape).
#pragma once

#include "connectdesk/sdk/config_def.h"
#include "connectdesk/sdk/header_converter.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::sdk {

struct ConverterPlugin {
    // Fully-qualified class name users write in configs, e.g. org.apache.kafka.connect.json.JsonConverter.
    std::string className;
    // Short names also accepted (spec §3: simple class name, and the simple name without the
    // plugin-type suffix). A registry drops aliases claimed by two different classes.
    std::vector<std::string> aliases;
    std::string version;
    // Empty when the class is not a Converter / not a HeaderConverter.
    std::function<std::unique_ptr<Converter>()> createConverter;
    std::function<std::unique_ptr<HeaderConverter>()> createHeaderConverter;
    // The keys the converter accepts: Converter.config() / HeaderConverter.config() (KIP-769),
    // which GET /connector-plugins/{plugin}/config lists. Empty when it declares none.
    std::function<ConfigDef()> config;
};

// The part after the last '.' (PluginUtils.simpleName).
std::string_view pluginSimpleName(std::string_view className);
// The simple name cut before the last occurrence of `typeSuffix` when that is not at position 0
// (PluginUtils.prunedName: `JsonConverter` + "Converter" -> `Json`).
std::string_view pluginPrunedName(std::string_view className, std::string_view typeSuffix);
// {simple name, pruned name} without duplicates: the aliases Connect computes for a plugin of a
// type whose suffix is `typeSuffix` ("Converter", "HeaderConverter", "Connector", "Transformation").
std::vector<std::string> defaultPluginAliases(std::string_view className, std::string_view typeSuffix);

} // namespace connectdesk::sdk
