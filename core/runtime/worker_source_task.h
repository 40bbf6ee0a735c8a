// Runs one source task: poll → (transforms) → converters → produce with delivery reports, and
// commits source offsets only for acknowledged records, per source partition never past an
// unacknowledged earlier one (spec/connect-data-and-config.md §6.1, §6.3, §10.3).
//
// Threads: the task thread runs poll() and sends; a committer thread of the task serves the
// producer's delivery reports (so commitRecord() runs there, as on Apache's producer callback
// thread) and commits every offset.flush.interval.ms whatever poll() is doing, paused or not
// (Apache's SourceTaskOffsetCommitter). close() joins the committer before the final commit and
// before the producer and the SDK task go away.
#pragma once

#include "runtime/kafka_clients.h"
#include "runtime/retry_with_tolerance.h"
#include "runtime/sampled_rate.h"
#include "runtime/task_setup.h"
#include "runtime/topic_creation.h"
#include "runtime/worker_task.h"
#include "transforms/transformation_chain.h"

#include <connectdesk/sdk/source_task.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace connectdesk::runtime {

class WorkerSourceTask : public WorkerTask {
public:
    WorkerSourceTask(TaskSetup setup, std::unique_ptr<sdk::SourceTask> task, TaskStatusListener& listener,
                     TargetState initialState);
    ~WorkerSourceTask() override;
    MetricsSnapshot metrics() const override;

    // Submitted-but-unacknowledged bookkeeping of one record (SubmittedRecords).
    struct Submitted {
        sdk::SourceRecord record;
        bool acked = false;
        WorkerSourceTask* owner = nullptr;
    };

protected:
    void initializeAndStart() override;
    void execute() override;
    void close() override;

private:
    class Context;
    void sendBatch();
    void onDelivery(const rd_kafka_message_t* message);
    // Moves the acknowledged prefix of every partition's queue into m_committable.
    void collectCommittable();
    bool commitOffsets();
    // The committer thread's loop: serves delivery reports and commits at a fixed delay until
    // m_committerStop or the task is asked to stop (Apache removes the committer at stopTask).
    void runCommitter();
    void stopCommitter();
    std::string fatalSendError() const;
    // SourceTask::commitRecord()/commit(): an exception is logged, as Apache does, never thrown.
    void commitTaskRecord(const sdk::SourceRecord& record, const sdk::RecordMetadata* metadata);
    void commitSourceTask();
    static void deliveryCallback(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);

    TaskSetup m_setup;
    std::unique_ptr<sdk::SourceTask> m_task;
    std::unique_ptr<Context> m_context;
    RdKafkaPtr m_producer;
    std::unique_ptr<TopicCreator> m_topicCreator; // null unless topic.creation.* applies (§5.4)
    ErrorMetrics m_errors;
    std::unique_ptr<RetryWithTolerance> m_retry;
    transforms::TransformationChain<sdk::SourceRecord> m_chain;
    std::vector<sdk::SourceRecord> m_toSend;
    std::size_t m_toSendIndex = 0;
    // Guards m_pending, every Submitted::acked and m_fatalSendError: the task thread's send path
    // and the delivery callback (on the committer thread, or the task thread in close()) share them.
    mutable std::mutex m_pendingMutex;
    // One FIFO per source partition, keyed by its JSON text (deterministic for std::map keys).
    std::map<std::string, std::pair<sdk::OffsetMap, std::deque<std::unique_ptr<Submitted>>>> m_pending;
    // Serializes commits (committer thread, final commit in close()); guards m_committable.
    std::mutex m_commitMutex;
    std::map<std::string, std::pair<sdk::OffsetMap, sdk::OffsetMap>> m_committable;
    std::string m_fatalSendError;
    std::thread m_committer;
    std::atomic<bool> m_committerStop{false};
    sdk::Bytes m_keyBuf;
    sdk::Bytes m_valueBuf;

    std::atomic<std::int64_t> m_pollTotal{0};
    std::atomic<std::int64_t> m_writeTotal{0};
    std::atomic<std::int64_t> m_activeCount{0};
    std::atomic<std::int64_t> m_activeMax{0};
    AvgMaxStat m_pollTime;
    // source-record-poll-rate per poll() batch (task thread), source-record-write-rate per
    // acknowledgement (committer thread); SampledRate::record locks.
    SampledRate m_pollRate{SampledRate::Config::fromWorker(m_setup.worker)};
    SampledRate m_writeRate{SampledRate::Config::fromWorker(m_setup.worker)};
};

} // namespace connectdesk::runtime
