// A test connector plugin whose Connector::start blocks (60 s by default), loaded from plugin.path
// like any third-party plugin: the herder, REST and other connectors must not wait for it (issue #5).
// Config: block.ms (how long start blocks), marker.file (touched when start is entered, so a test
// knows the block has begun; "<marker>.returned" is touched when start returns).
#include <connectdesk/sdk/plugin.h>
#include <connectdesk/sdk/source_connector.h>
#include <connectdesk/sdk/source_task.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace {

using connectdesk::sdk::ConfigDef;
using connectdesk::sdk::ConfigMap;

constexpr const char* kConnectorClass = "com.connectdesk.test.faults.BlockingSourceConnector";
constexpr const char* kTaskClass = "com.connectdesk.test.faults.IdleSourceTask";
constexpr const char* kVersion = "1.0-test";

ConfigDef blockingConfigDef()
{
    ConfigDef def;
    def.define({.name = "block.ms",
                .type = ConfigDef::Type::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{60000}),
                .importance = ConfigDef::Importance::High,
                .documentation = "How long start() blocks"});
    def.define({.name = "marker.file",
                .type = ConfigDef::Type::String,
                .defaultValue = ConfigDef::Value(std::string()),
                .importance = ConfigDef::Importance::Low,
                .documentation = "Touched when start() is entered; <file>.returned when it returns"});
    return def;
}

void touch(const std::string& path)
{
    if (path.empty()) {
        return;
    }
    if (std::FILE* f = std::fopen(path.c_str(), "w")) {
        std::fclose(f);
    }
}

class BlockingSourceConnector : public connectdesk::sdk::SourceConnector {
public:
    std::string version() const override { return kVersion; }
    ConfigDef config() const override { return blockingConfigDef(); }
    void start(const ConfigMap& props) override
    {
        const auto parsed = blockingConfigDef().parse(props);
        const std::string marker = parsed.getString("marker.file");
        touch(marker);
        // The hang being simulated: a connector stuck in a remote call with no timeout.
        std::this_thread::sleep_for(std::chrono::milliseconds(parsed.getLong("block.ms")));
        touch(marker.empty() ? marker : marker + ".returned");
        m_props = props;
    }
    std::string taskClass() const override { return kTaskClass; }
    std::vector<ConfigMap> taskConfigs(int) override { return {m_props}; }
    void stop() override {}

private:
    ConfigMap m_props;
};

class IdleSourceTask : public connectdesk::sdk::SourceTask {
public:
    std::string version() const override { return kVersion; }
    void start(const ConfigMap&) override {}
    std::vector<connectdesk::sdk::SourceRecord> poll() override
    {
        // Nothing to produce; return within the second the SDK asks for.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return {};
    }
    void stop() override {}
};

connectdesk::sdk::PluginDescriptor describe()
{
    connectdesk::sdk::PluginDescriptor d;
    d.name = "faults-blocking";
    d.version = kVersion;
    d.connectors.push_back({kConnectorClass, {}, d.version, connectdesk::sdk::ConnectorKind::Source, [] {
                                return std::make_unique<BlockingSourceConnector>();
                            }});
    d.sourceTasks.push_back({kTaskClass, [] { return std::make_unique<IdleSourceTask>(); }});
    return d;
}

} // namespace

CONNECTDESK_PLUGIN(describe)
