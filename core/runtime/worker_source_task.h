// Runs one source task: poll → (transforms) → converters → produce with delivery reports, and
// commits source offsets only for acknowledged records, per source partition never past an
// unacknowledged earlier one (spec/connect-data-and-config.md §6.1, §6.3, §10.3).
//
// Threads: the task thread runs poll(), sends, and serves the producer's delivery reports between
// poll() batches (librdkafka then frees each message on the thread that allocated it). A committer
// thread of the task serves them whenever the task thread has not for 20 ms (poll() blocks, the
// task is paused), so acknowledgements and commitRecord() wait at most about 25 ms for a poll()
// that blocks; one thread at a time, never both. The committer commits every offset.flush.interval.ms
// whatever poll() is doing, paused or not (Apache's SourceTaskOffsetCommitter). close() joins the committer
// before the final commit and before the producer and the SDK task go away.
#pragma once

#include "runtime/ack_window.h"
#include "runtime/kafka_clients.h"
#include "runtime/retry_with_tolerance.h"
#include "runtime/sampled_rate.h"
#include "runtime/task_setup.h"
#include "runtime/topic_creation.h"
#include "runtime/worker_task.h"
#include "transforms/transformation_chain.h"

#include <connectdesk/sdk/source_task.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace connectdesk::runtime {

class WorkerSourceTask : public WorkerTask {
public:
    WorkerSourceTask(TaskSetup setup, std::unique_ptr<sdk::SourceTask> task, TaskStatusListener& listener,
                     TargetState initialState);
    ~WorkerSourceTask() override;
    MetricsSnapshot metrics() const override;

