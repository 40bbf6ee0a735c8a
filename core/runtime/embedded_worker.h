// A whole standalone worker assembled from its properties: the cluster (a real one or the
// in-process sandbox), plugins from plugin.path plus the built-in converters, the stores, the
// StandaloneHerder and the REST server on `listeners`. Used by connectdesk-worker and by tests.
#pragma once

#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"
#include "runtime/worker_config.h"

#include <memory>
#include <string>
#include <vector>

namespace connectdesk::runtime {

class EmbeddedWorker {
public:
    struct Options {
        bool startRest = true;
    };

    // Expands ${connectdesk.state.dir} and ${user.home} in the values, then parses them; throws
    // sdk::ConfigException with Apache's wording for invalid worker properties.
    explicit EmbeddedWorker(ConfigMap workerProperties);
    EmbeddedWorker(ConfigMap workerProperties, Options options);
    ~EmbeddedWorker();
    EmbeddedWorker(const EmbeddedWorker&) = delete;
    EmbeddedWorker& operator=(const EmbeddedWorker&) = delete;

    // Connects to (or starts) the cluster, loads plugins and stores, restores persisted
    // connectors and binds the REST listeners. Throws std::runtime_error saying what failed.
    // The REST server needs a running Qt event loop on the calling thread afterwards.
    void start();
    // Creates or replaces (PUT semantics) a connector from a properties/JSON map; throws
    // std::runtime_error with the herder's message when it is rejected.
    void putConnector(const ConfigMap& config);
    // Stops REST, tasks and connectors (task.shutdown.graceful.timeout.ms), then the sandbox.
    void stop();

    StandaloneHerder& herder() { return *m_herder; }
    const Plugins& plugins() const { return *m_plugins; }
    const WorkerConfig& config() const { return m_config; }
    const std::string& bootstrapServers() const { return m_bootstrap; }
    // http://host:port of the first REST listener; empty when REST is off or not built.
    std::string restUrl() const;
    std::vector<std::string> startupMessages() const { return m_messages; }

    // Where ${connectdesk.state.dir} points: the per-user data dir of the worker.
    static std::string defaultStateDir();

private:
    struct Rest;
    struct Sandbox;
    Options m_options;
    ConfigMap m_props;
    WorkerConfig m_config;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<Plugins> m_plugins;
    std::unique_ptr<StandaloneHerder> m_herder;
    std::unique_ptr<Rest> m_rest;
    std::string m_bootstrap;
    std::string m_clusterId;
    std::vector<std::string> m_messages;
};

} // namespace connectdesk::runtime
