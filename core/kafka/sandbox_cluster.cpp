// The embedded "sandbox" Kafka broker on librdkafka's mock cluster (see sandbox_cluster.h).
#include "kafka/sandbox_cluster.h"

#include "kafka/kafka_error.h"

#include <librdkafka/rdkafka_mock.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <memory>

namespace connectdesk::kafka {

namespace {

// The "kafka" area logger (STYLE.md: one named logger per area), sharing the default sinks.
std::shared_ptr<spdlog::logger> kafkaLogger()
{
    if (auto logger = spdlog::get("kafka"))
        return logger;
    auto logger = spdlog::default_logger()->clone("kafka");
    try {
        spdlog::register_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        // Another thread registered it first; use theirs so level changes apply to one logger.
        if (auto existing = spdlog::get("kafka"))
            return existing;
    }
    return logger;
}

// librdkafka logs of the sandbox's own handles go to the kafka logger rather than stderr.
void forwardLog(const rd_kafka_t* /*rk*/, int level, const char* facility, const char* message)
{
    const auto logger = kafkaLogger();
    // The handle hosting the mock has no bootstrap.servers by design; its CONFWARN about that
    // would read like a misconfiguration to users.
    if (std::strcmp(facility, "CONFWARN") == 0 && std::strstr(message, "bootstrap.servers") != nullptr)
        level = 7;
    const spdlog::level::level_enum lvl = level <= 3   ? spdlog::level::err
                                          : level == 4 ? spdlog::level::warn
                                          : level <= 6 ? spdlog::level::info
                                                       : spdlog::level::debug;
    logger->log(lvl, "[sandbox] {}: {}", facility, message);
}

RdKafkaConfPtr sandboxConf()
{
    RdKafkaConfPtr conf = makeConf({{"client.id", "connectdesk-sandbox"}});
    rd_kafka_conf_set_log_cb(conf.get(), &forwardLog);
    return conf;
}

} // namespace

SandboxCluster::SandboxCluster() : SandboxCluster(Options{}) {}

SandboxCluster::SandboxCluster(Options options) : m_options(options) {}

SandboxCluster::~SandboxCluster()
{
    stop();
}

void SandboxCluster::start()
{
    if (isRunning())
        throw KafkaError(RD_KAFKA_RESP_ERR__STATE,
                         "the sandbox broker is already running at " + m_bootstrapServers);
    if (m_options.brokerCount < 1 || m_options.brokerCount > 16) {
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                         "the sandbox broker count must be between 1 and 16, not " +
                             std::to_string(m_options.brokerCount));
    }

    try {
        // The mock cluster needs an rd_kafka_t to live on; a producer that never produces is the
        // lightest. It has no bootstrap.servers of its own.
        m_owner = makeClient(RD_KAFKA_PRODUCER, sandboxConf());
        m_cluster = rd_kafka_mock_cluster_new(m_owner.get(), m_options.brokerCount);
        if (!m_cluster) {
            throw KafkaError(RD_KAFKA_RESP_ERR__TRANSPORT,
                             "cannot start the sandbox broker: librdkafka could not open its listeners on "
                             "127.0.0.1 (see the kafka log for the reason)");
        }
        m_bootstrapServers = rd_kafka_mock_cluster_bootstraps(m_cluster);

        // Prove the listeners answer the Kafka protocol, and learn the cluster id the brokers report.
        RdKafkaConfPtr probeConf = sandboxConf();
        setConf(probeConf.get(), "bootstrap.servers", m_bootstrapServers);
        setConf(probeConf.get(), "client.id", "connectdesk-sandbox-probe");
        m_probe = makeClient(RD_KAFKA_PRODUCER, std::move(probeConf));
        char* id = rd_kafka_clusterid(m_probe.get(), m_options.startTimeoutMs);
        if (!id) {
            throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT,
                             "the sandbox broker did not answer on " + m_bootstrapServers + " within " +
                                 std::to_string(m_options.startTimeoutMs) + " ms");
        }
        m_clusterId = id;
        rd_kafka_mem_free(nullptr, id);
    } catch (...) {
        stop();
        throw;
    }

    kafkaLogger()->warn(
        "{} started at {} (cluster id {}, {} broker(s)): topics, records and committed offsets "
        "live in memory only and are lost when ConnectDesk stops; each partition keeps at "
        "most {} MiB / {} batches, older records are deleted (docs/sandbox.md)",
        kLabel, m_bootstrapServers, m_clusterId, m_options.brokerCount,
        kPartitionLogBytes / (std::size_t{1024} * 1024), kPartitionLogBatches);
}

void SandboxCluster::stop() noexcept
{
    const bool wasRunning = m_cluster != nullptr;
    m_probe.reset();
    if (m_cluster) {
        rd_kafka_mock_cluster_destroy(m_cluster);
        m_cluster = nullptr;
    }
    m_owner.reset();
    m_bootstrapServers.clear();
    m_clusterId.clear();
    if (wasRunning) {
        try {
            kafkaLogger()->info("{} stopped; its data is gone", kLabel);
        } catch (...) {
            // Logging must not turn a clean stop into a terminate().
        }
    }
}

void SandboxCluster::createTopic(const std::string& topic, int partitions, int replicationFactor)
{
    if (!isRunning())
        throw KafkaError(RD_KAFKA_RESP_ERR__STATE,
                         "cannot create topic '" + topic + "': the sandbox is not running");
    if (topic.empty() || partitions < 1 || replicationFactor < 1 ||
        replicationFactor > m_options.brokerCount) {
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                         "cannot create topic '" + topic + "' with " + std::to_string(partitions) +
                             " partition(s) and replication factor " + std::to_string(replicationFactor) +
                             " on " + std::to_string(m_options.brokerCount) + " sandbox broker(s)");
    }
    const rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(m_cluster, topic.c_str(), partitions, replicationFactor);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw KafkaError::fromCode(err, "cannot create topic '" + topic + "' in the sandbox");
}

SandboxCluster::Watermarks SandboxCluster::watermarks(const std::string& topic, std::int32_t partition,
                                                      int timeoutMs) const
{
    if (!isRunning())
        throw KafkaError(RD_KAFKA_RESP_ERR__STATE,
                         "cannot read offsets of '" + topic + "': the sandbox is not running");
    Watermarks marks;
    const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(m_probe.get(), topic.c_str(), partition,
                                                                     &marks.low, &marks.high, timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw KafkaError::fromCode(err, "cannot read offsets of " + topic + "-" + std::to_string(partition) +
                                            " in the sandbox");
    }
    return marks;
}

ClientProperties SandboxCluster::consumerDefaults()
{
    // fetch.wait.max.ms: the mock answers a Fetch with no data only after the full MaxWait and does
    // not cut it short when a producer writes (rdkafka_mock_handlers.c, end of Fetch); with the
    // 500 ms default a caught-up consumer sleeps while a fast producer writes past the 5 MiB
    // retention. 10 ms kept live consumers lossless in bench_sandbox (docs/sandbox.md).
    // earliest: a consumer that still falls behind resumes at the oldest retained record instead
    // of jumping to the end and waiting (which looks like a stall).
    return {{"auto.offset.reset", "earliest"}, {"fetch.wait.max.ms", std::to_string(kConsumerFetchWaitMs)}};
}

} // namespace connectdesk::kafka
