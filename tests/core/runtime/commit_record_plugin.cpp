// A source whose task overrides commitRecord(): it returns `count` numbered records (source
// partition {"source": "numbers"}, offset {"n": i}) to `topic`, and appends "<i>@<kafka offset>" to
// `log.file` for every commitRecord() call (or "<i>@null" for a record dropped before Kafka). The
// worker must keep these records until their acknowledgement and hand each one back.
//
// With `partitions` = N the task (InterleavedPartitionsTask) does not use commitRecord(): records
// come in runs of 7 per source partition, record i in {"source": "numbers-<(i / 7) % N>"}, built
// once per partition and shared by its records, except every fifth record, which gets its own equal
// copy of the map (the worker must see both as one partition).
//
// Faults: with `fail.after` = N, every poll() once N records were returned throws a
// ConnectException; with `retriable.at` = N, the first poll() from record N on throws a
// RetriableException, once. stop() appends "stop" to `log.file`, or "stop while polling" if a
// poll() is running meanwhile: the worker must stop a task only after its last poll() returned.
#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/plugin.h>
#include <connectdesk/sdk/schema.h>
#include <connectdesk/sdk/source_connector.h>
#include <connectdesk/sdk/source_task.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace sdk = connectdesk::sdk;

class CommitRecordConnector : public sdk::SourceConnector {
public:
    std::string version() const override { return "1.0"; }
    sdk::ConfigDef config() const override { return {}; }
    void start(const sdk::ConfigMap& props) override { m_props = props; }
    std::string taskClass() const override
    {
        return m_props.count("partitions") != 0 ? "test.InterleavedPartitionsTask" : "test.CommitRecordTask";
    }
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
        if (auto it = props.find("log.file"); it != props.end()) {
            m_log.open(it->second, std::ios::app);
        }
        if (auto it = props.find("block.until.file"); it != props.end()) {
            m_blockUntil = it->second;
        }
        if (auto it = props.find("fail.after"); it != props.end()) {
            m_failAfter = std::stoll(it->second);
        }
        if (auto it = props.find("retriable.at"); it != props.end()) {
            m_retriableAt = std::stoll(it->second);
        }
        if (auto it = props.find("partitions"); it != props.end()) {
            for (int p = 0; p < std::stoi(it->second); ++p) {
                m_partitions.push_back(std::make_shared<const sdk::OffsetMap>(
                    sdk::OffsetMap{{"source", sdk::Value("numbers-" + std::to_string(p))}}));
            }
        }
    }
    std::vector<sdk::SourceRecord> poll() override
    {
        m_polling = true;
        struct Done {
            std::atomic<bool>& flag;
            ~Done() { flag = false; }
        } done{m_polling};
        if (m_failAfter >= 0 && m_next >= m_failAfter) {
            throw sdk::ConnectException("poll() failed on purpose after " + std::to_string(m_next) +
                                        " records");
        }
        if (m_retriableAt >= 0 && m_next >= m_retriableAt) {
            m_retriableAt = -1;
            throw sdk::RetriableException("poll() failed on purpose, once, at record " +
                                          std::to_string(m_next));
        }
        std::vector<sdk::SourceRecord> out;
        while (m_next < m_count && out.size() < 1000) {
            sdk::Value value("record " + std::to_string(m_next));
            if (m_partitions.size() <= 1) {
                out.emplace_back(sdk::OffsetMap{{"source", sdk::Value("numbers")}},
                                 sdk::OffsetMap{{"n", sdk::Value(m_next)}}, m_topic,
                                 sdk::Schema::stringSchema(), std::move(value));
            } else {
                const sdk::SharedOffsetMap& shared =
                    m_partitions[static_cast<std::size_t>(m_next / 7) % m_partitions.size()];
                sdk::OffsetMap offset{{"n", sdk::Value(m_next)}};
                if (m_next % 5 == 4) {
                    out.emplace_back(sdk::OffsetMap(*shared), std::move(offset), m_topic, std::nullopt,
                                     nullptr, sdk::Value(), sdk::Schema::stringSchema(), std::move(value));
                } else {
                    out.emplace_back(shared, std::move(offset), m_topic, std::nullopt, nullptr, sdk::Value(),
                                     sdk::Schema::stringSchema(), std::move(value));
                }
            }
            ++m_next;
        }
        if (out.empty() && !m_blockUntil.empty()) {
            // Once everything is sent, one poll() blocks until the test creates the file (at most
            // 60 s), as a source waiting for new data does.
            std::ofstream(m_blockUntil + ".blocking").put('\n');
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (!std::filesystem::exists(m_blockUntil) && std::chrono::steady_clock::now() < deadline) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            m_blockUntil.clear();
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
    void stop() override
    {
        m_log << (m_polling ? "stop while polling\n" : "stop\n");
        m_log.flush();
    }

private:
    std::atomic<bool> m_polling{false};
    std::int64_t m_failAfter = -1;
    std::int64_t m_retriableAt = -1;
    std::string m_topic;
    std::int64_t m_count = 0;
    std::int64_t m_next = 0;
    std::ofstream m_log;
    std::string m_blockUntil;
    std::vector<sdk::SharedOffsetMap> m_partitions;
};

// The same task with `partitions` set: it does not use commitRecord() (asked before start()).
class InterleavedPartitionsTask : public CommitRecordTask {
public:
    bool usesCommitRecord() const override { return false; }
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
    d.sourceTasks.push_back(
        {"test.InterleavedPartitionsTask", [] { return std::make_unique<InterleavedPartitionsTask>(); }});
    return d;
}

} // namespace

CONNECTDESK_PLUGIN(describe)
