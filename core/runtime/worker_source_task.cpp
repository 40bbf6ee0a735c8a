#include "runtime/worker_source_task.h"

#include "runtime/logging.h"
#include "runtime/offset_json.h"

#include <connectdesk/sdk/errors.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace connectdesk::runtime {

using Clock = std::chrono::steady_clock;

namespace {
std::int64_t steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}
// librdkafka's default batch.num.messages: the most records one produce request carries.
constexpr std::int64_t kDefaultBatchNumMessages = 10000;
// Requests the record bound counts past max.in.flight.requests.per.connection: the one being filled
// and one more behind it (see InFlightLimit::fromProducerProps).
constexpr std::int64_t kRequestsQueued = 2;
// A larger max.in.flight (librdkafka accepts up to 1,000,000) is left to buffer.memory to bound.
constexpr std::int64_t kMaxRequestsCounted = 16;

// librdkafka's opaque of a record of a task that does not keep its records: its queue's id + 1
// (never null) in the high half, the low 32 bits of its number in the low half.
static_assert(sizeof(void*) == sizeof(std::uint64_t));
void* encodeOpaque(std::uint32_t queue, std::uint64_t seq)
{
    // An integer token: librdkafka only hands it back in the delivery report, never dereferences it.
    return reinterpret_cast<void*>( // NOLINT(performance-no-int-to-ptr)
        ((std::uint64_t{queue} + 1) << 32) | (seq & 0xffffffffu));
}

// The bytes of a record's key, value and headers as the in-flight bound counts them, from what
// librdkafka holds: a delivery report gives them back without an entry per record on our side.
// Header names count up to their first NUL, as rd_kafka_header_get_all() returns them.
std::size_t headerBytes(const std::string& name, const std::optional<sdk::Bytes>& value)
{
    return std::strlen(name.c_str()) + (value ? value->size() : 0);
}
std::size_t deliveredBytes(const rd_kafka_message_t* message)
{
    std::size_t bytes = message->len + message->key_len;
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name = nullptr;
        const void* value = nullptr;
        std::size_t size = 0;
        for (std::size_t i = 0;
             rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
            bytes += std::strlen(name) + size;
        }
    }
    return bytes;
}
} // namespace

class WorkerSourceTask::Context : public sdk::SourceTaskContext, public sdk::OffsetStorageReader {
public:
    Context(const TaskSetup& setup)
        : m_setup(setup), m_configs(setup.taskConfig.begin(), setup.taskConfig.end())
    {
    }
    const sdk::ConfigMap& configs() const override { return m_configs; }
    sdk::OffsetStorageReader& offsetStorageReader() override { return *this; }
    std::optional<sdk::OffsetMap> offset(const sdk::OffsetMap& partition) override
    {
        return m_setup.offsets->get(m_setup.id.connector, partition);
    }

private:
    const TaskSetup& m_setup;
    sdk::ConfigMap m_configs;
};

WorkerSourceTask::WorkerSourceTask(TaskSetup setup, std::unique_ptr<sdk::SourceTask> task,
                                   TaskStatusListener& listener, TargetState initialState)
    : WorkerTask(setup.id, listener, initialState), m_setup(std::move(setup)), m_task(std::move(task))
{
}

WorkerSourceTask::~WorkerSourceTask()
{
    joinThread();
    stopCommitter(); // close() joined it already when the task thread ran
}

void WorkerSourceTask::deliveryCallback(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque)
{
    if (message->_private == nullptr) {
        return;
    }
    auto* self = static_cast<WorkerSourceTask*>(opaque);
    try {
        self->onDelivery(message);
    } catch (...) {
        // Nothing may unwind through librdkafka's C frames. A report that failed here (an
        // allocation) leaves its record unacknowledged: its partition's offsets stop advancing,
        // nothing is committed past it.
        areaLogger("task")->error("{} Handling a delivery report failed: {}", self->logPrefix(),
                                  currentExceptionTrace());
    }
}

