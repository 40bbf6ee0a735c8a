#include "runtime/worker_sink_task.h"

#include "runtime/logging.h"

#include <connectdesk/sdk/errors.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>

namespace connectdesk::runtime {

using Clock = std::chrono::steady_clock;

namespace {

// What the key and value converters get as the record's headers: none, the raw Kafka headers are
// converted after them (no built-in converter reads headers).
const sdk::Headers kNoHeaders;

RdKafkaTopicPartitionListPtr toList(const sdk::TopicPartitionOffsets& offsets)
{
    RdKafkaTopicPartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
    for (const auto& [tp, off] : offsets) {
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = off;
    }
    return list;
}

RdKafkaTopicPartitionListPtr toList(const std::set<sdk::TopicPartition>& partitions)
{
    RdKafkaTopicPartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto& tp : partitions) {
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
    }
    return list;
}

std::vector<sdk::TopicPartition> fromList(const rd_kafka_topic_partition_list_t* list)
{
    std::vector<sdk::TopicPartition> out;
    out.reserve(static_cast<std::size_t>(list->cnt));
    for (int i = 0; i < list->cnt; ++i) {
        out.push_back({list->elems[i].topic, list->elems[i].partition});
    }
    return out;
}

} // namespace

class WorkerSinkTask::Context : public sdk::SinkTaskContext, public sdk::ErrantRecordReporter {
public:
    explicit Context(WorkerSinkTask& task)
        : m_task(task), m_configs(task.m_setup.taskConfig.begin(), task.m_setup.taskConfig.end())
    {
    }
    const sdk::ConfigMap& configs() const override { return m_configs; }
    void offset(const sdk::TopicPartitionOffsets& offsets) override
    {
        for (const auto& [tp, o] : offsets) {
            m_task.m_rewinds[tp] = o;
        }
    }
    void offset(const sdk::TopicPartition& tp, std::int64_t o) override { m_task.m_rewinds[tp] = o; }
    void timeout(std::int64_t ms) override { m_task.m_timeoutMs = ms; }
    std::set<sdk::TopicPartition> assignment() const override { return m_task.m_assigned; }
    void pause(const std::vector<sdk::TopicPartition>& partitions) override
    {
        for (const auto& tp : partitions) {
            if (m_task.m_assigned.count(tp) == 0) {
                throw sdk::IllegalWorkerStateException(
                    "SinkTasks may not pause partitions that are not currently "
                    "assigned to them.");
            }
            m_task.m_userPaused.insert(tp);
        }
        auto list = toList(std::set<sdk::TopicPartition>(partitions.begin(), partitions.end()));
        rd_kafka_pause_partitions(m_task.m_consumer.get(), list.get());
    }
    void resume(const std::vector<sdk::TopicPartition>& partitions) override
    {
        for (const auto& tp : partitions) {
            m_task.m_userPaused.erase(tp);
        }
        if (!m_task.m_consumerPaused) {
            auto list = toList(std::set<sdk::TopicPartition>(partitions.begin(), partitions.end()));
            rd_kafka_resume_partitions(m_task.m_consumer.get(), list.get());
        }
    }
    void requestCommit() override { m_task.m_commitRequested = true; }
    sdk::ErrantRecordReporter* errantRecordReporter() override
    {
        const auto& e = m_task.m_setup.connector.errors;
        return !e.dlqTopic.empty() || e.logEnable ? this : nullptr;
    }
    void report(const sdk::SinkRecord& record, const std::exception& error) override
    {
        m_task.m_errors.recordFailures++;
        m_task.m_errors.recordErrors++;
        if (!m_task.m_setup.connector.errors.toleranceAll) {
            throw sdk::ConnectException("Tolerance exceeded in error handler: " + std::string(error.what()));
        }
        m_task.m_errors.recordsSkipped++;
        areaLogger("task")->warn("{} Errant record reported for {}-{}@{}: {}", m_task.logPrefix(),
                                 record.originalTopic(), record.originalKafkaPartition(),
                                 record.originalKafkaOffset(), error.what());
    }

private:
    WorkerSinkTask& m_task;
    sdk::ConfigMap m_configs;
};

