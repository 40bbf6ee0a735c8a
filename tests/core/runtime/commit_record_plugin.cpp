// A source whose task overrides commitRecord(): it returns `count` numbered records (source
// partition {"source": "numbers"}, offset {"n": i}) to `topic`, and appends "<i>@<kafka offset>" to
// `log.file` for every commitRecord() call (or "<i>@null" for a record dropped before Kafka). The
// worker must keep these records until their acknowledgement and hand each one back.
#include <connectdesk/sdk/plugin.h>
#include <connectdesk/sdk/schema.h>
#include <connectdesk/sdk/source_connector.h>
#include <connectdesk/sdk/source_task.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace {

namespace sdk = connectdesk::sdk;

class CommitRecordConnector : public sdk::SourceConnector {
public:
    std::string version() const override { return "1.0"; }
    sdk::ConfigDef config() const override { return {}; }
    void start(const sdk::ConfigMap& props) override { m_props = props; }
    std::string taskClass() const override { return "test.CommitRecordTask"; }
    std::vector<sdk::ConfigMap> taskConfigs(int) override { return {m_props}; }
    void stop() override {}

private:
    sdk::ConfigMap m_props;
};

class CommitRecordTask : public sdk::SourceTask {
public:
    std::string version() const override { return "1.0"; }
    void start(const sdk::ConfigMap& props) override
    {
        m_topic = props.at("topic");
        m_count = std::stoll(props.at("count"));
        m_log.open(props.at("log.file"), std::ios::app);
    }
    std::vector<sdk::SourceRecord> poll() override
    {
        std::vector<sdk::SourceRecord> out;
        while (m_next < m_count && out.size() < 1000) {
            out.emplace_back(sdk::OffsetMap{{"source", sdk::Value("numbers")}},
                             sdk::OffsetMap{{"n", sdk::Value(m_next)}}, m_topic, sdk::Schema::stringSchema(),
                             sdk::Value("record " + std::to_string(m_next)));
            ++m_next;
        }
        if (out.empty()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return out;
    }
    void commitRecord(const sdk::SourceRecord& record, const sdk::RecordMetadata* metadata) override
    {
        const auto n = record.sourceOffset().at("n").getIf<std::int64_t>();
        m_log << (n ? *n : -1) << '@' << (metadata ? std::to_string(metadata->offset) : "null") << '\n';
        m_log.flush();
    }
    void stop() override {}

private:
    std::string m_topic;
    std::int64_t m_count = 0;
    std::int64_t m_next = 0;
    std::ofstream m_log;
};

sdk::PluginDescriptor describe()
{
    sdk::PluginDescriptor d;
    d.name = "test-commit-record";
    d.version = "1.0";
    d.connectors.push_back({"test.CommitRecordConnector", {}, d.version, sdk::ConnectorKind::Source, [] {
                                return std::make_unique<CommitRecordConnector>();
                            }});
    d.sourceTasks.push_back({"test.CommitRecordTask", [] { return std::make_unique<CommitRecordTask>(); }});
    return d;
}

} // namespace

CONNECTDESK_PLUGIN(describe)