void WorkerSourceTask::initializeAndStart()
{
    m_retry = std::make_unique<RetryWithTolerance>(m_setup.connector.errors, m_errors,
                                                   [this] { return isStopping(); });
    createConverters(m_setup);
    if (m_setup.transforms != nullptr) {
        m_chain = transforms::TransformationChain<sdk::SourceRecord>::fromConfig(
            sdk::ConfigMap(m_setup.connector.raw.begin(), m_setup.connector.raw.end()), *m_setup.transforms);
    }
    auto conf = makeClientConf(producerProps(m_setup, "connector-producer-"));
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &WorkerSourceTask::deliveryCallback);
    rd_kafka_conf_set_opaque(conf.get(), this);
    m_producer = makeClient(RD_KAFKA_PRODUCER, std::move(conf));
    if (auto creation = TopicCreation::parse(m_setup.worker->topicCreationEnable, m_setup.connector.raw);
        creation.enabled()) {
        m_topicCreator = std::make_unique<TopicCreator>(
            std::move(creation),
            adminProps(*m_setup.worker, m_setup.connector.raw, m_setup.bootstrapServers,
                       "connector-adminclient-" + m_setup.id.connector + "-" +
                           std::to_string(m_setup.id.task)),
            logPrefix());
    }
    m_limit = InFlightLimit::fromProducerProps(producerProps(m_setup, "connector-producer-"));
    m_keepRecords = m_task->usesCommitRecord();
    m_context = std::make_unique<Context>(m_setup);
    m_task->initialize(*m_context);
    m_task->start(sdk::ConfigMap(m_setup.taskConfig.begin(), m_setup.taskConfig.end()));
    areaLogger("task")->info("{} Source task finished initialization and start", logPrefix());
}

void WorkerSourceTask::execute()
{
    // The rates' windows start now; each event is added where it happens (poll batch on this
    // thread, acknowledgement where delivery reports are served), before its total, so a reader
    // that sees a total sees it in the rate too.
    m_pollRate.record(0);
    m_writeRate.record(0);
    // Offset commits run on the committer from here on, and delivery reports whenever this thread
    // does not serve them: while paused and while poll() blocks (spec §6.3 step 6).
    m_committer = std::thread([this] { runCommitter(); });
    while (!isStopping()) {
        if (isPaused()) {
            if (!awaitUnpaused()) {
                break;
            }
            continue;
        }
        if (const std::string error = fatalSendError(); !error.empty()) {
            throw sdk::ConnectException("Unrecoverable exception from producer send callback: " + error);
        }
        if (m_toSendIndex >= m_toSend.size()) {
            m_toSend.clear();
            if (m_toSend.held() > kKeptBatchCapacity) {
                m_toSend.release(); // one huge batch does not pin its records for the task's lifetime
            }
            m_toSendIndex = 0;
            const auto t0 = Clock::now();
            try {
                // Into the last batch's storage, its records spent but kept (SourceRecordBatch).
                m_task->pollInto(m_toSend);
            } catch (const sdk::RetriableException& e) {
                m_toSend.clear(); // what a task appended before throwing is not sent, as with poll()
                // Swallowed: poll is simply retried (spec §6.3 step 2).
                areaLogger("task")->warn("{} {} failed poll, will retry: {}", logPrefix(),
                                         m_setup.taskConfig["task.class"], e.what());
                continue;
            }
            if (m_toSend.empty()) {
                m_toSend.release(); // an idle task keeps no records
            } else {
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                m_pollTime.record(ms);
                m_pollRate.record(static_cast<double>(m_toSend.size()));
                m_pollTotal += static_cast<std::int64_t>(m_toSend.size());
                recordBatchSize(m_toSend.size());
            }
        }
        sendBatch();
        serveDeliveriesOnTaskThread(0);
    }
}

bool WorkerSourceTask::serveDeliveriesOnTaskThread(int timeoutMs)
{
    // Also when the committer holds the lock: it leaves the serving to this thread from its next turn.
    m_taskServedAtMs = steadyMs();
    std::unique_lock lock(m_serveMutex, std::try_to_lock);
    if (!lock.owns_lock()) {
        return false;
    }
    try {
        serveDeliveries(timeoutMs);
    } catch (...) {
        // As on the committer: an offset copy failing to allocate is logged and the task goes on
        // (the reports it had counted are accounted for at the next serving).
        areaLogger("task")->error("{} Serving delivery reports failed: {}", logPrefix(),
                                  currentExceptionTrace());
    }
    return true;
}

bool WorkerSourceTask::taskThreadServes() const
{
    return steadyMs() - m_taskServedAtMs.load() < kTaskServingGraceMs;
}

