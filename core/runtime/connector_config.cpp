#include "runtime/connector_config.h"

#include <connectdesk/sdk/errors.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

namespace connectdesk::runtime {

using sdk::ConfigDef;
namespace v = sdk::validators;

namespace {

const std::string kCommonGroup = "Common";
const std::string kTransformsGroup = "Transforms";
const std::string kPredicatesGroup = "Predicates";
const std::string kErrorGroup = "Error Handling";
const std::string kTopicCreationGroup = "Topic Creation";
const std::string kExactlyOnceGroup = "Exactly Once Support";

// Transform and predicate aliases must be unique (ConnectorConfig.aliasValidator).
ConfigDef::Validator aliasValidator()
{
    return [](const std::string& name, const ConfigDef::Value& value) {
        const auto* list = std::get_if<ConfigDef::List>(&value);
        if (list == nullptr) {
            return;
        }
        std::set<std::string> seen(list->begin(), list->end());
        if (seen.size() != list->size()) {
            throw sdk::ConfigException(name, ConfigDef::valueText(value), "Duplicate alias provided.");
        }
    };
}

ConfigDef::Validator regexValidator()
{
    return [](const std::string& name, const ConfigDef::Value& value) {
        const auto* s = std::get_if<std::string>(&value);
        std::string error;
        if (s != nullptr && !s->empty() && !compilesAsRegex(*s, &error)) {
            throw sdk::ConfigException(name, *s, "must be a valid regular expression: " + error);
        }
    };
}

std::string javaListText(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? ", " : "") + items[i];
    }
    return out + "]";
}

bool isBlank(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
}

// Which plugin kind a CLASS key names, for the "could not be found" check.
std::string classKindOf(const std::string& key)
{
    if (key == connector_keys::kKeyConverter || key == connector_keys::kValueConverter) {
        return "converter";
    }
    if (key == connector_keys::kHeaderConverter) {
        return "header_converter";
    }
    if (key.rfind("transforms.", 0) == 0) {
        return "transformation";
    }
    if (key.rfind("predicates.", 0) == 0) {
        return "predicate";
    }
    return {};
}

void addError(std::vector<ConfigDef::ConfigValue>& values, const std::string& key, const ConfigMap& props,
              const std::string& message)
{
    for (auto& cv : values) {
        if (cv.name == key) {
            cv.errors.push_back(message);
            return;
        }
    }
    ConfigDef::ConfigValue cv;
    cv.name = key;
    if (auto it = props.find(key); it != props.end()) {
        cv.value = it->second;
    }
    cv.errors.push_back(message);
    values.push_back(std::move(cv));
}

void validateSink(const ConfigMap& props, std::vector<ConfigDef::ConfigValue>& values)
{
    using namespace connector_keys;
    auto get = [&](const char* k) {
        auto it = props.find(k);
        return it == props.end() ? std::string() : it->second;
    };
    const std::string topics = get(kTopics);
    const std::string topicsRegex = get(kTopicsRegex);
    std::string dlq = get(kDlqTopic);
    const bool hasTopics = !isBlank(topics);
    const bool hasRegex = !isBlank(topicsRegex);
    if (hasTopics && hasRegex) {
        const std::string msg = "topics and topics.regex are mutually exclusive options, but both are set.";
        addError(values, kTopics, props, msg);
        addError(values, kTopicsRegex, props, msg);
    }
    if (!hasTopics && !hasRegex) {
        const std::string msg = "Must configure one of topics or topics.regex";
        addError(values, kTopics, props, msg);
        addError(values, kTopicsRegex, props, msg);
    }
    if (!isBlank(dlq)) {
        dlq = std::get<std::string>(ConfigDef::parseType(kDlqTopic, dlq, ConfigDef::Type::String));
        if (hasTopics) {
            const auto list =
                std::get<ConfigDef::List>(ConfigDef::parseType(kTopics, topics, ConfigDef::Type::List));
            if (std::find(list.begin(), list.end(), dlq) != list.end()) {
                addError(values, kTopics, props,
                         "The DLQ topic '" + dlq + "' may not be included in the list of topics ('topics=" +
                             javaListText(list) + "') consumed by the connector");
            }
        }
        if (hasRegex && compilesAsRegex(topicsRegex)) {
            if (std::regex_match(dlq, std::regex(topicsRegex))) {
                addError(values, kTopicsRegex, props,
                         "The DLQ topic '" + dlq +
                             "' may not be included in the regex matching topics ('topics.regex=" +
                             topicsRegex + "') consumed by the connector");
            }
        }
    }
}

} // namespace

