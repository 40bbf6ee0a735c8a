#include "observe/throughput_sampler.h"

#include "kafka/kafka_error.h"
#include "observe/kafka_reading.h"

#include <QDateTime>

#include <chrono>
#include <optional>
#include <set>
#include <utility>

namespace connectdesk::observe {

namespace {

// Per request; short so that stop() and a dead broker do not hold the thread for long (stop() is
// checked between requests, and while waiting for an Admin API answer in slices).
constexpr int kRequestTimeoutMs = 1000;
constexpr int kWaitSliceMs = 100;
constexpr int kMinIntervalMs = 100;

using PartitionKey = std::pair<std::string, std::int32_t>;

struct Offsets {
    std::int64_t low = -1;
    std::int64_t high = -1;
};

// What the sampler thread remembers about one watched connector between samples.
struct Baseline {
    quint64 generation = 0;
    std::optional<std::chrono::steady_clock::time_point> at;
    std::map<PartitionKey, qint64> positions; // end offsets (sources) or committed offsets (sinks)
    qint64 total = 0;
};

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

ThroughputSampler::ThroughputSampler(ClientProperties properties, QObject* parent)
    : QObject(parent), m_properties(std::move(properties))
{
    qRegisterMetaType<QList<RateSample>>();
    qRegisterMetaType<QList<LagSample>>();
}

ThroughputSampler::~ThroughputSampler()
{
    stop();
}

void ThroughputSampler::setIntervalMs(int ms)
{
    m_intervalMs = std::max(ms, kMinIntervalMs);
}

void ThroughputSampler::watchSource(const QString& connector, const QStringList& topics)
{
    const std::lock_guard lock(m_mutex);
    m_watches[connector] = Watch{false, topics, QString(), m_nextGeneration++};
}

void ThroughputSampler::watchSink(const QString& connector, const QString& groupId, const QStringList& topics)
{
    const std::lock_guard lock(m_mutex);
    const QString group = groupId.isEmpty() ? QStringLiteral("connect-") + connector : groupId;
    m_watches[connector] = Watch{true, topics, group, m_nextGeneration++};
}

void ThroughputSampler::unwatch(const QString& connector)
{
    const std::lock_guard lock(m_mutex);
    m_watches.erase(connector);
}

void ThroughputSampler::start()
{
    if (m_thread.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopRequested = false;
    }
    m_stopping = false;
    m_reportedErrors.clear();
    m_thread = std::thread([this] { run(); });
}

void ThroughputSampler::stop()
{
    m_stopping = true;
    {
        const std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ThroughputSampler::reportError(const QString& message)
{
    // Each distinct problem at most once a minute until something worked again: librdkafka
    // alternates "connect failed" and "all brokers down" every few hundred ms while a broker is away.
    const auto now = std::chrono::steady_clock::now();
    const auto reported = m_reportedErrors.constFind(message);
    if (reported != m_reportedErrors.constEnd() && now - *reported < std::chrono::minutes(1))
        return;
    m_reportedErrors.insert(message, now);
    Q_EMIT errorOccurred(message);
}

void ThroughputSampler::run()
{
    const detail::ClientErrorSink errorSink = [this](const QString& message) { reportError(message); };
    kafka::RdKafkaPtr client;
    try {
        client = detail::makeQueryClient(m_properties, &errorSink);
    } catch (const kafka::KafkaError& e) {
        reportError(QString::fromUtf8(e.what()));
        return;
    }
    rd_kafka_t* rk = client.get();
    const kafka::RdKafkaQueuePtr adminQueue(rd_kafka_queue_new(rk));
    std::map<QString, Baseline> baselines;

    // Low and high watermarks of every partition of `topic`, or an error already reported.
    const auto topicOffsets = [&](const std::string& topic, std::map<PartitionKey, Offsets>& out) -> bool {
        if (m_stopping)
            return false;
        const detail::PartitionsResult partitions = detail::topicPartitions(rk, topic, kRequestTimeoutMs);
        if (partitions.error != RD_KAFKA_RESP_ERR_NO_ERROR) {
            reportError(partitions.message);
            return false;
        }
        for (const std::int32_t partition : partitions.partitions) {
            if (m_stopping)
                return false;
            Offsets offsets;
            const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
                rk, topic.c_str(), partition, &offsets.low, &offsets.high, kRequestTimeoutMs);
            if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                reportError(QStringLiteral("cannot read the end offset of %1-%2: %3")
                                .arg(fromStd(topic))
                                .arg(partition)
                                .arg(QString::fromUtf8(rd_kafka_err2str(err))));
                return false;
            }
            out[{topic, partition}] = offsets;
        }
        return true;
    };

    // Committed offsets of `group` (all its partitions), or nullopt after reporting why.
    const auto committedOffsets = [&](const QString& group) -> std::optional<std::map<PartitionKey, qint64>> {
        const std::string groupId = group.toStdString();
        if (m_stopping)
            return std::nullopt;
        rd_kafka_ListConsumerGroupOffsets_t* request =
            rd_kafka_ListConsumerGroupOffsets_new(groupId.c_str(), nullptr);
        const kafka::RdKafkaAdminOptionsPtr options(
            rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS));
        char errstr[256] = {};
        rd_kafka_AdminOptions_set_request_timeout(options.get(), kRequestTimeoutMs, errstr, sizeof errstr);
        rd_kafka_ListConsumerGroupOffsets(rk, &request, 1, options.get(), adminQueue.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(request);
        kafka::RdKafkaEventPtr event;
        for (int waited = 0; !event && !m_stopping && waited < kRequestTimeoutMs + 1000;
             waited += kWaitSliceMs)
            event.reset(rd_kafka_queue_poll(adminQueue.get(), kWaitSliceMs));
        if (m_stopping)
            return std::nullopt;
        if (!event) {
            reportError(QStringLiteral("no answer about the committed offsets of group '%1'").arg(group));
            return std::nullopt;
        }
        if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            reportError(QStringLiteral("cannot read the committed offsets of group '%1': %2")
                            .arg(group, QString::fromUtf8(rd_kafka_event_error_string(event.get()))));
            return std::nullopt;
        }
        std::size_t count = 0;
        const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
        std::map<PartitionKey, qint64> committed;
        for (std::size_t i = 0; i < count; ++i) {
            if (const rd_kafka_error_t* error = rd_kafka_group_result_error(groups[i])) {
                reportError(QStringLiteral("cannot read the committed offsets of group '%1': %2")
                                .arg(group, QString::fromUtf8(rd_kafka_error_string(error))));
                return std::nullopt;
            }
            const rd_kafka_topic_partition_list_t* list = rd_kafka_group_result_partitions(groups[i]);
            for (int p = 0; list && p < list->cnt; ++p) {
                const rd_kafka_topic_partition_t& tp = list->elems[p];
                if (tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0)
                    committed[{tp.topic, tp.partition}] = tp.offset;
            }
        }
        return committed;
    };

