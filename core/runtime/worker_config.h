// The worker's own configuration (WorkerConfig + StandaloneConfig, spec/connect-data-and-config.md
// §4.1–4.2) parsed once into typed values. Apache's shipped connect-standalone.properties is
// accepted unchanged: obsolete keys are reported as warnings, unknown keys are kept as originals.
#pragma once

#include "runtime/client_override_policy.h"
#include "runtime/herder.h"

#include <connectdesk/sdk/config_def.h>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace connectdesk::runtime {

class ConfigProviders;

struct WorkerConfig {
    std::string bootstrapServers = "localhost:9092";
    // bootstrap.servers=sandbox (or connectdesk.sandbox=true) runs an in-process mock cluster.
    bool sandbox = false;
    std::string keyConverter;
    std::string valueConverter;
    std::string headerConverter = "org.apache.kafka.connect.storage.SimpleHeaderConverter";
    std::int64_t taskShutdownGracefulTimeoutMs = 5000;
    std::int64_t offsetFlushIntervalMs = 60000;
    std::int64_t offsetFlushTimeoutMs = 5000;
    std::vector<std::string> pluginPath;
    std::vector<std::string> listeners{"http://:8083"};
    std::string offsetStorageFile;
    // Where connector configs and target states are persisted (ConnectDesk extension); default
    // <offset.storage.file.filename>.connectors.json.
    std::string connectorStorageFile;
    bool topicTrackingEnable = true;
    bool topicTrackingAllowReset = true;
    // KIP-158: source connectors' topic.creation.* settings apply only when this is on.
    bool topicCreationEnable = true;
    // connector.client.config.override.policy (KIP-458), All unless set.
    ClientOverridePolicy clientOverridePolicy;
    // config.providers (never null after parse; empty when none are configured).
    std::shared_ptr<const ConfigProviders> configProviders;
    ConfigMap originals;               // with config provider references resolved
    std::vector<std::string> warnings; // obsolete keys seen, to be logged by the caller

    // Throws sdk::ConfigException with Apache's wording (e.g. a missing offset.storage.file.filename).
    static WorkerConfig parse(const ConfigMap& props);
    static sdk::ConfigDef definition();

    // Prefix-stripped worker props for a converter / producer / consumer (spec §4.4).
    ConfigMap withPrefix(const std::string& prefix) const;
};

// Reads a Java .properties file (key=value or key:value, # and ! comments, \ continuations,
// escapes). Throws std::runtime_error when the file cannot be read.
ConfigMap readPropertiesFile(const std::string& path);
// The same from a stream (pasted text, a file already read).
ConfigMap parseProperties(std::istream& in);
// A connector file: .properties, or JSON (a flat string map or {"name":…,"config":{…}}).
ConfigMap readConnectorFile(const std::string& path);
// The JSON part of readConnectorFile on text; `origin` names it in errors. The "name" of a
// {"name":…,"config":{…}} request lands in the map's "name".
ConfigMap parseConnectorJson(const std::string& text, const std::string& origin);

} // namespace connectdesk::runtime