WorkerSourceTask::InFlightLimit WorkerSourceTask::InFlightLimit::fromProducerProps(const ConfigMap& props)
{
    const auto number = [&](const std::string& key, std::int64_t fallback) {
        const auto it = props.find(key);
        if (it == props.end()) {
            return fallback;
        }
        std::int64_t value = 0;
        const std::string& text = it->second;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
            throw sdk::ConfigException(key, text, "Expected a positive number");
        }
        return value;
    };
    InFlightLimit limit;
    limit.bytes = number("buffer.memory", std::int64_t{32} * 1024 * 1024);
    // A full request for each one the producer may have in flight, and two more queued behind them.
    // With Apache's max.in.flight.requests.per.connection=1 and room for only one request's worth,
    // the request in flight and the next one shared that room, so each carried about half of
    // batch.num.messages and a 1,000,000-line FileStreamSource ran at 0.56x of kcat -P (which queues
    // up to 100,000 messages); with two requests' worth the requests were full again (a String source
    // of 1,000,000 lines at 0.88x by the median of 10 rounds), and with three it ran at 0.98x, for
    // 2-3.5 MiB more peak RSS (docs/benchmarks.md).
    const std::int64_t inFlightRequests = props.count("max.in.flight.requests.per.connection") != 0
                                              ? number("max.in.flight.requests.per.connection", 1)
                                              : number("max.in.flight", 1); // librdkafka's alias
    // librdkafka refuses a batch.num.messages above 1,000,000 when the producer is created.
    limit.records = std::min<std::int64_t>(number("batch.num.messages", kDefaultBatchNumMessages), 1000000) *
                    (std::min(inFlightRequests, kMaxRequestsCounted) + kRequestsQueued);
    return limit;
}

WorkerSourceTask::TopicHandle& WorkerSourceTask::topicHandle(const std::string& topic)
{
    if (m_lastTopic != nullptr && m_lastTopicName == topic) {
        return *m_lastTopic;
    }
    std::lock_guard lock(m_topicsMutex);
    auto it = m_topics.find(topic);
    if (it == m_topics.end()) {
        auto handle = std::make_unique<TopicHandle>();
        handle->rkt = rd_kafka_topic_new(m_producer.get(), topic.c_str(), nullptr);
        if (handle->rkt == nullptr) {
            throw KafkaError(rd_kafka_last_error(), "Failed to create a handle for topic " + topic);
        }
        it = m_topics.emplace(topic, std::move(handle)).first;
    }
    m_lastTopic = it->second.get();
    m_lastTopicName = topic;
    return *m_lastTopic;
}

void WorkerSourceTask::refreshPartitionCounts()
{
    std::vector<TopicHandle*> due;
    const std::int64_t now = steadyMs();
    {
        std::lock_guard lock(m_topicsMutex);
        for (auto& [name, handle] : m_topics) {
            const std::int64_t every = handle->partitions.load() == 0 ? 1000 : kPartitionCountRefreshMs;
            if (now - handle->checkedAtMs >= every) {
                handle->checkedAtMs = now;
                due.push_back(handle.get());
            }
        }
    }
    for (TopicHandle* handle : due) {
        // Bounded: with the broker down the committer is back to its reports and commits in 500 ms.
        const rd_kafka_metadata_t* md = nullptr;
        if (rd_kafka_metadata(m_producer.get(), 0, handle->rkt, &md, 500) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            continue; // asked again in a second while unknown; the known count stays meanwhile
        }
        std::int32_t count = 0;
        if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            count = md->topics[0].partition_cnt;
        }
        rd_kafka_metadata_destroy(md);
        handle->partitions.store(count);
    }
}

