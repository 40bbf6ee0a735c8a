// FileStreamSource: reads lines of a file (or standard input) into a topic, one record per line,
// resuming from the stored byte position (FileStreamSourceConnector/Task, spec §7.1).
#pragma once

#include <connectdesk/sdk/source_connector.h>
#include <connectdesk/sdk/source_task.h>

#include <cstdio>
#include <string>

namespace connectdesk::connectors::file {

inline constexpr const char* kSourceConnectorClass =
    "org.apache.kafka.connect.file.FileStreamSourceConnector";
inline constexpr const char* kSourceTaskClass = "org.apache.kafka.connect.file.FileStreamSourceTask";

class FileStreamSourceConnector : public sdk::SourceConnector {
public:
    std::string version() const override;
    sdk::ConfigDef config() const override;
    void start(const sdk::ConfigMap& props) override;
    std::string taskClass() const override { return kSourceTaskClass; }
    std::vector<sdk::ConfigMap> taskConfigs(int maxTasks) override;
    void stop() override {}
    bool alterOffsets(const sdk::ConfigMap& connectorConfig,
                      const std::vector<sdk::SourceOffsetChange>& offsets) override;

private:
    sdk::ConfigMap m_props;
};

class FileStreamSourceTask : public sdk::SourceTask {
public:
    ~FileStreamSourceTask() override;
    std::string version() const override;
    void start(const sdk::ConfigMap& props) override;
    std::vector<sdk::SourceRecord> poll() override;
    void pollInto(sdk::SourceRecordBatch& records) override;
    void stop() override;
    // Like Apache's FileStreamSourceTask, it has no commitRecord(): the worker need not keep records.
    bool usesCommitRecord() const override { return false; }

private:
    bool openStream();
    // Takes one complete line out of m_buffer (`line` views it until the buffer next changes);
    // false when no full line is buffered yet.
    bool extractLine(std::string_view& line);
    void compactBuffer();

    std::string m_filename; // empty: stdin
    std::string m_topic;
    sdk::SharedOffsetMap m_partition; // {"filename": file or null}: the same for every record
    int m_batchSize = 2000;
    std::FILE* m_stream = nullptr;
    std::int64_t m_streamOffset = 0; // byte position just after the last extracted line
    std::string m_buffer;
    std::size_t m_bufferPos = 0;            // start of the unread part of m_buffer (compacted lazily)
    std::size_t m_lfAt = std::string::npos; // index of the next \n in m_buffer, when known
    std::size_t m_lfScanFrom = 0;           // m_buffer holds no \n before this index
    bool m_needMore = false; // the last poll found no line in a full buffer: read past kReadAhead
    static constexpr std::size_t kReadAhead = std::size_t{64} * 1024;
};

} // namespace connectdesk::connectors::file