bool compilesAsRegex(const std::string& pattern, std::string* error)
{
    try {
        std::regex re(pattern);
        return true;
    } catch (const std::regex_error& e) {
        if (error != nullptr) {
            *error = e.what();
        }
        return false;
    }
}

sdk::ConfigDef connectorConfigDef(ConnectorType type)
{
    using namespace connector_keys;
    using T = ConfigDef::Type;
    using I = ConfigDef::Importance;
    using W = ConfigDef::Width;
    ConfigDef def;
    int order = 0;
    int errorOrder = 0;
    // Orders and groups follow ConnectorConfig.configDef(): transforms/predicates keep counting
    // the common group's order even though they sit in their own groups.
    def.define({.name = kName,
                .type = T::String,
                .defaultValue = std::nullopt,
                .validator = v::nonEmptyStringWithoutControlChars(),
                .importance = I::High,
                .documentation = "Globally unique name to use for this connector.",
                .group = kCommonGroup,
                .orderInGroup = ++order,
                .width = W::Medium,
                .displayName = "Connector name"});
    def.define({.name = kConnectorClass,
                .type = T::String,
                .defaultValue = std::nullopt,
                .importance = I::High,
                .documentation =
                    "Name or alias of the class for this connector. Must be a subclass of "
                    "org.apache.kafka.connect.connector.Connector. If the connector is "
                    "org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify "
                    "this full name,  or use \"FileStreamSink\" or \"FileStreamSinkConnector\" to make "
                    "the configuration a bit shorter",
                .group = kCommonGroup,
                .orderInGroup = ++order,
                .width = W::Long,
                .displayName = "Connector class"});
    def.define({.name = kTasksMax,
                .type = T::Int,
                .defaultValue = ConfigDef::Value(std::int32_t{1}),
                .validator = v::atLeast(1),
                .importance = I::High,
                .documentation = "Maximum number of tasks to use for this connector.",
                .group = kCommonGroup,
                .orderInGroup = ++order,
                .width = W::Short,
                .displayName = "Tasks max"});
    def.define({.name = kTasksMaxEnforce,
                .type = T::Boolean,
                .defaultValue = ConfigDef::Value(true),
                .importance = I::Low,
                .documentation =
                    "(Deprecated) Whether to enforce that the tasks.max property is respected by the "
                    "connector. By default, connectors that generate too many tasks will fail, and existing "
                    "sets of tasks that exceed the tasks.max property will also be failed. If this property "
                    "is set to false, then connectors will be allowed to generate more than the maximum "
                    "number of tasks, and existing sets of tasks that exceed the tasks.max property will be "
                    "allowed to run. This property is deprecated and will be removed in an upcoming major "
                    "release.",
                .group = kCommonGroup,
                .orderInGroup = ++order,
                .width = W::Short,
                .displayName = "Enforce tasks max"});
    const auto converterKey = [&](const char* name, const char* doc, const char* display) {
        def.define({.name = name,
                    .type = T::Class,
                    .defaultValue = ConfigDef::Value{},
                    .importance = I::Low,
                    .documentation = doc,
                    .group = kCommonGroup,
                    .orderInGroup = ++order,
                    .width = W::Short,
                    .displayName = display});
    };
    converterKey(
        kKeyConverter,
        "Converter class used to convert between Kafka Connect format and the serialized form that is "
        "written to Kafka. This controls the format of the keys in messages written to or read from Kafka, "
        "and since this is independent of connectors it allows any connector to work with any serialization "
        "format. Examples of common formats include JSON and Avro.",
        "Key converter class");
    converterKey(
        kValueConverter,
        "Converter class used to convert between Kafka Connect format and the serialized form that is "
        "written to Kafka. This controls the format of the values in messages written to or read from "
        "Kafka, and since this is independent of connectors it allows any connector to work with any "
        "serialization format. Examples of common formats include JSON and Avro.",
        "Value converter class");
    converterKey(
        kHeaderConverter,
        "HeaderConverter class used to convert between Kafka Connect format and the serialized form that "
        "is written to Kafka. This controls the format of the header values in messages written to or read "
        "from Kafka, and since this is independent of connectors it allows any connector to work with any "
        "serialization format. Examples of common formats include JSON and Avro. By default, the "
        "SimpleHeaderConverter is used to serialize header values to strings and deserialize them by "
        "inferring the schemas.",
        "Header converter class");
    def.define({.name = kTransforms,
                .type = T::List,
                .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                .validator = aliasValidator(),
                .importance = I::Low,
                .documentation = "Aliases for the transformations to be applied to records.",
                .group = kTransformsGroup,
                .orderInGroup = ++order,
                .width = W::Long,
                .displayName = "Transforms"});
    def.define({.name = kPredicates,
                .type = T::List,
                .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                .validator = aliasValidator(),
                .importance = I::Low,
                .documentation = "Aliases for the predicates used by transformations.",
                .group = kPredicatesGroup,
                .orderInGroup = ++order,
                .width = W::Long,
                .displayName = "Predicates"});
    def.define({.name = "config.action.reload",
                .type = T::String,
                .defaultValue = ConfigDef::Value(std::string("restart")),
                .validator = v::caseInsensitiveValidString({"none", "restart"}),
                .importance = I::Low,
                .documentation =
                    "The action that Connect should take on the connector when changes in external "
                    "configuration providers result in a change in the connector's configuration "
                    "properties. A value of 'none' indicates that Connect will do nothing. A value of "
                    "'restart' indicates that Connect should restart/reload the connector with the updated "
                    "configuration properties.The restart may actually be scheduled in the future if the "
                    "external configuration provider indicates that a configuration value will expire in the "
                    "future.",
                .group = kCommonGroup,
                .orderInGroup = ++order,
                .width = W::Medium,
                .displayName = "Reload Action"});
    def.define({.name = kErrorsRetryTimeout,
                .type = T::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{0}),
                .importance = I::Medium,
                .documentation =
                    "The maximum duration in milliseconds that a failed operation will be reattempted. "
                    "The default is 0, which means no retries will be attempted. Use -1 for infinite "
                    "retries.",
                .group = kErrorGroup,
                .orderInGroup = ++errorOrder,
                .width = W::Medium,
                .displayName = "Retry Timeout for Errors"});
    def.define({.name = kErrorsRetryDelayMax,
                .type = T::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{60000}),
                .importance = I::Medium,
                .documentation =
                    "The maximum duration in milliseconds between consecutive retry attempts. Jitter "
                    "will be added to the delay once this limit is reached to prevent thundering herd "
                    "issues.",
                .group = kErrorGroup,
                .orderInGroup = ++errorOrder,
                .width = W::Medium,
                .displayName = "Maximum Delay Between Retries for Errors"});
    def.define({.name = kErrorsTolerance,
                .type = T::String,
                .defaultValue = ConfigDef::Value(std::string("none")),
                .validator = v::validString({"none", "all"}),
                .importance = I::Medium,
                .documentation =
                    "Behavior for tolerating errors during connector operation. 'none' is the default "
                    "value and signals that any error will result in an immediate connector task "
                    "failure; 'all' changes the behavior to skip over problematic records.",
                .group = kErrorGroup,
                .orderInGroup = ++errorOrder,
                .width = W::Short,
                .displayName = "Error Tolerance"});
    def.define({.name = kErrorsLogEnable,
                .type = T::Boolean,
                .defaultValue = ConfigDef::Value(false),
                .importance = I::Medium,
                .documentation =
                    "If true, write each error and the details of the failed operation and problematic "
                    "record to the Connect application log. This is 'false' by default, so that only "
                    "errors that are not tolerated are reported.",
                .group = kErrorGroup,
                .orderInGroup = ++errorOrder,
                .width = W::Short,
                .displayName = "Log Errors"});
    def.define({.name = kErrorsLogIncludeMessages,
                .type = T::Boolean,
                .defaultValue = ConfigDef::Value(false),
                .importance = I::Medium,
                .documentation =
                    "Whether to include in the log the Connect record that resulted in a failure. For "
                    "sink records, the topic, partition, offset, and timestamp will be logged. For "
                    "source records, the key and value (and their schemas), all headers, and the "
                    "timestamp, Kafka topic, Kafka partition, source partition, and source offset will "
                    "be logged. This is 'false' by default, which will prevent record keys, values, and "
                    "headers from being written to log files.",
                .group = kErrorGroup,
                .orderInGroup = ++errorOrder,
                .width = W::Short,
                .displayName = "Log Error Details"});

    if (type == ConnectorType::Sink) {
        def.define({.name = kTopics,
                    .type = T::List,
                    .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                    .importance = I::High,
                    .documentation = "List of topics to consume, separated by commas",
                    .group = kCommonGroup,
                    .orderInGroup = 4,
                    .width = W::Long,
                    .displayName = "Topics"});
        def.define({.name = kTopicsRegex,
                    .type = T::String,
                    .defaultValue = ConfigDef::Value(std::string()),
                    .validator = regexValidator(),
                    .importance = I::High,
                    .documentation =
                        "Regular expression giving topics to consume. Under the hood, the regex is "
                        "compiled to a <code>java.util.regex.Pattern</code>. Only one of topics or "
                        "topics.regex should be specified.",
                    .group = kCommonGroup,
                    .orderInGroup = 4,
                    .width = W::Long,
                    .displayName = "Topics regex"});
        def.define({.name = kDlqTopic,
                    .type = T::String,
                    .defaultValue = ConfigDef::Value(std::string()),
                    .importance = I::Medium,
                    .documentation =
                        "The name of the topic to be used as the dead letter queue (DLQ) for messages "
                        "that result in an error when processed by this sink connector, or its "
                        "transformations or converters. The topic name is blank by default, which means "
                        "that no messages are to be recorded in the DLQ.",
                    .group = kErrorGroup,
                    .orderInGroup = 6,
                    .width = W::Medium,
                    .displayName = "Dead Letter Queue Topic Name"});
        def.define({.name = kDlqReplicationFactor,
                    .type = T::Short,
                    .defaultValue = ConfigDef::Value(std::int16_t{3}),
                    .importance = I::Medium,
                    .documentation =
                        "Replication factor used to create the dead letter queue topic when it doesn't "
                        "already exist.",
                    .group = kErrorGroup,
                    .orderInGroup = 7,
                    .width = W::Medium,
                    .displayName = "Dead Letter Queue Topic Replication Factor"});
        def.define({.name = kDlqContextHeaders,
                    .type = T::Boolean,
                    .defaultValue = ConfigDef::Value(false),
                    .importance = I::Medium,
                    .documentation =
                        "If true, add headers containing error context to the messages written to the "
                        "dead letter queue. To avoid clashing with headers from the original record, all "
                        "error context header keys, all error context header keys will start with "
                        "<code>__connect.errors.</code>",
                    .group = kErrorGroup,
                    .orderInGroup = 8,
                    .width = W::Medium,
                    .displayName = "Enable Error Context Headers"});
    } else if (type == ConnectorType::Source) {
        def.define({.name = "topic.creation.groups",
                    .type = T::List,
                    .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                    .importance = I::Low,
                    .documentation = "Groups of configurations for topics created by source connectors",
                    .group = kTopicCreationGroup,
                    .orderInGroup = 1,
                    .width = W::Long,
                    .displayName = "Topic Creation Groups"});
        def.define(
            {.name = "exactly.once.support",
             .type = T::String,
             .defaultValue = ConfigDef::Value(std::string("requested")),
             .validator = v::caseInsensitiveValidString({"requested", "required"}),
             .importance = I::Medium,
             .documentation =
                 "Permitted values are requested, required. If set to \"required\", forces a "
                 "preflight check for the connector to ensure that it can provide exactly-once "
                 "semantics with the given configuration. Some connectors may be capable of providing "
                 "exactly-once semantics but not signal to Connect that they support this; in that "
                 "case, documentation for the connector should be consulted carefully before creating "
                 "it, and the value for this property should be set to \"requested\". Additionally, if "
                 "the value is set to \"required\" but the worker that performs preflight validation "
                 "does not have exactly-once support enabled for source connectors, requests to create "
                 "or validate the connector will fail.",
             .group = kExactlyOnceGroup,
             .orderInGroup = 2,
             .width = W::Short,
             .displayName = "Exactly once support"});
        def.define(
            {.name = "transaction.boundary",
             .type = T::String,
             .defaultValue = ConfigDef::Value(std::string("poll")),
             .validator = v::caseInsensitiveValidString({"poll", "interval", "connector"}),
             .importance = I::Medium,
             .documentation =
                 "Permitted values are: poll, interval, connector. If set to 'poll', a new producer "
                 "transaction will be started and committed for every batch of records that each task "
                 "from this connector provides to Connect. If set to 'connector', relies on "
                 "connector-defined transaction boundaries; note that not all connectors are capable of "
                 "defining their own transaction boundaries, and in that case, attempts to instantiate "
                 "a connector with this value will fail. Finally, if set to 'interval', commits "
                 "transactions only after a user-defined time interval has passed.",
             .group = kExactlyOnceGroup,
             .orderInGroup = 3,
             .width = W::Short,
             .displayName = "Transaction Boundary"});
        def.define(
            {.name = "transaction.boundary.interval.ms",
             .type = T::Long,
             .defaultValue = ConfigDef::Value{},
             .importance = I::Low,
             .documentation =
                 "If 'transaction.boundary' is set to 'interval', determines the interval for "
                 "producer transaction commits by connector tasks. If unset, defaults to the value of "
                 "the worker-level 'offset.flush.interval.ms' property. It has no effect if a different "
                 "transaction.boundary is specified.",
             .group = kExactlyOnceGroup,
             .orderInGroup = 4,
             .width = W::Short,
             .displayName = "Transaction boundary interval"});
        def.define(
            {.name = "offsets.storage.topic",
             .type = T::String,
             .defaultValue = ConfigDef::Value{},
             .importance = I::Low,
             .documentation =
                 "The name of a separate offsets topic to use for this connector. If empty or not "
                 "specified, the worker\u2019s global offsets topic name will be used. If specified, the "
                 "offsets topic will be created if it does not already exist on the Kafka cluster "
                 "targeted by this connector (which may be different from the one used for the worker's "
                 "global offsets topic if the bootstrap.servers property of the connector's producer "
                 "has been overridden from the worker's). Only applicable in distributed mode; in "
                 "standalone mode, setting this property will have no effect.",
             .group = "offsets.topic",
             .orderInGroup = 1,
             .width = W::Long,
             .displayName = "Offsets topic"});
    }
    return def;
}

