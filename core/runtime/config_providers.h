// The worker's config providers (KIP-297/421/887/993; spec/connect-data-and-config.md §4.1):
// `${provider:[path:]key}` references in connector configs, resolved only when the worker hands a
// config to a connector or task, so REST and the stores keep the reference, never the secret.
// FileConfigProvider, DirectoryConfigProvider and EnvVarConfigProvider are built in, with
// Apache's class names, aliases and parameters (allowed.paths, allowlist.pattern).
#pragma once

#include "runtime/herder.h"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace connectdesk::runtime {

// One provider: the values of keys at a path (ConfigProvider.get(path, keys)). Keys without a
// value are left out. Throws sdk::ConfigException for a path that exists but cannot be read.
class ConfigProvider {
public:
    virtual ~ConfigProvider() = default;
    virtual std::map<std::string, std::string> get(const std::string& path,
                                                   const std::set<std::string>& keys) const = 0;
};

class ConfigProviders {
public:
    // config.providers=<names>, config.providers.<name>.class and config.providers.<name>.param.*;
    // a listed provider without a class is skipped, as Apache does. Throws sdk::ConfigException
    // with Apache's message for an unknown class or an invalid allowed.paths entry.
    static ConfigProviders fromWorkerProperties(const ConfigMap& props);

    bool empty() const { return m_providers.empty(); }
    std::set<std::string> names() const;

    // ConfigTransformer.transform: every `${provider:[path:]key}` whose provider and key are known
    // is replaced; anything else stays as written, with a warning naming the config key and the
    // reference (never a value). context names the connector in the log line.
    ConfigMap transform(const ConfigMap& config, const std::string& context) const;

    // True when the value holds a `${...:...}` reference.
    static bool hasReference(const std::string& value);
    // AbstractHerder.reverseTransform: keys of a generated task config whose raw connector value
    // holds a reference get that raw value back, so stored/shown task configs keep the reference.
    static ConfigMap reverseTransform(const ConfigMap& rawConnectorConfig, ConfigMap taskConfig);

private:
    std::map<std::string, std::shared_ptr<const ConfigProvider>> m_providers;
};

} // namespace connectdesk::runtime