bool WorkerSourceTask::awaitInFlightRoom()
{
    const auto full = [this] {
        return m_activeCount.load() >= m_limit.records || m_activeBytes.load() >= m_limit.bytes;
    };
    if (!full()) {
        return true;
    }
    // Resume once an eighth of the bound is free (InFlightLimit::resumeRecords): acknowledgements
    // come a request at a time.
    const auto roomy = [this] {
        return m_activeCount.load() <= m_limit.resumeRecords() &&
               m_activeBytes.load() <= m_limit.resumeBytes();
    };
    // A pause or stop request, or a fatal send error, ends the wait too: with the broker down no
    // acknowledgement may come for delivery.timeout.ms (unbounded), and the task must still pause.
    const auto interrupted = [this] { return isStopping() || isPaused() || m_fatalSendFlag.load(); };
    while (!roomy() && !interrupted()) {
        // This thread serves the acknowledgements that make room; the short timeout bounds how late
        // a stop or pause request is seen.
        if (serveDeliveriesOnTaskThread(10)) {
            continue;
        }
        // The committer is serving them: it notifies once per batch of delivery reports.
        std::unique_lock lock(m_inFlightMutex);
        m_inFlightWaiting = true;
        if (!roomy() && !interrupted()) {
            m_inFlightCv.wait_for(lock, std::chrono::milliseconds(10));
        }
        m_inFlightWaiting = false;
    }
    return !interrupted(); // false: execute() handles it, and sending resumes at m_toSendIndex
}