    for (;;) {
        std::map<QString, Watch> watches;
        {
            const std::lock_guard lock(m_mutex);
            if (m_stopRequested)
                break;
            watches = m_watches;
        }
        rd_kafka_poll(rk, 0); // serves error_cb
        const auto now = std::chrono::steady_clock::now();
        const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
        QList<RateSample> rates;
        QList<LagSample> lags;
        bool allRead = true;

        for (auto it = baselines.begin(); it != baselines.end();) {
            if (watches.count(it->first) == 0)
                it = baselines.erase(it);
            else
                ++it;
        }
        for (const auto& [connector, watch] : watches) {
            std::map<PartitionKey, qint64> positions;
            std::map<PartitionKey, Offsets> ends;
            bool ok = true;
            if (watch.sink) {
                const auto committed = committedOffsets(watch.group);
                ok = committed.has_value();
                if (ok) {
                    positions = *committed;
                    std::set<std::string> topics;
                    for (const QString& topic : watch.topics)
                        topics.insert(topic.toStdString());
                    for (const auto& [key, offset] : positions)
                        topics.insert(key.first);
                    for (const std::string& topic : topics)
                        ok = topicOffsets(topic, ends) && ok;
                }
            } else {
                for (const QString& topic : watch.topics)
                    ok = topicOffsets(topic.toStdString(), ends) && ok;
                for (const auto& [key, offsets] : ends)
                    positions[key] = offsets.high;
            }
            allRead = allRead && ok;
            if (m_stopping)
                break;

            RateSample rate;
            rate.timestampMs = wallMs;
            rate.connector = connector;
            Baseline& base = baselines[connector];
            if (ok) {
                if (base.generation != watch.generation) {
                    base = Baseline{};
                    base.generation = watch.generation;
                }
                qint64 growth = 0;
                for (const auto& [key, position] : positions) {
                    const auto previous = base.positions.find(key);
                    if (previous != base.positions.end() && position > previous->second)
                        growth += position - previous->second;
                }
                double perSec = std::numeric_limits<double>::quiet_NaN();
                if (base.at) {
                    const double seconds = std::chrono::duration<double>(now - *base.at).count();
                    if (seconds > 0)
                        perSec = static_cast<double>(growth) / seconds;
                    base.total += growth;
                }
                base.at = now;
                base.positions = positions;
                (watch.sink ? rate.inPerSec : rate.outPerSec) = perSec;
                (watch.sink ? rate.totalIn : rate.totalOut) = base.total;
            }
            rates.append(rate);

            if (watch.sink && ok) {
                for (const auto& [key, offsets] : ends) {
                    LagSample lag;
                    lag.timestampMs = wallMs;
                    lag.connector = connector;
                    lag.topic = fromStd(key.first);
                    lag.partition = key.second;
                    lag.endOffset = offsets.high;
                    const auto committed = positions.find(key);
                    lag.committed = committed == positions.end() ? -1 : committed->second;
                    lag.lag = std::max<qint64>(0, offsets.high -
                                                      (lag.committed >= 0 ? lag.committed : offsets.low));
                    lags.append(lag);
                }
            }
        }
        if (allRead)
            m_reportedErrors.clear(); // a later repeat of an old problem is news again
        if (!watches.empty() && !m_stopping)
            Q_EMIT sampled(rates, lags);

        std::unique_lock lock(m_mutex);
        const auto next = now + std::chrono::milliseconds(m_intervalMs.load());
        m_wake.wait_until(lock, next, [this] { return m_stopRequested; });
        if (m_stopRequested)
            break;
    }
}

} // namespace connectdesk::observe