sdk::ConfigDef enrichedConnectorConfigDef(ConnectorType type, const ConfigMap& props)
{
    using T = ConfigDef::Type;
    using I = ConfigDef::Importance;
    using W = ConfigDef::Width;
    ConfigDef def = connectorConfigDef(type);
    const auto aliases = [&](const char* key) {
        auto it = props.find(key);
        ConfigDef::List out;
        if (it != props.end()) {
            const ConfigDef::List listed =
                std::get<ConfigDef::List>(ConfigDef::parseType(key, it->second, T::List));
            for (const auto& a : listed) {
                if (!a.empty() && std::find(out.begin(), out.end(), a) == out.end()) {
                    out.push_back(a);
                }
            }
        }
        return out;
    };
    for (const auto& alias : aliases(connector_keys::kTransforms)) {
        const std::string prefix = "transforms." + alias + ".";
        std::string group = kTransformsGroup;
        group += ": ";
        group += alias;
        int order = 0;
        def.define({.name = prefix + "type",
                    .type = T::Class,
                    .defaultValue = std::nullopt,
                    .importance = I::High,
                    .documentation = "Class for the '" + alias + "' transformation.",
                    .group = group,
                    .orderInGroup = ++order,
                    .width = W::Long,
                    .displayName = "Transformation type for " + alias});
        def.define({.name = prefix + "negate",
                    .type = T::Boolean,
                    .defaultValue = ConfigDef::Value(false),
                    .importance = I::Medium,
                    .documentation = "Whether the configured predicate should be negated.",
                    .group = group,
                    .orderInGroup = ++order,
                    .width = W::Short,
                    .displayName = "Negate"});
        def.define({.name = prefix + "predicate",
                    .type = T::String,
                    .defaultValue = ConfigDef::Value{},
                    .importance = I::Medium,
                    .documentation = "The alias of a predicate used to determine whether to apply this "
                                     "transformation.",
                    .group = group,
                    .orderInGroup = ++order,
                    .width = W::Medium,
                    .displayName = "Predicate"});
    }
    for (const auto& alias : aliases(connector_keys::kPredicates)) {
        const std::string prefix = "predicates." + alias + ".";
        std::string group = kPredicatesGroup;
        group += ": ";
        group += alias;
        def.define({.name = prefix + "type",
                    .type = T::Class,
                    .defaultValue = std::nullopt,
                    .importance = I::High,
                    .documentation = "Class for the '" + alias + "' predicate.",
                    .group = std::move(group),
                    .orderInGroup = 1,
                    .width = W::Long,
                    .displayName = "Predicate type for " + alias});
    }
    return def;
}

