// A sink task: receives batches of records from Kafka and writes them out; the runtime commits
// consumer offsets once flush succeeded (org.apache.kafka.connect.sink.SinkTask, spec §6.5).
#pragma once

#include "connectdesk/sdk/config_map.h"
#include "connectdesk/sdk/connector_context.h"
#include "connectdesk/sdk/sink_record.h"

#include <string>
#include <vector>

namespace connectdesk::sdk {

class SinkTask {
public:
    virtual ~SinkTask();

    virtual std::string version() const = 0;
    virtual void start(const ConfigMap& props) = 0;
    // Newly assigned partitions (after a rebalance), before records of them are put.
    virtual void open(const std::vector<TopicPartition>& partitions);
    // May throw RetriableException: the same batch is delivered again.
    virtual void put(std::vector<SinkRecord>& records) = 0;
    // Make everything put so far durable.
    virtual void flush(const TopicPartitionOffsets& currentOffsets);
    // Offsets safe to commit; default flushes and returns currentOffsets.
    virtual TopicPartitionOffsets preCommit(const TopicPartitionOffsets& currentOffsets);
    // Partitions revoked or lost; the framework has committed what could be committed.
    virtual void close(const std::vector<TopicPartition>& partitions);
    virtual void stop() = 0;

    void initialize(SinkTaskContext& context) { m_context = &context; }

protected:
    SinkTaskContext& context() { return *m_context; }

private:
    SinkTaskContext* m_context = nullptr;
};

} // namespace connectdesk::sdk
