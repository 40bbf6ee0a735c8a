#include "observe/topic_follower.h"

#include "kafka/kafka_error.h"
#include "observe/kafka_reading.h"

#include <chrono>
#include <set>
#include <utility>

namespace connectdesk::observe {

namespace {

// Short enough that stop() is honoured within a fraction of a second.
constexpr int kPollTimeoutMs = 200;
constexpr int kMetadataTimeoutMs = 500;
// Records handed over at once; keeps signal traffic low while the history is being read.
constexpr std::size_t kMaxBatch = 2000;

} // namespace

TopicFollower::TopicFollower(ClientProperties properties, std::string topic, Callbacks callbacks)
    : m_properties(std::move(properties)), m_topic(std::move(topic)), m_callbacks(std::move(callbacks))
{
}

TopicFollower::~TopicFollower()
{
    stop();
}

void TopicFollower::start()
{
    if (m_thread.joinable())
        return;
    m_stopRequested = false;
    m_reportedErrors.clear();
    m_thread = std::thread([this] { run(); });
}

void TopicFollower::stop()
{
    m_stopRequested = true;
    if (m_thread.joinable())
        m_thread.join();
}

void TopicFollower::reportError(const QString& message)
{
    // Each distinct problem at most once a minute until something worked again: librdkafka
    // alternates "connect failed" and "all brokers down" every few hundred ms while a broker is away.
    const auto now = std::chrono::steady_clock::now();
    const auto reported = m_reportedErrors.constFind(message);
    if (reported != m_reportedErrors.constEnd() && now - *reported < std::chrono::minutes(1))
        return;
    m_reportedErrors.insert(message, now);
    if (m_callbacks.error)
        m_callbacks.error(message);
}

void TopicFollower::run()
{
    const detail::ClientErrorSink errorSink = [this](const QString& message) { reportError(message); };
    kafka::RdKafkaPtr consumer;
    try {
        consumer = detail::makeReaderConsumer(m_properties, &errorSink);
    } catch (const kafka::KafkaError& e) {
        reportError(QString::fromUtf8(e.what()));
        return;
    }

    // Wait for the topic: a console may be opened before the cluster created its internal topics.
    detail::PartitionsResult partitions;
    while (!m_stopRequested) {
        partitions = detail::topicPartitions(consumer.get(), m_topic, kMetadataTimeoutMs);
        if (partitions.error == RD_KAFKA_RESP_ERR_NO_ERROR)
            break;
        reportError(partitions.message);
        // Metadata timeouts already waited; an immediate "unknown topic" answer must not spin.
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1000);
        while (!m_stopRequested && std::chrono::steady_clock::now() < until) {
            // Serves error_cb (forwarded to the consumer queue); nothing is assigned yet, so a
            // returned message can only be an error event already reported.
            if (rd_kafka_message_t* raw = rd_kafka_consumer_poll(consumer.get(), kPollTimeoutMs))
                rd_kafka_message_destroy(raw);
        }
    }
    if (m_stopRequested)
        return;

    kafka::RdKafkaTopicPartitionListPtr assignment(
        rd_kafka_topic_partition_list_new(static_cast<int>(partitions.partitions.size())));
    for (const std::int32_t partition : partitions.partitions)
        rd_kafka_topic_partition_list_add(assignment.get(), m_topic.c_str(), partition)->offset =
            RD_KAFKA_OFFSET_BEGINNING;
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(consumer.get(), assignment.get())) {
        reportError(QStringLiteral("cannot assign topic '%1': %2")
                        .arg(QString::fromStdString(m_topic), QString::fromUtf8(rd_kafka_err2str(err))));
        return;
    }

    std::set<std::int32_t> atEnd;
    bool caughtUp = false;
    std::vector<TopicRecord> batch;
    while (!m_stopRequested) {
        rd_kafka_message_t* raw = rd_kafka_consumer_poll(consumer.get(), batch.empty() ? kPollTimeoutMs : 0);
        if (!raw) {
            if (!batch.empty() && m_callbacks.records)
                m_callbacks.records(std::exchange(batch, {}));
            batch.clear();
            continue;
        }
        const kafka::RdKafkaMessagePtr message(raw);
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            atEnd.insert(message->partition);
            if (!caughtUp && atEnd.size() == partitions.partitions.size()) {
                caughtUp = true;
                if (!batch.empty() && m_callbacks.records)
                    m_callbacks.records(std::exchange(batch, {}));
                batch.clear();
                if (m_callbacks.caughtUp)
                    m_callbacks.caughtUp();
            }
            continue;
        }
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            reportError(
                QStringLiteral("reading topic '%1': %2")
                    .arg(QString::fromStdString(m_topic), QString::fromUtf8(rd_kafka_message_errstr(raw))));
            continue;
        }
        // A record arrived, so a later repeat of an old error is news again.
        m_reportedErrors.clear();
        batch.push_back(detail::copyRecord(raw));
        if (batch.size() >= kMaxBatch && m_callbacks.records) {
            m_callbacks.records(std::exchange(batch, {}));
            batch.clear();
        }
    }
    rd_kafka_assign(consumer.get(), nullptr);
}

} // namespace connectdesk::observe