ConfigKeyInfo toConfigKeyInfo(const sdk::ConfigDef::Key& key)
{
    ConfigKeyInfo info;
    info.name = key.name;
    info.type = ConfigDef::typeName(key.type);
    info.required = key.required();
    if (key.defaultValue) {
        info.defaultValue = ConfigDef::convertToString(*key.defaultValue, key.type);
    }
    info.importance = ConfigDef::importanceName(key.importance);
    if (!key.documentation.empty()) {
        info.documentation = key.documentation;
    }
    if (!key.group.empty()) {
        info.group = key.group;
    }
    info.orderInGroup = key.orderInGroup;
    info.width = ConfigDef::widthName(key.width);
    info.displayName = key.displayName.empty() ? key.name : key.displayName;
    info.dependents = key.dependents;
    return info;
}

namespace {

// The converter class keys with the worker's converters as defaults and the installed classes as
// recommended values (ConnectorConfig.enrich with the worker config, Connect 4.1).
ConfigDef withConverterCatalog(const ConfigDef& def, const ConverterCatalog& catalog)
{
    using namespace connector_keys;
    const auto fullName = [&catalog](const std::string& name) {
        const std::string full = catalog.fullClassName ? catalog.fullClassName(name) : std::string();
        return full.empty() ? name : full;
    };
    ConfigDef out;
    for (ConfigDef::Key key : def.keys()) {
        const std::string* worker = nullptr;
        if (key.name == kKeyConverter) {
            worker = &catalog.workerKeyConverter;
        } else if (key.name == kValueConverter) {
            worker = &catalog.workerValueConverter;
        } else if (key.name == kHeaderConverter) {
            worker = &catalog.workerHeaderConverter;
        }
        if (worker != nullptr) {
            if (!worker->empty()) {
                key.defaultValue = ConfigDef::Value(fullName(sdk::javaTrim(*worker)));
            }
            key.recommendedValues =
                key.name == kHeaderConverter ? catalog.headerConverters : catalog.converters;
        }
        out.define(std::move(key));
    }
    return out;
}

} // namespace