    // Submitted-but-unacknowledged bookkeeping (Apache's SubmittedRecords), one PartitionQueue per
    // source partition. Records are numbered per queue (AckWindow); librdkafka's opaque carries the
    // queue's id and the record's number, or, when the task uses commitRecord(), its Kept entry.
    // A task that does not keep its records keeps a copy of its source offset every
    // kCheckpointEvery-th record of a queue, and the newest registered record's once per queue
    // (PartitionQueue::newestOffset).
    struct Kept {
        std::unique_ptr<sdk::SourceRecord> record; // moved here after conversion, never copied
        std::uint32_t queue = 0;                   // PartitionQueue::id
        std::uint32_t seq = 0;                     // low 32 bits of its number
    };
    struct Checkpoint {
        std::uint64_t seq = 0;
        sdk::OffsetMap offset;
    };
    // The committable offset is never past an unacknowledged record: the last acknowledged
    // checkpoint's (at most kCheckpointEvery - 1 records behind the acknowledged prefix), or, once
    // every record is acknowledged, the newest registered record's — so a drained queue (end of
    // input, a stop, a flush) commits exactly. Apache commits the last acknowledged record's offset
    // every time; a commit taken while records of the partition are still in flight may here be up to
    // 31 records older (more duplicates after a crash, never a lost record). Tasks that use
    // commitRecord() keep every record and are exact.
    struct PartitionQueue {
        sdk::OffsetMap partition;
        std::uint32_t id = 0; // index in m_queueById
        // Task thread only: the shared map of the last record found to be of this partition, so
        // the records that share it (one per task, as FileStreamSource builds it) match without a
        // map comparison.
        sdk::SharedOffsetMap lastShared;
        // m_pendingMutex held for these four.
        AckWindow window;
        std::deque<Checkpoint> checkpoints;        // records that do not keep their record: every 32nd
        std::deque<Kept> kept;                     // records kept for commitRecord(): [head, tail) of window
        std::optional<sdk::OffsetMap> ackedOffset; // committable, not yet collected
        int sinceCheckpoint = 0;                   // task thread only
        // The offset of the last record registered here (m_pendingMutex held). Two slots used in
        // turn, so a record that is not sent after all gives the previous one back. An offset with
        // the same keys as the slot's (every record of a task, as a rule) assigns only the values;
        // copy-assigning the map would destroy and rebuild each entry (key and value) in its node.
        const sdk::OffsetMap& newestOffset() const { return newest[newestIndex]; }
        void setNewestOffset(const sdk::OffsetMap& offset)
        {
            sdk::OffsetMap& slot = newest[1 - newestIndex];
            if (slot.size() == offset.size() &&
                std::equal(slot.begin(), slot.end(), offset.begin(),
                           [](const auto& a, const auto& b) { return a.first == b.first; })) {
                auto to = slot.begin();
                for (const auto& entry : offset) {
                    (to++)->second = entry.second;
                }
            } else {
                slot = offset;
            }
            newestIndex = 1 - newestIndex;
        }
        void revertNewestOffset() { newestIndex = 1 - newestIndex; }
        sdk::OffsetMap newest[2];
        int newestIndex = 0;
    };
    static constexpr int kCheckpointEvery = 32;
    // Records in flight (sent, not yet acknowledged) are bounded, as Apache bounds them with the
    // producer's buffer.memory: poll() is not called again while either bound is reached.
    struct InFlightLimit {
        std::int64_t records = 0;
        std::int64_t bytes = 0;
        // producer.buffer.memory / producer.override.buffer.memory (Apache's name and default,
        // 32 MiB) for the bytes of keys, values and headers; for the records, librdkafka's
        // batch.num.messages (a full request's worth; librdkafka's default 10,000 when unset) times
        // (max.in.flight.requests.per.connection + 2): 30,000 with Apache's forced 1 in flight.
        static InFlightLimit fromProducerProps(const ConfigMap& producerProps);
        // The task resumes once an eighth of the bound is free again: acknowledgements come a
        // request (thousands of records) at a time, and waiting for half of the bound to drain
        // left the producer without a full request queued behind the one in flight.
        std::int64_t resumeRecords() const { return records - std::max<std::int64_t>(1, records / 8); }
        std::int64_t resumeBytes() const { return bytes - std::max<std::int64_t>(1, bytes / 8); }
    };

protected:
    void initializeAndStart() override;
    void execute() override;
    void close() override;

private:
    class Context;
    void sendBatch();
    // Blocks the task thread while the in-flight bound is reached; false when stopping.
    bool awaitInFlightRoom();
    // A topic's handle and what the committer last learned of its partition count.
    struct TopicHandle {
        rd_kafka_topic_t* rkt = nullptr;
        // 0 while unknown. With exactly one partition a record without one goes to partition 0
        // without librdkafka's partitioner (its lock, availability check and clock reads per
        // record): the partition any partitioner would pick.
        std::atomic<std::int32_t> partitions{0};
        std::int64_t checkedAtMs = std::numeric_limits<std::int64_t>::min() / 2; // committer only
    };
    TopicHandle& topicHandle(const std::string& topic);
    // Committer thread: asks the broker for the partition count of topics unknown for a second,
    // and of every topic every kPartitionCountRefreshMs (librdkafka's and Java's producers
    // refresh their metadata every 5 minutes; a topic that gains partitions is seen sooner here).
    void refreshPartitionCounts();
    static constexpr std::int64_t kPartitionCountRefreshMs = 30000;
    void onDelivery(const rd_kafka_message_t* message);
    // Serves delivery reports for up to timeoutMs, then, once per call instead of once per record:
    // takes the acknowledged prefixes out of their queues, releases their in-flight room and adds
    // them to the write rate and total. m_serveMutex held.
    void serveDeliveries(int timeoutMs);
    // The task thread serves the delivery reports between its poll() batches, so librdkafka frees
    // each message on the thread that allocated it (glibc's malloc takes a lock of the allocating
    // thread's arena for every message freed on another thread). False when the committer holds
    // m_serveMutex: it is serving them.
    bool serveDeliveriesOnTaskThread(int timeoutMs);
    // The committer serves them only while the task thread has not for kTaskServingGraceMs: while
    // poll() blocks, while paused, after a failure.
    bool taskThreadServes() const;
    // After `slot`'s acknowledged prefix grew from `before`: releases what it passed and sets the
    // committable offset (m_pendingMutex held).
    void releaseAcknowledged(PartitionQueue& slot, std::uint64_t before);
    // Moves every partition's acknowledged offset (PartitionQueue::ackedOffset) into m_committable.
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
    sdk::SourceRecordBatch m_toSend;
    // Up to this many records stay in m_toSend, spent, for the next poll to reuse.
    static constexpr std::size_t kKeptBatchCapacity = 4096;
    std::size_t m_toSendIndex = 0;
    // Guards m_pending, m_queueById and m_fatalSendError: the task thread's send path and the thread
    // serving delivery reports (whichever holds m_serveMutex) share them.
    mutable std::mutex m_pendingMutex;
    // The partitions' queues, keyed by the partition's JSON text (deterministic for std::map keys).
    // Entries are never erased before close(), so a PartitionQueue's address is stable; std::deque
    // keeps its elements' addresses on push_back/pop_front/pop_back, so librdkafka's opaque can
    // point to a Kept entry.
    std::map<std::string, PartitionQueue> m_pending;
    std::vector<PartitionQueue*> m_queueById;
    // Task thread only: the queue of the previous record, reused while the partition is the same
    // (a source usually returns runs of one partition), which saves its JSON key and map lookup.
    PartitionQueue* m_lastQueue = nullptr;
    InFlightLimit m_limit;
    std::atomic<std::int64_t> m_activeBytes{0};
    std::mutex m_inFlightMutex;
    std::condition_variable m_inFlightCv;
    std::atomic<bool> m_inFlightWaiting{false};
    // Topic handles by name: added by the task thread, read by the committer, m_topicsMutex held;
    // destroyed before the producer in close(). A handle's address is stable.
    std::mutex m_topicsMutex;
    std::map<std::string, std::unique_ptr<TopicHandle>> m_topics;
    TopicHandle* m_lastTopic = nullptr; // task thread: the previous record's, reused for the same name
    std::string m_lastTopicName;
    // Held while serving delivery reports: the task thread between poll() batches, the committer
    // while the task thread does not (taskThreadServes()), the task thread again in close().
    std::mutex m_serveMutex;
    static constexpr std::int64_t kTaskServingGraceMs = 20;
    std::atomic<std::int64_t> m_taskServedAtMs{std::numeric_limits<std::int64_t>::min() / 2};
    // Delivery reports counted by onDelivery and not yet accounted for by serveDeliveries()
    // (m_serveMutex held, as for m_ackRuns and m_metadata).
    std::int64_t m_acksToRecord = 0;     // acknowledged: write rate and total
    std::int64_t m_reportsToRelease = 0; // any outcome: in-flight records
    std::int64_t m_bytesToRelease = 0;   // and their bytes
    // Acknowledged records not yet applied to their queues' windows, as runs of consecutive numbers
    // (a request's records come back together, in order): applied under one m_pendingMutex lock.
    struct AckRun {
        std::uint32_t queue = 0;
        std::uint32_t seq = 0;
        std::uint32_t count = 0;
    };
    std::vector<AckRun> m_ackRuns;
    sdk::RecordMetadata m_metadata; // for commitRecord(), same threads as m_acksToRecord
    bool m_keepRecords = true;      // the task's usesCommitRecord(), read at start
    // Serializes commits (committer thread, final commit in close()); guards m_committable.
    std::mutex m_commitMutex;
    std::map<std::string, std::pair<sdk::OffsetMap, sdk::OffsetMap>> m_committable;
    std::string m_fatalSendError;
    std::atomic<bool> m_fatalSendFlag{false}; // m_fatalSendError is set: stop sending at once
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
    // acknowledgement (the thread serving delivery reports); SampledRate::record locks.
    SampledRate m_pollRate{SampledRate::Config::fromWorker(m_setup.worker)};
    SampledRate m_writeRate{SampledRate::Config::fromWorker(m_setup.worker)};
};

} // namespace connectdesk::runtime