WorkerSinkTask::WorkerSinkTask(TaskSetup setup, std::unique_ptr<sdk::SinkTask> task,
                               TaskStatusListener& listener, TargetState initialState)
    : WorkerTask(setup.id, listener, initialState), m_setup(std::move(setup)), m_task(std::move(task))
{
}

WorkerSinkTask::~WorkerSinkTask()
{
    joinThread();
    stopFetchWaker(); // close() joined it already when the task thread ran
}

void WorkerSinkTask::rebalanceCallback(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                       rd_kafka_topic_partition_list_t* partitions, void* opaque)
{
    auto* self = static_cast<WorkerSinkTask*>(opaque);
    const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    try {
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            if (cooperative) {
                rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, partitions);
                if (e != nullptr) {
                    rd_kafka_error_destroy(e);
                }
            } else {
                rd_kafka_assign(rk, partitions);
            }
            self->onAssign(partitions);
        } else {
            self->onRevoke(partitions, rd_kafka_assignment_lost(rk) != 0);
            if (cooperative) {
                rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, partitions);
                if (e != nullptr) {
                    rd_kafka_error_destroy(e);
                }
            } else {
                rd_kafka_assign(rk, nullptr);
            }
        }
    } catch (...) {
        self->m_callbackError = std::current_exception();
    }
}

void WorkerSinkTask::onAssign(rd_kafka_topic_partition_list_t* partitions)
{
    m_fetchWakeArmed = true; // new fetchers: wake them once the queue is below the threshold
    const auto tps = fromList(partitions);
    for (const auto& tp : tps) {
        m_assigned.insert(tp);
    }
    if (m_consumerPaused) {
        rd_kafka_pause_partitions(m_consumer.get(), partitions);
    }
    m_task->open(tps);
}

void WorkerSinkTask::onRevoke(rd_kafka_topic_partition_list_t* partitions, bool lost)
{
    const auto tps = fromList(partitions);
    // Revoked: commit synchronously first; lost: close without committing (spec §6.5 step 6).
    if (!lost) {
        deliver(); // anything converted but not yet put belongs to the old assignment
        commit(tps, true);
    }
    m_task->close(tps);
    for (const auto& tp : tps) {
        m_assigned.erase(tp);
        m_currentOffsets.erase(tp);
        m_lastCommitted.erase(tp);
        m_userPaused.erase(tp);
    }
    clearBatch();
    m_batchOffsets.clear();
}