ConfigInfos validateConnectorProps(const std::string& classNameAsGiven, ConnectorType type,
                                   const sdk::ConfigDef& pluginDef,
                                   const std::vector<sdk::ConfigDef::ConfigValue>& pluginValues,
                                   const ConfigMap& props, const ClassExists& classExists,
                                   const ConverterCatalog* catalog)
{
    // AbstractHerder.validateConnectorConfig: framework keys first, then the connector's own;
    // a connector value for a key replaces the framework's value for that key.
    ConfigDef framework = enrichedConnectorConfigDef(type, props);
    if (catalog != nullptr) {
        framework = withConverterCatalog(framework, *catalog);
    }
    std::vector<ConfigDef::ConfigValue> values = framework.validate(props);
    if (type == ConnectorType::Sink) {
        validateSink(props, values);
    }
    for (auto& cv : values) {
        const ConfigDef::Key* key = framework.find(cv.name);
        const auto* cls = std::get_if<std::string>(&cv.value);
        if (key != nullptr && key->type == ConfigDef::Type::Class && cls != nullptr && classExists) {
            const std::string kind = classKindOf(cv.name);
            if (!kind.empty() && !classExists(kind, *cls)) {
                cv.errors.push_back("Invalid value " + *cls + " for configuration " + cv.name + ": Class " +
                                    *cls + " could not be found.");
                cv.value = std::monostate{}; // a CLASS that does not load is a parse error: null
            } else if (catalog != nullptr && catalog->fullClassName &&
                       (kind == "converter" || kind == "header_converter")) {
                // A CLASS value is shown as Class.getName(): an alias by its full name.
                if (std::string full = catalog->fullClassName(*cls); !full.empty()) {
                    cv.value = std::move(full);
                }
            }
        }
    }

    std::vector<const ConfigDef::Key*> keys;
    std::map<std::string, std::size_t> keyIndex;
    std::vector<std::string> groups;
    const auto addKeys = [&](const ConfigDef& def) {
        for (const auto& k : def.keys()) {
            if (auto it = keyIndex.find(k.name); it != keyIndex.end()) {
                keys[it->second] = &k;
            } else {
                keyIndex.emplace(k.name, keys.size());
                keys.push_back(&k);
            }
        }
        for (const auto& g : def.groups()) {
            if (std::find(groups.begin(), groups.end(), g) == groups.end()) {
                groups.push_back(g);
            }
        }
    };
    addKeys(framework);
    addKeys(pluginDef);

    std::map<std::string, const ConfigDef::ConfigValue*> valueByName;
    for (const auto& cv : values) {
        valueByName[cv.name] = &cv;
    }
    for (const auto& cv : pluginValues) {
        valueByName[cv.name] = &cv;
    }

    ConfigInfos infos;
    infos.name = classNameAsGiven;
    infos.groups = groups;
    const auto toValueInfo = [](const ConfigDef::ConfigValue& cv, std::optional<ConfigDef::Type> keyType) {
        ConfigValueInfo vi;
        vi.name = cv.name;
        vi.value = keyType ? ConfigDef::convertToString(cv.value, *keyType)
                           : (std::holds_alternative<std::monostate>(cv.value)
                                  ? std::nullopt
                                  : std::optional<std::string>(ConfigDef::valueText(cv.value)));
        vi.recommendedValues = cv.recommendedValues;
        vi.errors = cv.errors;
        vi.visible = cv.visible;
        return vi;
    };
    // Values without a definition come first (AbstractHerder.generateResult).
    const auto listUndefined = [&](const std::vector<ConfigDef::ConfigValue>& list) {
        for (const auto& cv : list) {
            if (keyIndex.count(cv.name) == 0 && valueByName[cv.name] == &cv) {
                infos.configs.push_back({std::nullopt, toValueInfo(cv, std::nullopt)});
                infos.errorCount += static_cast<int>(cv.errors.size());
            }
        }
    };
    listUndefined(values);
    listUndefined(pluginValues);
    for (const ConfigDef::Key* key : keys) {
        ConfigInfo info;
        info.definition = toConfigKeyInfo(*key);
        if (auto it = valueByName.find(key->name); it != valueByName.end()) {
            info.value = toValueInfo(*it->second, key->type);
            infos.errorCount += static_cast<int>(it->second->errors.size());
        }
        infos.configs.push_back(std::move(info));
    }
    return infos;
}