void WorkerSourceTask::sendBatch()
{
    while (m_toSendIndex < m_toSend.size() && !isStopping()) {
        if (!awaitInFlightRoom()) {
            return;
        }
        sdk::SourceRecord& original = m_toSend[m_toSendIndex];
        // SMTs first (spec §6.3 step 3); a dropped or tolerated-failed record is skipped but still
        // reported to the task with commitRecord(record, null).
        std::optional<sdk::SourceRecord> transformed;
        if (!m_chain.isEmpty()) {
            const bool ok = m_retry->run([&] { transformed = m_chain.apply(original); });
            if (!ok || !transformed) {
                commitTaskRecord(original, nullptr);
                ++m_toSendIndex;
                continue;
            }
        }
        sdk::SourceRecord& record = transformed ? *transformed : original;
        const std::string& topic = record.topic();
        if (m_topicCreator) {
            // After SMTs, so routed topics are created too (spec §5.4).
            m_topicCreator->ensure(topic);
        }
        bool haveKey = false;
        bool haveValue = false;
        std::vector<std::pair<std::string, std::optional<sdk::Bytes>>> headers;
        const bool converted = m_retry->run([&] {
            headers.clear();
            for (const auto& h : record.headers()) {
                headers.emplace_back(h.key(), m_setup.headerConverter->fromConnectHeader(
                                                  topic, h.key(), h.schema(), h.value()));
            }
            haveKey = m_setup.keyConverter->fromConnectDataInto(topic, record.headers(), record.keySchema(),
                                                                record.key(), m_keyBuf);
            haveValue = m_setup.valueConverter->fromConnectDataInto(
                topic, record.headers(), record.valueSchema(), record.value(), m_valueBuf);
        });
        if (!converted) {
            commitTaskRecord(original, nullptr); // skipped under errors.tolerance=all
            ++m_toSendIndex;
            continue;
        }
        TopicHandle& topicInfo = topicHandle(topic);
        rd_kafka_topic_t* rkt = topicInfo.rkt;
        const std::int32_t partition = record.kafkaPartition().value_or(
            topicInfo.partitions.load(std::memory_order_relaxed) == 1 ? 0 : RD_KAFKA_PARTITION_UA);
        const std::int64_t timestamp = record.timestamp().value_or(0);
        std::size_t bytes = (haveKey ? m_keyBuf.size() : 0) + (haveValue ? m_valueBuf.size() : 0);
        for (const auto& [k, v] : headers) {
            bytes += headerBytes(k, v); // as buffer.memory counts the serialized record
        }

        // Offsets come from the record as the task returned it, before SMTs. It is moved into its
        // queue (registered before the send: its delivery report can come on the committer at once)
        // and moved back if it is not sent after all.
        PartitionQueue* slot = m_lastQueue;
        const sdk::SharedOffsetMap& sharedPartition = original.sharedSourcePartition();
        const bool samePartition =
            slot != nullptr && ((sharedPartition && slot->lastShared == sharedPartition) ||
                                slot->partition == original.sourcePartition());
        if (!samePartition) {
            const std::string partitionKey = offsetMapToJson(original.sourcePartition());
            std::lock_guard lock(m_pendingMutex);
            // Room first, so a new queue's id is registered without failing; grown geometrically
            // (reserve(size() + 1) reallocates for every new partition).
            if (m_queueById.size() == m_queueById.capacity()) {
                m_queueById.reserve(std::max<std::size_t>(16, 2 * m_queueById.size()));
            }
            auto [it, inserted] = m_pending.try_emplace(partitionKey);
            if (inserted) {
                if (m_queueById.size() >= std::numeric_limits<std::uint32_t>::max()) {
                    m_pending.erase(it);
                    throw sdk::ConnectException("A source task may send records of at most 4294967295 "
                                                "source partitions");
                }
                it->second.partition = original.sourcePartition();
                it->second.id = static_cast<std::uint32_t>(m_queueById.size());
                m_queueById.push_back(&it->second);
            }
            slot = &it->second;
            m_lastQueue = slot;
        }
        if (slot->lastShared != sharedPartition) {
            slot->lastShared = sharedPartition;
        }
        std::unique_ptr<sdk::SourceRecord> kept;
        const int sinceCheckpoint = slot->sinceCheckpoint; // restored if the record is not sent
        bool checkpoint = false;
        if (m_keepRecords) {
            // Through m_toSend, not `original`: unregister() puts it back in the same place.
            kept = std::make_unique<sdk::SourceRecord>(std::move(m_toSend[m_toSendIndex]));
        } else if (++slot->sinceCheckpoint >= kCheckpointEvery) {
            slot->sinceCheckpoint = 0;
            checkpoint = true;
        }
        void* opaque = nullptr;
        {
            std::lock_guard lock(m_pendingMutex);
            const std::uint64_t seq = slot->window.push();
            if (m_keepRecords) {
                opaque = &slot->kept.emplace_back(
                    Kept{std::move(kept), slot->id, static_cast<std::uint32_t>(seq)});
            } else {
                if (checkpoint) {
                    slot->checkpoints.push_back(Checkpoint{seq, original.sourceOffset()});
                }
                slot->setNewestOffset(original.sourceOffset());
                opaque = encodeOpaque(slot->id, seq);
            }
        }
        const auto active = ++m_activeCount;
        m_activeBytes += static_cast<std::int64_t>(bytes);
        if (active > m_activeMax.load()) {
            m_activeMax = active;
        }
        // Not sent after all: no delivery report will come, so it is the last of its queue.
        const auto unregister = [&] {
            --m_activeCount;
            m_activeBytes -= static_cast<std::int64_t>(bytes);
            std::lock_guard lock(m_pendingMutex);
            if (m_keepRecords) {
                m_toSend[m_toSendIndex] = std::move(*slot->kept.back().record);
                slot->kept.pop_back();
            } else {
                slot->revertNewestOffset();
                if (checkpoint) {
                    slot->checkpoints.pop_back();
                }
                slot->sinceCheckpoint = sinceCheckpoint;
            }
            slot->window.popBack();
            // Everything registered before it may have been acknowledged and released already,
            // with no checkpoint among the last of them: their newest offset is committable now.
            if (slot->window.tail() > 0 && slot->window.empty() && !m_keepRecords) {
                slot->ackedOffset = slot->newestOffset();
            }
        };

        rd_kafka_headers_t* hdrs = nullptr;
        if (!headers.empty()) {
            hdrs = rd_kafka_headers_new(headers.size());
            for (const auto& [k, v] : headers) {
                rd_kafka_header_add(hdrs, k.data(), static_cast<ssize_t>(k.size()), v ? v->data() : nullptr,
                                    v ? static_cast<ssize_t>(v->size()) : 0);
            }
        }
        ProduceArgs args;
        args.rkt = rkt;
        args.partition = partition;
        args.key = haveKey ? m_keyBuf.data() : nullptr;
        args.keyLen = haveKey ? m_keyBuf.size() : 0;
        args.value = haveValue ? m_valueBuf.data() : nullptr;
        args.valueLen = haveValue ? m_valueBuf.size() : 0;
        args.timestamp = timestamp;
        args.headers = hdrs;
        args.opaque = opaque;
        const rd_kafka_resp_err_t err = produceCopy(m_producer.get(), args);
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            if (hdrs != nullptr) {
                rd_kafka_headers_destroy(hdrs);
            }
            unregister();
            // Retriable: the rest of the batch is retried after up to 100 ms (spec §6.3 step 4),
            // sooner once delivery reports served meanwhile made room in librdkafka's queue.
            if (!serveDeliveriesOnTaskThread(100)) {
                waitFor(std::chrono::milliseconds(100)); // the committer is serving them
            }
            return;
        }
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (hdrs != nullptr) {
                rd_kafka_headers_destroy(hdrs);
            }
            unregister();
            m_errors.recordFailures++;
            if (!m_retry->toleratesAll()) {
                throw KafkaError(err, std::string("Failed to send record to topic ") +
                                          rd_kafka_topic_name(rkt) + ": " + rd_kafka_err2str(err));
            }
            m_errors.recordsSkipped++;
            commitTaskRecord(original, nullptr);
            ++m_toSendIndex;
            continue;
        }
        ++m_toSendIndex;
    }
}