void WorkerSinkTask::initializeAndStart()
{
    m_retry = std::make_unique<RetryWithTolerance>(m_setup.connector.errors, m_errors,
                                                   [this] { return isStopping(); });
    createConverters(m_setup);
    if (m_setup.transforms != nullptr) {
        m_chain = transforms::TransformationChain<sdk::SinkRecord>::fromConfig(
            sdk::ConfigMap(m_setup.connector.raw.begin(), m_setup.connector.raw.end()), *m_setup.transforms);
    }
    const ConfigMap props = consumerProps(m_setup);
    if (const auto it = props.find("queued.min.messages"); it != props.end()) {
        m_fetchWakeBelow = std::atoll(it->second.c_str());
    }
    auto conf = makeClientConf(props);
    rd_kafka_conf_set_rebalance_cb(conf.get(), &WorkerSinkTask::rebalanceCallback);
    rd_kafka_conf_set_opaque(conf.get(), this);
    m_consumer = makeClient(RD_KAFKA_CONSUMER, std::move(conf));
    rd_kafka_poll_set_consumer(m_consumer.get());
    m_queue.reset(rd_kafka_queue_get_consumer(m_consumer.get()));

    if (!m_setup.connector.errors.dlqTopic.empty()) {
        m_dlqProducer =
            makeClient(RD_KAFKA_PRODUCER, makeClientConf(producerProps(m_setup, "connector-dlq-producer-")));
    }

    std::vector<std::string> subscription;
    if (!m_setup.connector.topicsRegex.empty()) {
        // librdkafka treats a leading ^ as a regex; anchor it so it must match the whole name,
        // like Java's Pattern.matcher().matches() (spec §5.3).
        subscription.push_back("^(" + m_setup.connector.topicsRegex + ")$");
    } else {
        subscription = m_setup.connector.topics;
    }
    RdKafkaTopicPartitionListPtr topics(
        rd_kafka_topic_partition_list_new(static_cast<int>(subscription.size())));
    for (const auto& t : subscription) {
        rd_kafka_topic_partition_list_add(topics.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    }
    m_context = std::make_unique<Context>(*this);
    m_task->initialize(*m_context);
    m_task->start(sdk::ConfigMap(m_setup.taskConfig.begin(), m_setup.taskConfig.end()));
    if (const auto err = rd_kafka_subscribe(m_consumer.get(), topics.get());
        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw KafkaError(err, std::string("Failed to subscribe: ") + rd_kafka_err2str(err));
    }
    areaLogger("task")->info("{} Sink task finished initialization and start", logPrefix());
}

void WorkerSinkTask::setPaused(bool paused)
{
    if (paused == m_consumerPaused) {
        return;
    }
    m_consumerPaused = paused;
    auto all = toList(m_assigned);
    if (paused) {
        rd_kafka_pause_partitions(m_consumer.get(), all.get());
    } else {
        rd_kafka_resume_partitions(m_consumer.get(), all.get());
        auto userPaused = toList(m_userPaused);
        rd_kafka_pause_partitions(m_consumer.get(), userPaused.get());
    }
}

void WorkerSinkTask::execute()
{
    const auto interval = std::chrono::milliseconds(m_setup.worker->offsetFlushIntervalMs);
    auto nextCommit = Clock::now() + interval;
    while (!isStopping()) {
        if (m_callbackError) {
            std::rethrow_exception(std::exchange(m_callbackError, nullptr));
        }
        const bool paused = checkPaused();
        if (m_commitRequested || Clock::now() >= nextCommit) {
            m_commitRequested = false;
            commit({}, false);
            nextCommit = Clock::now() + interval;
        }
        if (!m_rewinds.empty()) {
            auto list = toList(m_rewinds);
            rd_kafka_error_t* e = rd_kafka_seek_partitions(m_consumer.get(), list.get(), 5000);
            if (e != nullptr) {
                areaLogger("task")->warn("{} Seek failed: {}", logPrefix(), rd_kafka_error_string(e));
                rd_kafka_error_destroy(e);
            }
            for (const auto& [tp, o] : m_rewinds) {
                m_currentOffsets[tp] = o;
            }
            m_rewinds.clear();
        }
        m_readRate.recordTotal(m_readTotal.load());
        m_sendRate.recordTotal(m_sendTotal.load());
        m_commitRate.recordTotal(m_commitCompletions.load());
        if (paused) {
            setPaused(true);
            // Keep serving the group (heartbeats, rebalances) while delivering nothing.
            rd_kafka_event_t* ev = rd_kafka_queue_poll(m_queue.get(), 100);
            if (ev != nullptr) {
                rd_kafka_event_destroy(ev);
            }
            continue;
        }
        if (!m_batch.empty()) {
            // Redelivery after a RetriableException from put() (spec §6.5 step 4).
            if (m_timeoutMs > 0) {
                waitFor(std::chrono::milliseconds(std::exchange(m_timeoutMs, -1)));
            }
            deliver();
            continue;
        }
        setPaused(false);
        const auto untilCommit =
            std::chrono::duration_cast<std::chrono::milliseconds>(nextCommit - Clock::now()).count();
        pollAndConvert(static_cast<int>(std::clamp<std::int64_t>(untilCommit, 0, 500)));
        if (!m_batch.empty() || !m_batchOffsets.empty()) {
            deliver();
        }
    }
}

void WorkerSinkTask::wakeIdleFetcher()
{
    // librdkafka 2.0 stops fetching once the consumer queue holds queued.min.messages, and its
    // broker thread then sleeps up to a second before it looks again: nothing wakes it when the
    // application drains the queue (fetch.queue.backoff.ms only came in 2.3). A consumer that
    // drains faster than it fetches sat idle for most of that second with a queue small enough
    // to keep memory low. Any request to the partition's leader wakes its broker thread, which
    // then fetches at once: a watermark query (read-only) does, once each time the queue was seen
    // near the threshold (where the fetcher may have stopped) and then below it, at most every
    // 10 ms, and otherwise every 200 ms while below it (a fetcher stopped by
    // queued.max.messages.kbytes, or queues emptied by a pause, a seek or a rebalance, never show
    // the count near the threshold), only while records are flowing: at most 5 queries a second
    // from a sink that keeps up. Partitions are taken in turn, so every leader hears from us.
    // The query runs on m_fetchWaker: its answer can wait behind a long-polling Fetch on the
    // same connection (up to fetch.wait.max.ms), and the wake-up happens when it is sent, not
    // when it is answered.
    if (m_fetchWakeBelow <= 0 || !m_streaming || m_consumerPaused || m_assigned.empty()) {
        return;
    }
    const auto queued = static_cast<std::int64_t>(rd_kafka_queue_length(m_queue.get()));
    // Armed when the queue is within one consume call (500) or a quarter of the threshold: a
    // fetcher that stopped saw at least the threshold, and this runs before every consume call.
    if (queued >= std::min(m_fetchWakeBelow - 500, m_fetchWakeBelow * 3 / 4)) {
        m_fetchWakeArmed = true;
    }
    if (queued >= m_fetchWakeBelow) {
        return;
    }
    const auto now = Clock::now();
    if (now < (m_fetchWakeArmed ? m_lastFetchWake + std::chrono::milliseconds(10)
                                : m_lastFetchWake + std::chrono::milliseconds(200))) {
        return;
    }
    std::lock_guard lock(m_wakeMutex);
    if (m_wakeTarget) {
        return; // the previous query is still out; stay armed for the next call
    }
    auto it = m_assigned.upper_bound(m_lastWoken);
    if (it == m_assigned.end()) {
        it = m_assigned.begin();
    }
    m_lastWoken = *it;
    m_fetchWakeArmed = false;
    m_lastFetchWake = now;
    m_wakeTarget = *it;
    if (!m_fetchWaker.joinable()) {
        m_fetchWaker = std::thread([this] { runFetchWaker(); });
    }
    m_wakeCv.notify_one();
}

void WorkerSinkTask::runFetchWaker()
{
    std::unique_lock lock(m_wakeMutex);
    while (!m_wakerStop) {
        if (!m_wakeTarget) {
            m_wakeCv.wait(lock);
            continue;
        }
        const sdk::TopicPartition target = *m_wakeTarget;
        lock.unlock();
        std::int64_t low = 0;
        std::int64_t high = 0;
        // A short timeout: close() waits for this call (the wake-up happened when it was sent).
        rd_kafka_query_watermark_offsets(m_consumer.get(), target.topic.c_str(), target.partition, &low,
                                         &high, 200);
        lock.lock();
        m_wakeTarget.reset();
    }
}

void WorkerSinkTask::stopFetchWaker()
{
    {
        std::lock_guard lock(m_wakeMutex);
        m_wakerStop = true;
    }
    m_wakeCv.notify_one();
    if (m_fetchWaker.joinable()) {
        m_fetchWaker.join();
    }
}

sdk::SinkRecord& WorkerSinkTask::appendRecord()
{
    if (m_spentRecords.empty()) {
        return m_batch.emplace_back(std::string(), 0, nullptr, sdk::Value(), nullptr, sdk::Value(), 0);
    }
    sdk::SinkRecord& record = m_batch.emplace_back(std::move(m_spentRecords.back()));
    m_spentRecords.pop_back();
    return record;
}

void WorkerSinkTask::unappendRecord()
{
    m_spentRecords.push_back(std::move(m_batch.back()));
    m_batch.pop_back();
}

void WorkerSinkTask::clearBatch()
{
    // Only a key or value that is a string of up to 4 KiB stays with its spent record, for the
    // converter to write the next text into: anything else would not be reused, and one large
    // record must not pin its size for the task's lifetime.
    constexpr std::size_t kKeptBuffer = 4096;
    auto kept = [](const sdk::Value& v) {
        const auto* text = v.getIf<std::string>();
        return v.isNull() || (text != nullptr && text->capacity() <= kKeptBuffer);
    };
    for (auto& record : m_batch) {
        if (!kept(record.key())) {
            record.takeKey();
        }
        if (!kept(record.value())) {
            record.takeValue();
        }
    }
    // The smaller of the two vectors moves into the larger, which is then the spent one: a batch
    // about as large as the last moves a few records, not each.
    if (m_spentRecords.size() > m_batch.size()) {
        std::swap(m_batch, m_spentRecords);
    }
    std::move(m_spentRecords.begin(), m_spentRecords.end(), std::back_inserter(m_batch));
    m_spentRecords.clear();
    std::swap(m_batch, m_spentRecords);
}

void WorkerSinkTask::pollAndConvert(int timeoutMs)
{
    wakeIdleFetcher();
    // What is queued now, without waiting: rd_kafka_consume_batch_queue() with a timeout returns
    // only once the whole batch is there or the timeout has passed, so fewer than 500 queued
    // messages (a fetcher stopped at queued.min.messages and not yet woken, the last records of a
    // topic) waited up to 500 ms; half a second of every three went that way at 1M records.
    // Only an empty queue is waited on, and only until its first message; while records flow,
    // for at most 50 ms, so that a fetcher that stopped meanwhile is woken on time.
    rd_kafka_message_t* messages[500];
    ssize_t n = rd_kafka_consume_batch_queue(m_queue.get(), 0, messages, 500);
    if (n == 0 && timeoutMs > 0) {
        const int waitMs = m_streaming ? std::min(timeoutMs, 50) : timeoutMs;
        if (rd_kafka_message_t* first = rd_kafka_consume_queue(m_queue.get(), waitMs)) {
            messages[0] = first;
            const ssize_t more = rd_kafka_consume_batch_queue(m_queue.get(), 0, messages + 1, 499);
            n = 1 + std::max<ssize_t>(more, 0);
        }
    }
    if (n < 0) {
        throw KafkaError(rd_kafka_last_error(), "Failed to consume");
    }
    // Records flow while the last came less than a second ago: an empty poll in between (the
    // fetcher stopped, a fetch under way) must not stop the wake-ups that restart it.
    const auto now = Clock::now();
    if (n > 0) {
        m_lastRecordAt = now;
    }
    m_streaming = n > 0 || now - m_lastRecordAt < std::chrono::seconds(1);
    // Messages not yet handled when a conversion error ends the task (tolerance none) are
    // released all the same.
    struct Unhandled {
        rd_kafka_message_t** messages;
        ssize_t next = 0;
        ssize_t count;
        Unhandled(rd_kafka_message_t** all, ssize_t n) : messages(all), count(n) {}
        Unhandled(const Unhandled&) = delete;
        Unhandled(Unhandled&&) = delete;
        Unhandled& operator=(const Unhandled&) = delete;
        Unhandled& operator=(Unhandled&&) = delete;
        ~Unhandled()
        {
            for (; next < count; ++next) {
                rd_kafka_message_destroy(messages[next]);
            }
        }
    } unhandled(messages, n);
    // Messages of one poll mostly share a topic and partition: its name and its committable-offset
    // entry are looked up once per run of them, not built and searched for every record (a topic
    // name longer than 15 characters cost two allocations per record, and the map a search).
    rd_kafka_topic_t* lastTopic = nullptr;
    std::string topic;
    std::int32_t lastPartition = RD_KAFKA_PARTITION_UA;
    std::int64_t* committable = nullptr; // in m_batchOffsets: not erased while this loop runs
    for (ssize_t i = 0; i < n; ++i) {
        rd_kafka_message_t* m = messages[i];
        if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                areaLogger("task")->warn("{} Consumer error: {}", logPrefix(), rd_kafka_message_errstr(m));
            }
            rd_kafka_message_destroy(m);
            unhandled.next = i + 1;
            continue;
        }
        ++m_readTotal;
        if (m->rkt != lastTopic) {
            topic = rd_kafka_topic_name(m->rkt);
            lastTopic = m->rkt;
            committable = nullptr;
        }
        rd_kafka_timestamp_type_t tsType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
        const std::int64_t ts = rd_kafka_message_timestamp(m, &tsType);
        const auto tstype = tsType == RD_KAFKA_TIMESTAMP_CREATE_TIME ? sdk::TimestampType::CreateTime
                            : tsType == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME
                                ? sdk::TimestampType::LogAppendTime
                                : sdk::TimestampType::NoTimestampType;
        // Built at the end of the batch, over a spent record when there is one; taken out again
        // below unless it is to be put.
        sdk::SinkRecord& record = appendRecord();
        // A conversion that ends the task (tolerance none) must not leave a half-built record in
        // the batch, which a revocation would put.
        struct Unappend {
            WorkerSinkTask* task;
            ~Unappend()
            {
                if (task != nullptr) {
                    task->unappendRecord();
                }
            }
        } unappend{this};
        const char* stage = "KEY_CONVERTER";
        std::string error;
        bool ok = m_retry->run(
            [&] {
                const std::optional<sdk::ByteView> key =
                    m->key ? std::optional<sdk::ByteView>(
                                 sdk::ByteView(static_cast<const std::uint8_t*>(m->key), m->key_len))
                           : std::nullopt;
                const std::optional<sdk::ByteView> value =
                    m->payload ? std::optional<sdk::ByteView>(
                                     sdk::ByteView(static_cast<const std::uint8_t*>(m->payload), m->len))
                               : std::nullopt;
                auto slots = record.rebuildConsumed(topic, m->partition, m->offset,
                                                    tsType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
                                                        ? std::nullopt
                                                        : std::optional<std::int64_t>(ts),
                                                    tstype);
                stage = "KEY_CONVERTER";
                m_setup.keyConverter->toConnectDataInto(topic, kNoHeaders, key, slots.keySchema, slots.key);
                stage = "VALUE_CONVERTER";
                m_setup.valueConverter->toConnectDataInto(topic, kNoHeaders, value, slots.valueSchema,
                                                          slots.value);
                stage = "HEADER_CONVERTER";
                rd_kafka_headers_t* hdrs = nullptr;
                if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs != nullptr) {
                    const char* name = nullptr;
                    const void* val = nullptr;
                    size_t size = 0;
                    for (size_t idx = 0;
                         rd_kafka_header_get_all(hdrs, idx, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
                         ++idx) {
                        const std::optional<sdk::ByteView> hv =
                            val ? std::optional<sdk::ByteView>(
                                      sdk::ByteView(static_cast<const std::uint8_t*>(val), size))
                                : std::nullopt;
                        record.headers().add(name, m_setup.headerConverter->toConnectHeader(topic, name, hv));
                    }
                }
            },
            &error);
        if (ok && !m_chain.isEmpty()) {
            // SMTs after conversion (spec §6.5 step 4); a dropped record is simply not put, its
            // offset is still committed.
            std::optional<sdk::SinkRecord> out;
            // A retried transform needs the record as it was, so it gets a copy when retries are on.
            const bool transformed = m_retry->run(
                [&] {
                    out = m_chain.apply(m_retry->retries() ? sdk::SinkRecord(record) : std::move(record));
                },
                &error);
            if (!transformed) {
                const auto* failed = m_chain.lastFailedStage();
                sendToDlq(m, "TRANSFORMATION", failed ? failed->className : std::string("TRANSFORMATION"),
                          error);
                ok = false;
            } else if (!out) {
                ok = false;
            } else {
                record = std::move(*out);
            }
        } else if (!ok) {
            // §5.3: the class of the converter that failed, as Apache writes getClass().getName().
            const std::string& failedClass =
                std::string_view(stage) == "KEY_CONVERTER"     ? m_setup.keyConverterClass
                : std::string_view(stage) == "VALUE_CONVERTER" ? m_setup.valueConverterClass
                                                               : m_setup.headerConverterClass;
            sendToDlq(m, stage, failedClass.empty() ? std::string(stage) : failedClass, error);
        }
        if (ok) {
            unappend.task = nullptr;
        }
        // Only a record that was handled (put, skipped or sent to the DLQ) moves the committable
        // offset: one that failed the task (tolerance none, thrown above) is read again after a
        // restart instead of being lost.
        if (committable == nullptr || m->partition != lastPartition) {
            committable = &m_batchOffsets[sdk::TopicPartition{topic, m->partition}];
            lastPartition = m->partition;
        }
        *committable = m->offset + 1;
        rd_kafka_message_destroy(m);
        unhandled.next = i + 1;
    }
}