namespace {

// Java's String.hashCode over the UTF-16 code units of a UTF-8 string.
std::int32_t javaStringHash(const std::string& utf8)
{
    std::uint32_t h = 0;
    const auto add = [&h](std::uint32_t unit) { h = 31 * h + unit; };
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t len = 1;
        std::uint32_t cp = lead;
        if (lead >= 0xF0) {
            len = 4;
            cp = lead & 0x07U;
        } else if (lead >= 0xE0) {
            len = 3;
            cp = lead & 0x0FU;
        } else if (lead >= 0xC0) {
            len = 2;
            cp = lead & 0x1FU;
        }
        for (std::size_t k = 1; k < len && i + k < utf8.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3FU);
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            add(0xD800 + (cp >> 10));
            add(0xDC00 + (cp & 0x3FFU));
        } else {
            add(cp);
        }
        i += len;
    }
    return static_cast<std::int32_t>(h);
}

} // namespace

std::vector<std::size_t> javaHashMapOrder(const std::vector<std::string>& names)
{
    // A HashMap starts with 16 buckets and doubles when it holds more than 3/4 of its capacity;
    // a key's bucket is (h ^ h >>> 16) & (capacity - 1), and a bucket keeps insertion order (a
    // resize splits buckets without reordering). Buckets only become trees past 8 colliding keys.
    std::size_t capacity = 16;
    while (names.size() * 4 > capacity * 3) {
        capacity *= 2;
    }
    std::vector<std::size_t> bucket(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto h = static_cast<std::uint32_t>(javaStringHash(names[i]));
        bucket[i] = (h ^ (h >> 16)) & (capacity - 1);
    }
    std::vector<std::size_t> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&bucket](std::size_t a, std::size_t b) { return bucket[a] < bucket[b]; });
    return order;
}