void WorkerSourceTask::onDelivery(const rd_kafka_message_t* message)
{
    // Runs on the thread that holds m_serveMutex: the task thread between poll() batches and in
    // close(), the committer while the task thread does not serve (taskThreadServes()).
    const Kept* kept = nullptr;
    AckRun ack{0, 0, 1};
    if (m_keepRecords) {
        kept = static_cast<const Kept*>(message->_private);
        ack.queue = kept->queue;
        ack.seq = kept->seq;
    } else {
        const auto value = reinterpret_cast<std::uint64_t>(message->_private);
        ack.queue = static_cast<std::uint32_t>((value >> 32) - 1);
        ack.seq = static_cast<std::uint32_t>(value);
    }
    ++m_reportsToRelease;
    m_bytesToRelease += static_cast<std::int64_t>(deliveredBytes(message));
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        m_errors.recordFailures++;
        if (!m_retry->toleratesAll()) {
            std::lock_guard lock(m_pendingMutex);
            m_fatalSendError = rd_kafka_err2str(message->err);
            m_fatalSendFlag = true;
            return; // not acked: its offset is never committed
        }
        m_errors.recordsSkipped++;
        if (kept != nullptr) {
            commitTaskRecord(*kept->record, nullptr);
        }
    } else {
        ++m_acksToRecord; // added to the write rate and total by serveDeliveries()
        if (kept != nullptr) {
            // One RecordMetadata reused: assigning the same topic keeps its buffer (no allocation).
            m_metadata.topic = rd_kafka_topic_name(message->rkt);
            m_metadata.partition = message->partition;
            m_metadata.offset = message->offset;
            m_metadata.timestamp = rd_kafka_message_timestamp(message, nullptr);
            commitTaskRecord(*kept->record, &m_metadata);
        }
    }
    // Acked last, as Apache does; serveDeliveries() applies it to its queue's window. The records of
    // one request come back in order: they extend one run.
    if (!m_ackRuns.empty()) {
        AckRun& last = m_ackRuns.back();
        if (last.queue == ack.queue && static_cast<std::uint32_t>(last.seq + last.count) == ack.seq) {
            ++last.count;
            return;
        }
    }
    m_ackRuns.push_back(ack);
}

void WorkerSourceTask::releaseAcknowledged(PartitionQueue& slot, std::uint64_t before)
{
    const std::uint64_t head = slot.window.head();
    if (m_keepRecords) {
        // The kept entries of the records the prefix passed: the last one's offset is committable.
        std::unique_ptr<sdk::SourceRecord> last;
        for (std::uint64_t n = head - before; n > 0; --n) {
            last = std::move(slot.kept.front().record);
            slot.kept.pop_front();
        }
        if (last) { // always: the prefix grew
            slot.ackedOffset = last->sourceOffset();
        }
        return;
    }
    std::optional<sdk::OffsetMap> lastCheckpoint;
    while (!slot.checkpoints.empty() && slot.checkpoints.front().seq < head) {
        lastCheckpoint = std::move(slot.checkpoints.front().offset);
        slot.checkpoints.pop_front();
    }
    if (slot.window.empty()) {
        slot.ackedOffset = slot.newestOffset(); // everything registered is acknowledged: exact
    } else if (lastCheckpoint) {
        slot.ackedOffset = std::move(lastCheckpoint);
    }
}

