#include "runtime/embedded_worker.h"

#include "converters/converter_registry.h"
#include "kafka/sandbox_cluster.h"
#include "runtime/kafka_clients.h"
#include "runtime/logging.h"

#if __has_include("rest/rest_server.h")
#include "rest/rest_server.h"
#define CONNECTDESK_HAVE_REST 1
#endif

#include <QHostInfo>
#include <QStandardPaths>

#include <future>
#include <stdexcept>

namespace connectdesk::runtime {

struct EmbeddedWorker::Sandbox {
    kafka::SandboxCluster cluster;
};

struct EmbeddedWorker::Rest {
#ifdef CONNECTDESK_HAVE_REST
    std::unique_ptr<rest::RestServer> server;
#endif
    std::string url;
};

namespace {

void replaceAll(std::string& s, const std::string& from, const std::string& to)
{
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
    }
}

ConfigMap expand(ConfigMap props)
{
    const std::string stateDir = EmbeddedWorker::defaultStateDir();
    const std::string home = QStandardPaths::writableLocation(QStandardPaths::HomeLocation).toStdString();
    for (auto& [k, v] : props) {
        replaceAll(v, "${connectdesk.state.dir}", stateDir);
        replaceAll(v, "${user.home}", home);
    }
    return props;
}

// The worker id Apache shows in status: advertised host (or this host's name) and REST port.
std::string computeWorkerId(const ConfigMap& props, const std::vector<std::string>& listeners)
{
    std::string host = QHostInfo::localHostName().toStdString();
    std::string port = "8083";
    if (!listeners.empty()) {
        const auto& l = listeners.front();
        const auto colon = l.rfind(':');
        if (colon != std::string::npos && colon + 1 < l.size() && l.find("//") < colon) {
            port = l.substr(colon + 1);
            const std::string h = l.substr(l.find("//") + 2, colon - l.find("//") - 2);
            if (!h.empty()) {
                host = h;
            }
        }
    }
    if (auto it = props.find("rest.advertised.host.name"); it != props.end() && !it->second.empty()) {
        host = it->second;
    }
    if (auto it = props.find("rest.advertised.port"); it != props.end() && !it->second.empty()) {
        port = it->second;
    }
    return host + ":" + port;
}

std::string realClusterId(const std::string& bootstrap)
{
    try {
        auto rk = makeClient(RD_KAFKA_PRODUCER, makeClientConf({{"bootstrap.servers", bootstrap}}));
        char* id = rd_kafka_clusterid(rk.get(), 10000);
        if (id == nullptr) {
            return {};
        }
        std::string out(id);
        rd_kafka_mem_free(rk.get(), id);
        return out;
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace

std::string EmbeddedWorker::defaultStateDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return (base + QStringLiteral("/connectdesk/worker")).toStdString();
}

EmbeddedWorker::EmbeddedWorker(ConfigMap workerProperties)
    : EmbeddedWorker(std::move(workerProperties), Options{})
{
}

EmbeddedWorker::EmbeddedWorker(ConfigMap workerProperties, Options options)
    : m_options(options), m_props(expand(std::move(workerProperties))), m_config(WorkerConfig::parse(m_props))
{
}

EmbeddedWorker::~EmbeddedWorker()
{
    stop();
}

void EmbeddedWorker::start()
{
    auto log = areaLogger("worker");
    for (const auto& w : m_config.warnings) {
        log->warn("{}", w);
        m_messages.push_back(w);
    }
    if (m_config.sandbox) {
        m_sandbox = std::make_unique<Sandbox>();
        m_sandbox->cluster.start();
        m_bootstrap = m_sandbox->cluster.bootstrapServers();
        // Sink consumers of the sandbox need its consumer defaults (short fetch wait) or they idle
        // while the mock's 5 MiB retention overtakes them (docs/sandbox.md); user values win.
        for (const auto& [k, v] : kafka::SandboxCluster::consumerDefaults()) {
            m_config.originals.emplace("consumer." + k, v);
        }
        m_clusterId = m_sandbox->cluster.clusterId();
        log->warn("Using the {} at {}: topics and records are lost when the worker exits",
                  kafka::SandboxCluster::kLabel, m_bootstrap);
    } else {
        m_bootstrap = m_config.bootstrapServers;
        m_clusterId = realClusterId(m_bootstrap);
        if (m_clusterId.empty()) {
            log->warn("Could not read the Kafka cluster id from {} within 10 s; is the broker reachable?",
                      m_bootstrap);
        }
    }

    m_plugins = std::make_unique<Plugins>();
    const auto dirs = m_config.pluginPath.empty() ? defaultPluginDirs() : m_config.pluginPath;
    for (const auto& p : m_plugins->loadPluginPath(dirs)) {
        m_messages.push_back(p);
    }
    m_plugins->addBuiltinConverters();
    if (m_plugins->connectors().empty()) {
        const std::string msg = "No connector plugins found in plugin.path; only the REST API will be usable";
        log->warn("{}", msg);
        m_messages.push_back(msg);
    }

    // originals: the worker properties with config provider references resolved.
    std::string workerId = computeWorkerId(m_config.originals, m_config.listeners);
    m_herder = std::make_unique<StandaloneHerder>(m_config, *m_plugins, workerId, m_bootstrap, m_clusterId);

    // The REST server binds before the herder starts (it serves nothing until this thread's event
    // loop runs), so a listener on port 0 gives the worker id its real port.
    m_rest = std::make_unique<Rest>();
    if (m_options.startRest) {
#ifdef CONNECTDESK_HAVE_REST
        m_rest->server = std::make_unique<rest::RestServer>(
            *m_herder, rest::RestServerConfig::fromWorkerProperties(m_config.originals));
        // Timeouts name the stage the request waited for (spec REST §2.4); the server is destroyed
        // before the herder in stop().
        m_rest->server->setStageLookup([herder = m_herder.get()](const std::string& connector) {
            std::optional<rest::WorkerStage> out;
            if (auto s = herder->stage(connector)) {
                out = rest::WorkerStage{s->description, s->startedMs, s->completedMs};
            }
            return out;
        });
        std::string error;
        if (!m_rest->server->start(error)) {
            throw std::runtime_error(
                "Failed to start the REST server on " +
                (m_config.listeners.empty() ? std::string() : m_config.listeners.front()) + ": " + error);
        }
        const auto ports = m_rest->server->boundPorts();
        m_rest->url =
            "http://localhost:" + (ports.empty() ? std::string("8083") : std::to_string(ports.front()));
        log->info("REST server listening on {}", m_rest->url);
        if (!ports.empty() && workerId.size() > 2 && workerId.compare(workerId.size() - 2, 2, ":0") == 0) {
            workerId = workerId.substr(0, workerId.size() - 1) + std::to_string(ports.front());
            m_herder->setWorkerId(workerId);
        }
#else
        // REST: core/rest is not part of this build yet; the worker runs headless without it.
        log->warn("This build has no REST server (core/rest missing); running without listeners");
#endif
    }
    for (const auto& m : m_herder->start()) {
        m_messages.push_back(m);
    }
    log->info("Worker {} started (Kafka cluster id '{}')", workerId, m_clusterId);
}

void EmbeddedWorker::putConnector(const ConfigMap& config)
{
    auto it = config.find("name");
    if (it == config.end() || it->second.empty()) {
        throw std::runtime_error("Connector config has no 'name'");
    }
    std::promise<Result<PutConfigOutcome>> p;
    auto f = p.get_future();
    m_herder->putConnectorConfig(it->second, config, std::nullopt, true,
                                 [&p](Result<PutConfigOutcome> r) { p.set_value(std::move(r)); });
    const auto r = f.get();
    if (!r.ok()) {
        throw std::runtime_error("Failed to create connector " + it->second + ": " + r.error->message);
    }
    areaLogger("worker")->info("Connector {} {}", it->second, r.value->created ? "created" : "updated");
}

void EmbeddedWorker::stop()
{
    if (m_rest) {
#ifdef CONNECTDESK_HAVE_REST
        m_rest->server.reset();
#endif
        m_rest.reset();
    }
    if (m_herder) {
        m_herder->stop();
        m_herder.reset();
    }
    if (m_sandbox) {
        m_sandbox->cluster.stop();
        m_sandbox.reset();
    }
}

std::string EmbeddedWorker::restUrl() const
{
    return m_rest ? m_rest->url : std::string();
}

} // namespace connectdesk::runtime
