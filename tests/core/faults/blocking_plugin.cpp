// A test connector plugin whose Connector::start blocks (60 s by default), loaded from plugin.path
// like any third-party plugin: the herder, REST and other connectors must not wait for it (issue #5).
// Config: block.ms (how long start blocks), marker.file (touched when start is entered, so a test
// knows the block has begun; "<marker>.returned" is touched when start returns). Its task returns
// `records` records on its first poll (source partition {"source":"blocking"}, offsets {"n":1..N},
// to `topic`) and then blocks poll.block.ms in every later poll.
#include <connectdesk/sdk/plugin.h>
#include <connectdesk/sdk/schema.h>
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
    def.define({.name = "topic",
                .type = ConfigDef::Type::String,
                .defaultValue = ConfigDef::Value(std::string()),
                .importance = ConfigDef::Importance::Low,
                .documentation = "Where the task's records go"});
    def.define({.name = "records",
                .type = ConfigDef::Type::Int,
                .defaultValue = ConfigDef::Value(std::int32_t{0}),
                .importance = ConfigDef::Importance::Low,
                .documentation = "How many records the first poll returns"});
    def.define({.name = "poll.block.ms",
                .type = ConfigDef::Type::Long,
                .defaultValue = ConfigDef::Value(std::int64_t{200}),
                .importance = ConfigDef::Importance::Low,
                .documentation = "How long every later poll blocks"});
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
    void start(const ConfigMap& props) override
    {
        const auto parsed = blockingConfigDef().parse(props);
        m_topic = parsed.getString("topic");
        m_records = parsed.getInt("records");
        m_pollBlockMs = parsed.getLong("poll.block.ms");
    }
    std::vector<connectdesk::sdk::SourceRecord> poll() override
    {
        using connectdesk::sdk::Value;
        std::vector<connectdesk::sdk::SourceRecord> out;
        if (m_first && m_records > 0) {
            for (std::int32_t i = 1; i <= m_records; ++i) {
                out.emplace_back(connectdesk::sdk::OffsetMap{{"source", Value(std::string("blocking"))}},
                                 connectdesk::sdk::OffsetMap{{"n", Value(std::int64_t{i})}}, m_topic,
                                 connectdesk::sdk::Schema::stringSchema(),
                                 Value("record-" + std::to_string(i)));
            }
        } else {
            // A poll that waits for data which does not come (a quiet remote system).
            std::this_thread::sleep_for(std::chrono::milliseconds(m_pollBlockMs));
        }
        m_first = false;
        return out;
    }
    void stop() override {}

private:
    std::string m_topic;
    std::int32_t m_records = 0;
    std::int64_t m_pollBlockMs = 200;
    bool m_first = true;
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
