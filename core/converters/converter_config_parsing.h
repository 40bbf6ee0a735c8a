// Parsing of converter config values with Kafka ConfigDef's rules and error wording, shared by
// the built-in converters (configs are validated once, at configure()).
#pragma once

#include <connectdesk/sdk/config_map.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace connectdesk::converters {

// ConfigDef BOOLEAN: `true`/`false`, case-insensitive, surrounding whitespace ignored.
bool configBool(const sdk::ConfigMap& configs, std::string_view name, bool defaultValue);
// ConfigDef INT.
int configInt(const sdk::ConfigMap& configs, std::string_view name, int defaultValue);
// ConfigDef STRING with CaseInsensitiveValidString: returns the allowed spelling that matched.
std::string configChoice(const sdk::ConfigMap& configs, std::string_view name, std::string_view defaultValue,
                         std::initializer_list<std::string_view> allowed);
// ConfigDef STRING without a validator.
std::string configString(const sdk::ConfigMap& configs, std::string_view name, std::string_view defaultValue);

} // namespace connectdesk::converters
