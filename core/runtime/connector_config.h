// The framework keys every connector config has (Apache's ConnectorConfig, SinkConnectorConfig,
// SourceConnectorConfig; spec/connect-data-and-config.md §5) and the conversion of validation
// results into the ConfigInfos shape of the REST API (spec/connect-rest-api.md §3.8–3.10).
#pragma once

#include "runtime/herder.h"

#include <connectdesk/sdk/config_def.h>

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace connectdesk::runtime {

namespace connector_keys {
inline constexpr const char* kName = "name";
inline constexpr const char* kConnectorClass = "connector.class";
inline constexpr const char* kTasksMax = "tasks.max";
inline constexpr const char* kTasksMaxEnforce = "tasks.max.enforce";
inline constexpr const char* kKeyConverter = "key.converter";
inline constexpr const char* kValueConverter = "value.converter";
inline constexpr const char* kHeaderConverter = "header.converter";
inline constexpr const char* kTransforms = "transforms";
inline constexpr const char* kPredicates = "predicates";
inline constexpr const char* kErrorsRetryTimeout = "errors.retry.timeout";
inline constexpr const char* kErrorsRetryDelayMax = "errors.retry.delay.max.ms";
inline constexpr const char* kErrorsTolerance = "errors.tolerance";
inline constexpr const char* kErrorsLogEnable = "errors.log.enable";
inline constexpr const char* kErrorsLogIncludeMessages = "errors.log.include.messages";
inline constexpr const char* kTopics = "topics";
inline constexpr const char* kTopicsRegex = "topics.regex";
inline constexpr const char* kDlqTopic = "errors.deadletterqueue.topic.name";
inline constexpr const char* kDlqReplicationFactor = "errors.deadletterqueue.topic.replication.factor";
inline constexpr const char* kDlqContextHeaders = "errors.deadletterqueue.context.headers.enable";
inline constexpr const char* kTaskClass = "task.class";
} // namespace connector_keys

// Answers whether a plugin class name (or alias) of a kind is installed; used to validate
// converter and transformation class keys without the runtime knowing every registry.
using ClassExists = std::function<bool(const std::string& kind, const std::string& className)>;

// Framework definition for a connector of the given type (common keys; plus sink or source keys).
sdk::ConfigDef connectorConfigDef(ConnectorType type);

// Adds transforms.<alias>.* / predicates.<alias>.* keys for the aliases listed in props
// (ConnectorConfig.enrich), so their type keys are validated and shown in validate results.
sdk::ConfigDef enrichedConnectorConfigDef(ConnectorType type, const ConfigMap& props);

// What connector validation shows of the worker's converters, as Apache 4.1's enriched
// ConnectorConfig does: the worker's converter classes are the defaults of key.converter,
// value.converter and header.converter, the installed classes their recommended values, and a
// class named by alias is shown by its full name.
struct ConverterCatalog {
    std::string workerKeyConverter;
    std::string workerValueConverter;
    std::string workerHeaderConverter;
    std::vector<std::string> converters;       // class names, sorted
    std::vector<std::string> headerConverters; // class names, sorted
    // The full class name of a converter class name or alias; empty when it names none.
    std::function<std::string(const std::string&)> fullClassName;
};

// Validates props against the framework definition plus the connector's own definition and its
// own validate() result; the framework keys the connector does not redefine come after its keys
// (spec/connect-rest-api.md §4.22–4.23). Sink rules of §5.3 are applied. Without a catalog the
// converter class keys default to null and recommend nothing.
ConfigInfos validateConnectorProps(const std::string& classNameAsGiven, ConnectorType type,
                                   const sdk::ConfigDef& pluginDef,
                                   const std::vector<sdk::ConfigDef::ConfigValue>& pluginValues,
                                   const ConfigMap& props, const ClassExists& classExists,
                                   const ConverterCatalog* catalog = nullptr);

// ConfigKeyInfo of one key (AbstractHerder.convertConfigKey).
ConfigKeyInfo toConfigKeyInfo(const sdk::ConfigDef::Key& key);

// The keys of the converter a connector names in classKey (key.converter, value.converter or
// header.converter), validated by that converter's own ConfigDef against the connector's
// <classKey>.* entries (prefix stripped; converter.type defaults to converterType), listed with the
// prefix in the order Apache's AbstractHerder.validateConverterConfig gives (KIP-769).
ConfigInfos validateConverterProps(const std::string& classKey, const sdk::ConfigDef& converterDef,
                                   const std::string& converterType, const ConfigMap& props);

// A converter's or header converter's ConfigDef by class name or alias; nullopt when unknown.
using ConverterConfigLookup = std::function<std::optional<sdk::ConfigDef>(const std::string& className)>;

// Appends the converter keys of the header, key and value converters the connector sets itself
// (not the worker's) to infos, in that order, as AbstractHerder.validateConnectorConfig merges them;
// a converter whose class entry in infos already has an error is skipped, as Apache does.
void appendConverterConfigInfos(ConfigInfos& infos, const ConfigMap& props,
                                const ConverterConfigLookup& lookup);

// The order in which a java.util.HashMap iterates keys put into it in the given order (used where
// Apache lists ConfigDef.validate results, which come out of a HashMap): indices into names.
std::vector<std::size_t> javaHashMapOrder(const std::vector<std::string>& names);

// The 400 message of create/update when validation found errors (spec/connect-rest-api.md §4.5).
std::string invalidConfigMessage(const ConfigInfos& infos);

// errors.tolerance and the retry settings as typed values (spec §5.2).
struct ErrorHandlingConfig {
    bool toleranceAll = false;
    std::int64_t retryTimeoutMs = 0;
    std::int64_t retryDelayMaxMs = 60000;
    bool logEnable = false;
    bool logIncludeMessages = false;
    std::string dlqTopic;
    std::int16_t dlqReplicationFactor = 3;
    bool dlqContextHeaders = false;
};

// The framework part of a connector config parsed once at the border into typed values.
struct ConnectorConfig {
    std::string name;
    std::string connectorClass;
    int tasksMax = 1;
    bool tasksMaxEnforce = true;
    std::string keyConverter;    // empty: the worker's
    std::string valueConverter;  // empty: the worker's
    std::string headerConverter; // empty: the worker's
    std::vector<std::string> transforms;
    std::vector<std::string> predicates;
    ErrorHandlingConfig errors;
    std::vector<std::string> topics; // sinks
    std::string topicsRegex;         // sinks
    ConfigMap raw;

    // Throws sdk::ConfigException with Apache's message for the first invalid key.
    static ConnectorConfig parse(ConnectorType type, const ConfigMap& props);
};

// Java regex subset check used by topics.regex: std::regex ECMAScript accepts most Java patterns.
bool compilesAsRegex(const std::string& pattern, std::string* error = nullptr);

} // namespace connectdesk::runtime
