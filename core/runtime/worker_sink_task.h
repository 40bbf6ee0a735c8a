// Runs one sink task: consumes its topics in group connect-<name> (earliest, no auto-commit),
// converts batches into SinkRecords for put(), lets rebalances drive open/close, and commits
// offset+1 of what was delivered only after flush/preCommit succeeded (spec §6.2, §6.5, §10.4).
#pragma once

#include "runtime/kafka_clients.h"
#include "runtime/retry_with_tolerance.h"
#include "runtime/sampled_rate.h"
#include "runtime/task_setup.h"
#include "runtime/worker_task.h"
#include "transforms/transformation_chain.h"

#include <connectdesk/sdk/sink_task.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace connectdesk::runtime {

class WorkerSinkTask : public WorkerTask {
public:
    WorkerSinkTask(TaskSetup setup, std::unique_ptr<sdk::SinkTask> task, TaskStatusListener& listener,
                   TargetState initialState);
    ~WorkerSinkTask() override;
    MetricsSnapshot metrics() const override;

protected:
    void initializeAndStart() override;
    void execute() override;
    void close() override;

private:
    class Context;
    friend class Context;
    static void rebalanceCallback(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t* partitions, void* opaque);
    void onAssign(rd_kafka_topic_partition_list_t* partitions);
    void onRevoke(rd_kafka_topic_partition_list_t* partitions, bool lost);
    void pollAndConvert(int timeoutMs);
    // A record at the end of m_batch, a spent one when there is one (its buffers kept).
    sdk::SinkRecord& appendRecord();
    // Takes the last record of m_batch back to the spent ones.
    void unappendRecord();
    // Empties m_batch; its records, moved out by put() or not, become spent ones.
    void clearBatch();
    // Wakes librdkafka's fetcher when the consumer queue ran below queued.min.messages (see .cpp).
    void wakeIdleFetcher();
    void runFetchWaker();
    void stopFetchWaker();
    void deliver();
    // Commits current offsets of the given partitions (all assigned when empty); sync on
    // revocation/stop, async otherwise.
    void commit(const std::vector<sdk::TopicPartition>& partitions, bool sync);
    void setPaused(bool paused);
    void sendToDlq(const rd_kafka_message_t* message, const char* stage, const std::string& className,
                   const std::string& error);

    TaskSetup m_setup;
    std::unique_ptr<sdk::SinkTask> m_task;
    std::unique_ptr<Context> m_context;
    RdKafkaPtr m_consumer;
    RdKafkaQueuePtr m_queue;
    RdKafkaPtr m_dlqProducer;
    ErrorMetrics m_errors;
    std::unique_ptr<RetryWithTolerance> m_retry;
    transforms::TransformationChain<sdk::SinkRecord> m_chain;
    std::set<sdk::TopicPartition> m_assigned;
    std::set<sdk::TopicPartition> m_userPaused; // paused through the task context
    std::int64_t m_fetchWakeBelow = 0;          // the consumer's queued.min.messages
    bool m_streaming = false;                   // a consume call returned records within the last second
    std::chrono::steady_clock::time_point m_lastRecordAt; // when one last did
    bool m_fetchWakeArmed = false; // the queue was near queued.min.messages since the last wake-up
    std::chrono::steady_clock::time_point m_lastFetchWake{};
    sdk::TopicPartition m_lastWoken;
    // The thread that sends the wake-up queries (started at the first one), and its request.
    std::thread m_fetchWaker;
    std::mutex m_wakeMutex;
    std::condition_variable m_wakeCv;
    std::optional<sdk::TopicPartition> m_wakeTarget; // a query to send or in flight
    bool m_wakerStop = false;
    bool m_consumerPaused = false;        // every partition paused (task paused or redelivery)
    std::vector<sdk::SinkRecord> m_batch; // converted, awaiting a successful put
    // Records of delivered batches, rebuilt in place for the next ones: a record built anew costs
    // an allocation for each of its topic (twice, with the original topic) and its text.
    std::vector<sdk::SinkRecord> m_spentRecords;
    sdk::TopicPartitionOffsets m_batchOffsets; // offset+1 of every consumed record in m_batch
    sdk::TopicPartitionOffsets m_currentOffsets;
    sdk::TopicPartitionOffsets m_lastCommitted;
    sdk::TopicPartitionOffsets m_rewinds;
    std::int64_t m_timeoutMs = -1;
    bool m_commitRequested = false;
    std::exception_ptr m_callbackError;
    std::int64_t m_commitSeq = 0;

    std::atomic<std::int64_t> m_readTotal{0};
    std::atomic<std::int64_t> m_sendTotal{0};
    std::atomic<std::int64_t> m_commitCompletions{0};
    // sink-record-read-rate / -send-rate, offset-commit-completion-rate, once per loop turn.
    SampledRate m_readRate{SampledRate::Config::fromWorker(m_setup.worker)};
    SampledRate m_sendRate{SampledRate::Config::fromWorker(m_setup.worker)};
    SampledRate m_commitRate{SampledRate::Config::fromWorker(m_setup.worker)};
    AvgMaxStat m_putTime;
};

} // namespace connectdesk::runtime