void WorkerSourceTask::serveDeliveries(int timeoutMs)
{
    rd_kafka_poll(m_producer.get(), timeoutMs);
    if (!m_ackRuns.empty()) {
        std::lock_guard lock(m_pendingMutex);
        std::size_t applied = 0;
        try {
            for (; applied < m_ackRuns.size(); ++applied) {
                const AckRun& run = m_ackRuns[applied];
                PartitionQueue& slot = *m_queueById[run.queue];
                const std::uint64_t before = slot.window.head();
                slot.window.acknowledge(slot.window.expand(run.seq), run.count);
                if (slot.window.head() != before) {
                    releaseAcknowledged(slot, before);
                }
            }
        } catch (...) {
            // A window that could not grow or an offset that could not be copied: that run stays
            // unapplied, so nothing is committed past it; the runs before it are not applied twice.
            m_ackRuns.erase(m_ackRuns.begin(), m_ackRuns.begin() + static_cast<std::ptrdiff_t>(applied + 1));
            throw;
        }
        m_ackRuns.clear();
        if (m_ackRuns.capacity() > 65536) {
            m_ackRuns.shrink_to_fit(); // a burst of reports out of order does not pin its runs
        }
    }
    if (m_reportsToRelease > 0) {
        m_activeCount -= m_reportsToRelease;
        m_activeBytes -= m_bytesToRelease;
        m_reportsToRelease = 0;
        m_bytesToRelease = 0;
        if (m_inFlightWaiting.load() && m_activeCount.load() <= m_limit.resumeRecords() &&
            m_activeBytes.load() <= m_limit.resumeBytes()) {
            std::lock_guard lock(m_inFlightMutex);
            m_inFlightCv.notify_one();
        }
    }
    if (m_acksToRecord > 0) {
        // At the acknowledgement, as Apache's recordWrite; the rate before the total, so a reader
        // that sees a total sees it in the rate too.
        m_writeRate.record(static_cast<double>(m_acksToRecord));
        m_writeTotal += m_acksToRecord;
        m_acksToRecord = 0;
    }
}

std::string WorkerSourceTask::fatalSendError() const
{
    std::lock_guard lock(m_pendingMutex);
    return m_fatalSendError;
}

void WorkerSourceTask::commitTaskRecord(const sdk::SourceRecord& record, const sdk::RecordMetadata* metadata)
{
    if (!m_keepRecords) {
        return; // the task said its commitRecord() does nothing (usesCommitRecord() == false)
    }
    try {
        m_task->commitRecord(record, metadata);
    } catch (...) {
        areaLogger("task")->error("{} Exception thrown while calling task.commitRecord(): {}", logPrefix(),
                                  currentExceptionTrace());
    }
}

void WorkerSourceTask::commitSourceTask()
{
    try {
        m_task->commit();
    } catch (...) {
        areaLogger("task")->error("{} Exception thrown while calling task.commit(): {}", logPrefix(),
                                  currentExceptionTrace());
    }
}

void WorkerSourceTask::runCommitter()
{
    using std::chrono::milliseconds;
    // Fixed delay, first run after one interval (spec §6.3 step 6). Delivery reports are served in
    // slices of at most 100 ms so commitRecord() follows the acknowledgement closely.
    const milliseconds interval(std::max<std::int64_t>(m_setup.worker->offsetFlushIntervalMs, 1));
    const milliseconds slice(100);
    auto nextCommit = Clock::now() + interval;
    while (!m_committerStop.load() && !isStopping()) {
        const auto left = std::clamp(std::chrono::duration_cast<milliseconds>(nextCommit - Clock::now()),
                                     milliseconds(0), slice);
        try {
            refreshPartitionCounts();
            if (taskThreadServes()) {
                // Checked again every 5 ms: a task thread that blocks in poll() is relieved within
                // kTaskServingGraceMs + 5 ms.
                std::this_thread::sleep_for(std::min(left, milliseconds(5)));
            } else {
                std::lock_guard lock(m_serveMutex);
                serveDeliveries(static_cast<int>(std::min(left, milliseconds(kTaskServingGraceMs)).count()));
            }
        } catch (...) {
            // An offset copy failing to allocate: logged, the loop goes on (it serves the delivery
            // reports whenever the task thread does not).
            areaLogger("task")->error("{} Serving delivery reports failed: {}", logPrefix(),
                                      currentExceptionTrace());
        }
        if (m_committerStop.load() || isStopping() || Clock::now() < nextCommit) {
            continue; // a stopping task commits a last time in close()
        }
        try {
            commitOffsets();
        } catch (...) {
            areaLogger("task")->error("{} Offset commit failed: {}", logPrefix(), currentExceptionTrace());
        }
        nextCommit = Clock::now() + interval;
    }
}

