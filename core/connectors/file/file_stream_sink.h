// FileStreamSink: appends the text of each record's value as one line to a file (or standard
// output) (FileStreamSinkConnector/Task, spec §7.2).
#pragma once

#include <connectdesk/sdk/sink_connector.h>
#include <connectdesk/sdk/sink_task.h>

#include <cstdio>
#include <string>

namespace connectdesk::connectors::file {

inline constexpr const char* kSinkConnectorClass = "org.apache.kafka.connect.file.FileStreamSinkConnector";
inline constexpr const char* kSinkTaskClass = "org.apache.kafka.connect.file.FileStreamSinkTask";

class FileStreamSinkConnector : public sdk::SinkConnector {
public:
    std::string version() const override;
    sdk::ConfigDef config() const override;
    void start(const sdk::ConfigMap& props) override;
    std::string taskClass() const override { return kSinkTaskClass; }
    std::vector<sdk::ConfigMap> taskConfigs(int maxTasks) override;
    void stop() override {}
    bool alterOffsets(const sdk::ConfigMap&,
                      const std::map<sdk::TopicPartition, std::optional<std::int64_t>>&) override
    {
        return true; // the framework owns sink offsets entirely (spec §7.2)
    }

private:
    sdk::ConfigMap m_props;
};

class FileStreamSinkTask : public sdk::SinkTask {
public:
    ~FileStreamSinkTask() override;
    std::string version() const override;
    void start(const sdk::ConfigMap& props) override;
    void put(std::vector<sdk::SinkRecord>& records) override;
    void flush(const sdk::TopicPartitionOffsets& currentOffsets) override;
    void stop() override;

private:
    std::string m_filename;
    std::FILE* m_out = nullptr;
    std::string m_line; // reused per record
};

// Appends Java's String.valueOf(value), for the values a FileStream sink usually sees, to `out`.
void appendValueText(std::string& out, const sdk::Value& value);

} // namespace connectdesk::connectors::file