void WorkerSinkTask::sendToDlq(const rd_kafka_message_t* m, const char* stage, const std::string& className,
                               const std::string& error)
{
    if (m_setup.connector.errors.logEnable) {
        m_errors.errorsLogged++;
        areaLogger("task")->error("{} Error encountered in stage {} for {}-{}@{}: {}", logPrefix(), stage,
                                  rd_kafka_topic_name(m->rkt), m->partition, m->offset, error);
    }
    if (!m_dlqProducer) {
        return;
    }
    m_errors.dlqRequests++;
    rd_kafka_headers_t* hdrs = nullptr;
    rd_kafka_headers_t* original = nullptr;
    if (rd_kafka_message_headers(m, &original) == RD_KAFKA_RESP_ERR_NO_ERROR && original != nullptr) {
        hdrs = rd_kafka_headers_copy(original);
    } else {
        hdrs = rd_kafka_headers_new(10);
    }
    if (m_setup.connector.errors.dlqContextHeaders) {
        // spec §5.3: context headers, UTF-8 strings, numbers as decimal text.
        const auto add = [&](const char* k, const std::string& v) {
            rd_kafka_header_add(hdrs, k, -1, v.data(), static_cast<ssize_t>(v.size()));
        };
        add("__connect.errors.topic", rd_kafka_topic_name(m->rkt));
        add("__connect.errors.partition", std::to_string(m->partition));
        add("__connect.errors.offset", std::to_string(m->offset));
        add("__connect.errors.connector.name", m_setup.id.connector);
        add("__connect.errors.task.id", std::to_string(m_setup.id.task));
        add("__connect.errors.stage", stage);
        add("__connect.errors.class.name", className);
        add("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException");
        add("__connect.errors.exception.message", error);
        add("__connect.errors.exception.stacktrace",
            "org.apache.kafka.connect.errors.DataException: " + error);
    }
    rd_kafka_timestamp_type_t tsType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    const std::int64_t ts = rd_kafka_message_timestamp(m, &tsType);
    ProduceArgs args;
    args.topic = m_setup.connector.errors.dlqTopic.c_str();
    args.key = m->key;
    args.keyLen = m->key_len;
    args.value = m->payload;
    args.valueLen = m->len;
    args.timestamp = tsType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? 0 : ts;
    args.headers = hdrs;
    const auto err = produceCopy(m_dlqProducer.get(), args);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_headers_destroy(hdrs);
        m_errors.dlqFailures++;
    }
    rd_kafka_poll(m_dlqProducer.get(), 0);
}

