#include "runtime/worker_config.h"

#include "runtime/config_providers.h"

#include <connectdesk/sdk/errors.h>

#include <algorithm>
#include <fstream>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <sstream>
#include <stdexcept>

namespace connectdesk::runtime {

using sdk::ConfigDef;

namespace {

// Keys Apache removed long ago but its sample files (and old setups) still carry.
const std::vector<std::string> kObsoleteKeys = {"internal.key.converter",
                                                "internal.value.converter",
                                                "internal.key.converter.schemas.enable",
                                                "internal.value.converter.schemas.enable",
                                                "rest.host.name",
                                                "rest.port"};

} // namespace

sdk::ConfigDef WorkerConfig::definition()
{
    using T = ConfigDef::Type;
    using I = ConfigDef::Importance;
    ConfigDef def;
    def.define({.name = "bootstrap.servers",
                .type = T::List,
                .defaultValue = ConfigDef::Value(ConfigDef::List{"localhost:9092"}),
                .importance = I::High,
                .documentation =
                    "A list of host/port pairs to use for establishing the initial connection to the "
                    "Kafka cluster. 'sandbox' runs an in-process mock cluster."});
    def.define(
        {.name = "key.converter", .type = T::Class, .defaultValue = std::nullopt, .importance = I::High});
    def.define(
        {.name = "value.converter", .type = T::Class, .defaultValue = std::nullopt, .importance = I::High});
    def.define({.name = "header.converter",
                .type = T::Class,
                .defaultValue =
                    ConfigDef::Value(std::string("org.apache.kafka.connect.storage.SimpleHeaderConverter")),
                .importance = I::Low});
    def.define({.name = "task.shutdown.graceful.timeout.ms",
                .type = T::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{5000}),
                .importance = I::Low});
    def.define({.name = "offset.flush.interval.ms",
                .type = T::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{60000}),
                .importance = I::Low});
    def.define({.name = "offset.flush.timeout.ms",
                .type = T::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{5000}),
                .importance = I::Low});
    def.define(
        {.name = "plugin.path", .type = T::List, .defaultValue = ConfigDef::Value{}, .importance = I::Low});
    def.define({.name = "listeners",
                .type = T::List,
                .defaultValue = ConfigDef::Value(ConfigDef::List{"http://:8083"}),
                .importance = I::Low});
    def.define({.name = "offset.storage.file.filename",
                .type = T::String,
                .defaultValue = std::nullopt,
                .importance = I::High,
                .documentation = "File to store source connector offsets"});
    def.define({.name = "connectdesk.connector.storage.file",
                .type = T::String,
                .defaultValue = ConfigDef::Value{},
                .importance = I::Low,
                .documentation = "File to persist connector configs and target states; default "
                                 "<offset.storage.file.filename>.connectors.json"});
    def.define({.name = "topic.tracking.enable",
                .type = T::Boolean,
                .defaultValue = ConfigDef::Value(true),
                .importance = I::Low});
    def.define({.name = "topic.tracking.allow.reset",
                .type = T::Boolean,
                .defaultValue = ConfigDef::Value(true),
                .importance = I::Low});
    def.define({.name = "topic.creation.enable",
                .type = T::Boolean,
                .defaultValue = ConfigDef::Value(true),
                .importance = I::Low,
                .documentation =
                    "Whether to allow automatic creation of topics used by source connectors, when "
                    "source connectors are configured to create topics. Each source connector needs "
                    "to configure this with 'topic.creation.' properties."});
    def.define({.name = "connector.client.config.override.policy",
                .type = T::String,
                .defaultValue = ConfigDef::Value(std::string("All")),
                .importance = I::Medium,
                .documentation = "Which client configurations connectors may override: None, Principal or "
                                 "All (class names of Apache's policies are accepted too)."});
    def.define({.name = "config.providers",
                .type = T::List,
                .defaultValue = ConfigDef::Value(ConfigDef::List{}),
                .importance = I::Low,
                .documentation =
                    "Comma-separated names of ConfigProvider classes, loaded and used in the order "
                    "specified."});
    return def;
}

WorkerConfig WorkerConfig::parse(const ConfigMap& rawProps)
{
    // The worker's own values may use the providers too (AbstractConfig resolves its originals),
    // except plugin.path, whose raw value is used (spec §4.1).
    auto providers = std::make_shared<const ConfigProviders>(ConfigProviders::fromWorkerProperties(rawProps));
    ConfigMap props = providers->empty() ? rawProps : providers->transform(rawProps, "worker");
    if (auto it = rawProps.find("plugin.path"); it != rawProps.end()) {
        props[it->first] = it->second;
    }
    const auto p = definition().parse(props);
    WorkerConfig c;
    const auto servers = p.getList("bootstrap.servers");
    c.bootstrapServers.clear();
    for (const auto& s : servers) {
        c.bootstrapServers += (c.bootstrapServers.empty() ? "" : ",") + s;
    }
    c.sandbox = c.bootstrapServers == "sandbox";
    c.keyConverter = p.getString("key.converter");
    c.valueConverter = p.getString("value.converter");
    c.headerConverter = p.getString("header.converter");
    c.taskShutdownGracefulTimeoutMs = p.getLong("task.shutdown.graceful.timeout.ms");
    c.offsetFlushIntervalMs = p.getLong("offset.flush.interval.ms");
    c.offsetFlushTimeoutMs = p.getLong("offset.flush.timeout.ms");
    c.pluginPath = p.getList("plugin.path");
    c.listeners = p.getList("listeners");
    c.offsetStorageFile = p.getString("offset.storage.file.filename");
    c.connectorStorageFile = p.getString("connectdesk.connector.storage.file");
    if (c.connectorStorageFile.empty()) {
        c.connectorStorageFile = c.offsetStorageFile + ".connectors.json";
    }
    c.topicTrackingEnable = p.getBool("topic.tracking.enable");
    c.topicTrackingAllowReset = p.getBool("topic.tracking.allow.reset");
    c.topicCreationEnable = p.getBool("topic.creation.enable");
    c.clientOverridePolicy =
        ClientOverridePolicy::fromWorkerValue(p.getString("connector.client.config.override.policy"));
    c.configProviders = std::move(providers);
    c.originals = props;
    for (const auto& key : kObsoleteKeys) {
        if (props.count(key) != 0) {
            c.warnings.push_back("Ignoring obsolete worker property '" + key + "'");
        }
    }
    return c;
}