ConfigInfos validateConverterProps(const std::string& classKey, const sdk::ConfigDef& converterDef,
                                   const std::string& converterType, const ConfigMap& props)
{
    // AbstractHerder.validateConverterConfig: Utils.entriesWithPrefix(config, "<classKey>.", true)
    // plus converter.type put if absent, validated by the converter's ConfigDef; the answer
    // (prefixedConfigInfos) walks ConfigDef.validate's values, which come out of a HashMap.
    const std::string prefix = classKey + ".";
    ConfigMap own;
    for (const auto& [key, value] : props) {
        if (key.rfind(prefix, 0) == 0) {
            own.emplace(key.substr(prefix.size()), value);
        }
    }
    own.emplace("converter.type", converterType);
    const std::vector<ConfigDef::ConfigValue> values = converterDef.validate(own);
    std::vector<std::string> names;
    names.reserve(values.size());
    for (const auto& cv : values) {
        names.push_back(cv.name);
    }
    ConfigInfos infos;
    for (const std::size_t i : javaHashMapOrder(names)) {
        const ConfigDef::ConfigValue& cv = values[i];
        const ConfigDef::Key* key = converterDef.find(cv.name);
        if (key == nullptr) {
            continue;
        }
        ConfigInfo info;
        info.definition = toConfigKeyInfo(*key);
        info.definition->name = prefix + key->name; // display_name stays unprefixed, as Apache's
        if (!key->group.empty() &&
            std::find(infos.groups.begin(), infos.groups.end(), key->group) == infos.groups.end()) {
            infos.groups.push_back(key->group);
        }
        ConfigValueInfo value;
        value.name = prefix + cv.name;
        value.value = ConfigDef::convertToString(cv.value, key->type);
        value.recommendedValues = cv.recommendedValues;
        value.errors = cv.errors;
        value.visible = cv.visible;
        infos.errorCount += static_cast<int>(cv.errors.size());
        info.value = std::move(value);
        infos.configs.push_back(std::move(info));
    }
    return infos;
}