void WorkerSinkTask::deliver()
{
    const auto t0 = Clock::now();
    try {
        if (!m_batch.empty()) {
            m_task->put(m_batch);
        }
    } catch (const sdk::RetriableException& e) {
        // Pause everything and redeliver the same batch next iteration (spec §6.5 step 4).
        areaLogger("task")->warn("{} RetriableException from SinkTask::put, will redeliver: {}", logPrefix(),
                                 e.what());
        setPaused(true);
        return;
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (!m_batch.empty()) {
        m_putTime.record(ms);
        m_sendTotal += static_cast<std::int64_t>(m_batch.size());
        recordBatchSize(m_batch.size());
    }
    for (const auto& [tp, o] : m_batchOffsets) {
        if (m_assigned.count(tp) != 0) {
            m_currentOffsets[tp] = o;
        }
    }
    clearBatch();
    m_batchOffsets.clear();
}

void WorkerSinkTask::commit(const std::vector<sdk::TopicPartition>& partitions, bool sync)
{
    sdk::TopicPartitionOffsets current;
    for (const auto& [tp, o] : m_currentOffsets) {
        if (m_assigned.count(tp) != 0 &&
            (partitions.empty() || std::find(partitions.begin(), partitions.end(), tp) != partitions.end())) {
            current[tp] = o;
        }
    }
    const auto t0 = Clock::now();
    sdk::TopicPartitionOffsets toCommit;
    try {
        toCommit = m_task->preCommit(current);
    } catch (const std::exception& e) {
        // Rewind to what was last committed so nothing unflushed is lost (spec §6.5 step 5).
        areaLogger("task")->error("{} Commit of offsets threw an unexpected exception: {}", logPrefix(),
                                  e.what());
        recordCommit(false, 0);
        for (const auto& [tp, o] : m_lastCommitted) {
            m_rewinds[tp] = o;
        }
        return;
    }
    sdk::TopicPartitionOffsets accepted;
    for (const auto& [tp, o] : toCommit) {
        auto it = current.find(tp);
        if (it != current.end() && o <= it->second) {
            accepted[tp] = o;
        }
    }
    bool changed = false;
    for (const auto& [tp, o] : accepted) {
        auto it = m_lastCommitted.find(tp);
        changed = changed || it == m_lastCommitted.end() || it->second != o;
    }
    if (accepted.empty() || !changed) {
        recordCommit(true, 0);
        return;
    }
    if (m_dlqProducer) {
        // Issue #4 item 4: records sent to the dead letter queue are acknowledged before the
        // offsets past them are committed; otherwise this commit waits for a later one.
        const int timeoutMs =
            static_cast<int>(m_setup.worker != nullptr ? m_setup.worker->offsetFlushTimeoutMs : 5000);
        if (rd_kafka_flush(m_dlqProducer.get(), timeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            areaLogger("task")->warn(
                "{} {} record(s) for the dead letter queue not acknowledged within {} ms; "
                "offsets not committed this time",
                logPrefix(), rd_kafka_outq_len(m_dlqProducer.get()), timeoutMs);
            recordCommit(false, 0);
            return;
        }
    }
    auto list = toList(accepted);
    ++m_commitSeq;
    const auto err = rd_kafka_commit(m_consumer.get(), list.get(), sync ? 0 : 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        areaLogger("task")->error("{} Offset commit failed: {}", logPrefix(), rd_kafka_err2str(err));
        recordCommit(false, 0);
        return;
    }
    for (const auto& [tp, o] : accepted) {
        m_lastCommitted[tp] = o;
    }
    ++m_commitCompletions;
    recordCommit(true, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
}

void WorkerSinkTask::close()
{
    stopFetchWaker(); // it uses the consumer
    if (m_consumer) {
        try {
            deliver();
        } catch (...) {
            areaLogger("task")->warn("{} put failed while stopping: {}", logPrefix(),
                                     currentExceptionTrace());
        }
        if (!m_assigned.empty()) {
            try {
                commit({}, true);
                m_task->close(std::vector<sdk::TopicPartition>(m_assigned.begin(), m_assigned.end()));
            } catch (...) {
                areaLogger("task")->warn("{} close failed: {}", logPrefix(), currentExceptionTrace());
            }
            m_assigned.clear();
        }
    }
    if (m_task) {
        try {
            m_task->stop();
        } catch (...) {
            areaLogger("task")->warn("{} Sink task stop failed: {}", logPrefix(), currentExceptionTrace());
        }
    }
    if (m_consumer) {
        // The rebalance callback must not touch the task any more while leaving the group.
        m_queue.reset();
        rd_kafka_consumer_close(m_consumer.get());
        m_consumer.reset();
    }
    if (m_dlqProducer) {
        rd_kafka_flush(m_dlqProducer.get(), 5000);
        m_dlqProducer.reset();
    }
}

MetricsSnapshot WorkerSinkTask::metrics() const
{
    MetricsSnapshot m = WorkerTask::metrics();
    m["sink-record-read-total"] = static_cast<double>(m_readTotal.load());
    m["sink-record-send-total"] = static_cast<double>(m_sendTotal.load());
    m["offset-commit-completion-total"] = static_cast<double>(m_commitCompletions.load());
    m["sink-record-read-rate"] = m_readRate.perSecond();
    m["sink-record-send-rate"] = m_sendRate.perSecond();
    m["offset-commit-completion-rate"] = m_commitRate.perSecond();
    m["put-batch-avg-time-ms"] = m_putTime.avg();
    m["put-batch-max-time-ms"] = m_putTime.max;
    m["total-record-failures"] = static_cast<double>(m_errors.recordFailures.load());
    m["total-record-errors"] = static_cast<double>(m_errors.recordErrors.load());
    m["total-records-skipped"] = static_cast<double>(m_errors.recordsSkipped.load());
    m["total-retries"] = static_cast<double>(m_errors.retries.load());
    m["total-errors-logged"] = static_cast<double>(m_errors.errorsLogged.load());
    m["deadletterqueue-produce-requests"] = static_cast<double>(m_errors.dlqRequests.load());
    m["deadletterqueue-produce-failures"] = static_cast<double>(m_errors.dlqFailures.load());
    m["last-error-timestamp"] = static_cast<double>(m_errors.lastErrorTimestamp.load());
    return m;
}

} // namespace connectdesk::runtime