ConfigMap WorkerConfig::withPrefix(const std::string& prefix) const
{
    ConfigMap out;
    for (const auto& [k, v] : originals) {
        if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0) {
            out.emplace(k.substr(prefix.size()), v);
        }
    }
    return out;
}

ConfigMap readPropertiesFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("Cannot read " + path);
    }
    return parseProperties(in);
}

ConfigMap parseProperties(std::istream& in)
{
    ConfigMap out;
    std::string logical;
    std::string line;
    const auto flush = [&](const std::string& text) {
        std::size_t i = 0;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\f')) {
            ++i;
        }
        if (i >= text.size() || text[i] == '#' || text[i] == '!') {
            return;
        }
        std::string key;
        std::string value;
        bool inKey = true;
        bool sepSeen = false;
        for (; i < text.size(); ++i) {
            char c = text[i];
            if (c == '\\' && i + 1 < text.size()) {
                const char n = text[++i];
                c = n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n == 'f' ? '\f' : n;
                (inKey ? key : value) += c;
                continue;
            }
            if (inKey && (c == '=' || c == ':' || c == ' ' || c == '\t')) {
                inKey = false;
                sepSeen = c == '=' || c == ':';
                // skip whitespace and at most one separator
                while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
                    ++i;
                }
                if (!sepSeen && i + 1 < text.size() && (text[i + 1] == '=' || text[i + 1] == ':')) {
                    ++i;
                    while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
                        ++i;
                    }
                }
                continue;
            }
            (inKey ? key : value) += c;
        }
        out[key] = value;
    };
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        // Continuation: an odd number of trailing backslashes joins the next line.
        std::size_t slashes = 0;
        while (slashes < line.size() && line[line.size() - 1 - slashes] == '\\') {
            ++slashes;
        }
        std::string trimmedStart = logical.empty()
                                       ? line
                                       : line.substr(line.find_first_not_of(" \t\f") == std::string::npos
                                                         ? line.size()
                                                         : line.find_first_not_of(" \t\f"));
        if (slashes % 2 == 1) {
            logical += trimmedStart.substr(0, trimmedStart.size() - 1);
            continue;
        }
        logical += trimmedStart;
        flush(logical);
        logical.clear();
    }
    if (!logical.empty()) {
        flush(logical);
    }
    return out;
}

ConfigMap readConnectorFile(const std::string& path)
{
    const bool json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    if (!json) {
        return readPropertiesFile(path);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("Cannot read " + path);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return parseConnectorJson(ss.str(), path);
}

ConfigMap parseConnectorJson(const std::string& text, const std::string& origin)
{
    rapidjson::Document doc;
    // Numbers keep their text: Apache reads these files with Jackson, which coerces a JSON number
    // or boolean in a Map<String, String> to its text ("tasks.max": 1 is "1").
    doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.data(), text.size());
    if (doc.HasParseError()) {
        // Where, in the terms of an editor: 1-based line and column of the offending byte.
        const std::size_t at = std::min(doc.GetErrorOffset(), text.size());
        const std::size_t line = 1 + static_cast<std::size_t>(std::count(
                                         text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        const std::size_t lineStart = text.rfind('\n', at == 0 ? 0 : at - 1);
        const std::size_t column = lineStart == std::string::npos || at == 0 ? at + 1 : at - lineStart;
        throw std::runtime_error(origin + ": invalid JSON at line " + std::to_string(line) + ", column " +
                                 std::to_string(column) + ": " +
                                 rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) {
        throw std::runtime_error(origin + " is not a JSON object");
    }
    // Either a create-connector request {"name":…,"config":{…}} or a flat string map.
    const rapidjson::Value* obj = &doc;
    std::string name;
    if (doc.HasMember("config") && doc["config"].IsObject()) {
        obj = &doc["config"];
        if (doc.HasMember("name") && doc["name"].IsString()) {
            name = doc["name"].GetString();
        }
    }
    ConfigMap out;
    for (auto it = obj->MemberBegin(); it != obj->MemberEnd(); ++it) {
        if (it->value.IsBool()) {
            out[it->name.GetString()] = it->value.GetBool() ? "true" : "false";
            continue;
        }
        if (!it->value.IsString()) {
            throw std::runtime_error(origin + ": value of '" + it->name.GetString() + "' must be a string");
        }
        out[it->name.GetString()] = it->value.GetString();
    }
    if (!name.empty()) {
        out["name"] = name;
    }
    return out;
}

} // namespace connectdesk::runtime