void appendConverterConfigInfos(ConfigInfos& infos, const ConfigMap& props,
                                const ConverterConfigLookup& lookup)
{
    struct Slot {
        const char* classKey;
        const char* converterType;
    };
    // AbstractHerder.validateConnectorConfig merges header, key, then value converter results.
    static constexpr Slot kSlots[] = {{connector_keys::kHeaderConverter, "header"},
                                      {connector_keys::kKeyConverter, "key"},
                                      {connector_keys::kValueConverter, "value"}};
    for (const Slot& slot : kSlots) {
        const auto raw = props.find(slot.classKey);
        if (raw == props.end()) {
            continue; // the worker's converter: not part of the connector's validation
        }
        const auto entry =
            std::find_if(infos.configs.begin(), infos.configs.end(), [&slot](const ConfigInfo& ci) {
                return ci.value && ci.value->name == slot.classKey;
            });
        if (entry != infos.configs.end() && !entry->value->errors.empty()) {
            continue;
        }
        const std::optional<ConfigDef> def = lookup ? lookup(sdk::javaTrim(raw->second)) : std::nullopt;
        if (!def) {
            continue;
        }
        ConfigInfos more = validateConverterProps(slot.classKey, *def, slot.converterType, props);
        infos.errorCount += more.errorCount;
        for (auto& g : more.groups) {
            if (std::find(infos.groups.begin(), infos.groups.end(), g) == infos.groups.end()) {
                infos.groups.push_back(std::move(g));
            }
        }
        for (auto& ci : more.configs) {
            infos.configs.push_back(std::move(ci));
        }
    }
}

std::string invalidConfigMessage(const ConfigInfos& infos)
{
    std::string msg = "Connector configuration is invalid and contains the following " +
                      std::to_string(infos.errorCount) + " error(s):";
    for (const auto& c : infos.configs) {
        if (c.value) {
            for (const auto& e : c.value->errors) {
                msg += "\n" + e;
            }
        }
    }
    msg += "\nYou can also find the above list of errors at the endpoint "
           "`/connector-plugins/{connectorType}/config/validate`";
    return msg;
}

ConnectorConfig ConnectorConfig::parse(ConnectorType type, const ConfigMap& props)
{
    using namespace connector_keys;
    const ConfigDef::Parsed p = enrichedConnectorConfigDef(type, props).parse(props);
    ConnectorConfig c;
    c.name = p.getString(kName);
    c.connectorClass = p.getString(kConnectorClass);
    c.tasksMax = p.getInt(kTasksMax);
    c.tasksMaxEnforce = p.getBool(kTasksMaxEnforce);
    c.keyConverter = p.getString(kKeyConverter);
    c.valueConverter = p.getString(kValueConverter);
    c.headerConverter = p.getString(kHeaderConverter);
    c.transforms = p.getList(kTransforms);
    c.predicates = p.getList(kPredicates);
    c.errors.toleranceAll = p.getString(kErrorsTolerance) == "all";
    c.errors.retryTimeoutMs = p.getLong(kErrorsRetryTimeout);
    c.errors.retryDelayMaxMs = p.getLong(kErrorsRetryDelayMax);
    c.errors.logEnable = p.getBool(kErrorsLogEnable);
    c.errors.logIncludeMessages = p.getBool(kErrorsLogIncludeMessages);
    if (type == ConnectorType::Sink) {
        c.topics = p.getList(kTopics);
        c.topicsRegex = p.getString(kTopicsRegex);
        c.errors.dlqTopic = p.getString(kDlqTopic);
        c.errors.dlqReplicationFactor = p.getShort(kDlqReplicationFactor);
        c.errors.dlqContextHeaders = p.getBool(kDlqContextHeaders);
    }
    c.raw = props;
    return c;
}

} // namespace connectdesk::runtime
