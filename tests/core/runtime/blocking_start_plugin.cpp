// A connector plugin whose start() blocks until a file named by its `release.file` config exists:
// loaded from plugin.path like any plugin, so the whole worker (REST included) sees a connector
// stuck in "starting the connector".
#include <connectdesk/sdk/plugin.h>
#include <connectdesk/sdk/source_connector.h>
#include <connectdesk/sdk/source_task.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace {

namespace sdk = connectdesk::sdk;

class BlockingStartConnector : public sdk::SourceConnector {
public:
    std::string version() const override { return "1.0"; }
    sdk::ConfigDef config() const override { return {}; }
    void start(const sdk::ConfigMap& props) override
    {
        const auto it = props.find("release.file");
        const std::string release = it == props.end() ? std::string() : it->second;
        // Bounded, so a failed test cannot leave the worker's shutdown waiting forever.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!release.empty() && !std::filesystem::exists(release) &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    std::string taskClass() const override { return "test.IdleSourceTask"; }
    std::vector<sdk::ConfigMap> taskConfigs(int) override { return {sdk::ConfigMap{}}; }
    void stop() override {}
};

class IdleSourceTask : public sdk::SourceTask {
public:
    std::string version() const override { return "1.0"; }
    void start(const sdk::ConfigMap&) override {}
    std::vector<sdk::SourceRecord> poll() override
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return {};
    }
    void stop() override {}
};

sdk::PluginDescriptor describe()
{
    sdk::PluginDescriptor d;
    d.name = "test-blocking-start";
    d.version = "1.0";
    d.connectors.push_back({"test.BlockingStartConnector", {}, d.version, sdk::ConnectorKind::Source, [] {
                                return std::make_unique<BlockingStartConnector>();
                            }});
    d.sourceTasks.push_back({"test.IdleSourceTask", [] { return std::make_unique<IdleSourceTask>(); }});
    return d;
}

} // namespace

CONNECTDESK_PLUGIN(describe)