void WorkerSourceTask::stopCommitter()
{
    m_committerStop.store(true);
    if (m_committer.joinable()) {
        m_committer.join();
    }
}

void WorkerSourceTask::collectCommittable()
{
    std::lock_guard lock(m_pendingMutex);
    for (auto& [key, slot] : m_pending) {
        if (slot.ackedOffset) {
            m_committable[key] = {slot.partition, std::move(*slot.ackedOffset)};
            slot.ackedOffset.reset();
        }
    }
}

bool WorkerSourceTask::commitOffsets()
{
    std::lock_guard commitLock(m_commitMutex);
    const auto t0 = Clock::now();
    collectCommittable();
    if (m_committable.empty()) {
        // Nothing new still counts as a successful commit (spec §6.3 step 6).
        recordCommit(true, 0);
        commitSourceTask();
        return true;
    }
    std::vector<std::pair<sdk::OffsetMap, std::optional<sdk::OffsetMap>>> entries;
    for (const auto& [key, po] : m_committable) {
        entries.emplace_back(po.first, po.second);
    }
    std::string error;
    bool ok = false;
    try {
        ok = m_setup.offsets->put(m_setup.id.connector, entries, &error);
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (!ok) {
        // Offsets stay pending and are retried at the next interval.
        areaLogger("task")->error("{} Failed to commit offsets: {}", logPrefix(), error);
        recordCommit(false, 0);
        return false;
    }
    m_committable.clear();
    recordCommit(true, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    commitSourceTask();
    return true;
}

void WorkerSourceTask::close()
{
    // The committer uses the producer and the SDK task: it ends before either goes away, and the
    // delivery reports from here on are served on this thread.
    stopCommitter();
    if (m_producer) {
        // Wait for outstanding acknowledgements, then commit a last time (spec §6.3 step 7).
        std::lock_guard lock(m_serveMutex); // flush() serves delivery reports too
        rd_kafka_flush(m_producer.get(), static_cast<int>(m_setup.worker->offsetFlushTimeoutMs));
        serveDeliveries(0);
        commitOffsets();
    }
    if (m_task) {
        try {
            m_task->stop();
        } catch (...) {
            areaLogger("task")->warn("{} Source task stop failed: {}", logPrefix(), currentExceptionTrace());
        }
    }
    if (m_producer) {
        rd_kafka_purge(m_producer.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        std::lock_guard lock(m_serveMutex);
        rd_kafka_poll(m_producer.get(), 0);
        std::lock_guard topicsLock(m_topicsMutex);
        for (auto& [name, handle] : m_topics) {
            rd_kafka_topic_destroy(handle->rkt);
        }
        m_topics.clear();
        m_lastTopic = nullptr;
        m_producer.reset();
    }
    std::lock_guard lock(m_pendingMutex);
    m_pending.clear();
    m_queueById.clear();
    m_lastQueue = nullptr;
    // Reports of purged records were counted above; nothing is in flight any more.
    m_ackRuns.clear();
    m_reportsToRelease = 0;
    m_bytesToRelease = 0;
    m_activeCount = 0;
    m_activeBytes = 0;
}

MetricsSnapshot WorkerSourceTask::metrics() const
{
    MetricsSnapshot m = WorkerTask::metrics();
    m["source-record-poll-total"] = static_cast<double>(m_pollTotal.load());
    m["source-record-write-total"] = static_cast<double>(m_writeTotal.load());
    m["source-record-poll-rate"] = m_pollRate.perSecond();
    m["source-record-write-rate"] = m_writeRate.perSecond();
    m["source-record-active-count"] = static_cast<double>(m_activeCount.load());
    m["source-record-active-count-max"] = static_cast<double>(m_activeMax.load());
    m["poll-batch-avg-time-ms"] = m_pollTime.avg();
    m["poll-batch-max-time-ms"] = m_pollTime.max;
    m["total-record-failures"] = static_cast<double>(m_errors.recordFailures.load());
    m["total-record-errors"] = static_cast<double>(m_errors.recordErrors.load());
    m["total-records-skipped"] = static_cast<double>(m_errors.recordsSkipped.load());
    m["total-retries"] = static_cast<double>(m_errors.retries.load());
    m["last-error-timestamp"] = static_cast<double>(m_errors.lastErrorTimestamp.load());
    return m;
}

} // namespace connectdesk::runtime
