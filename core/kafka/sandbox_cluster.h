// The embedded "sandbox" Kafka broker: an in-process, in-memory librdkafka mock cluster on loopback
// that the worker's own producers, consumers and admin clients reach through bootstrapServers()
// like any broker, so ConnectDesk runs connectors with no Kafka installed.
//
// NOT DURABLE, NOT UNBOUNDED — read docs/sandbox.md before relying on it:
//  - Everything (topics, records, committed offsets) lives in this process's memory and is gone on
//    stop() or exit. The UI and worker must show kLabel wherever the sandbox is the active cluster.
//  - Retention is fixed by librdkafka 2.0.2's mock (rdkafka_mock.c, rd_kafka_mock_partition_init):
//    each partition keeps at most kPartitionLogBytes (5 MiB) of record batches and at most
//    kPartitionLogBatches (100,000) batches; older batches are deleted as new ones arrive, moving
//    the log start offset. No configuration or API of 2.0.2 changes these limits. With 100-byte
//    records that is about 40-50 k records per partition (measured: see docs/sandbox.md).
//  - A consumer that falls further behind than that gets OFFSET_OUT_OF_RANGE. With librdkafka's
//    default auto.offset.reset=latest it jumps to the end and waits, which looks like a stall while
//    records were silently skipped. The common way to fall behind is librdkafka's default
//    fetch.wait.max.ms=500: the mock holds an empty Fetch for the whole MaxWait even when records
//    arrive meanwhile, and a fast producer writes past 5 MiB in that time.
//    => Every consumer of the sandbox must start from consumerDefaults(): fetch.wait.max.ms=10
//    (measured lossless for a running consumer up to ~1 M records/s of 100 bytes; a producer
//    writing faster for long still outruns it) and auto.offset.reset=earliest
//    (Connect's sink default, spec/connect-data-and-config.md §6.2) so a consumer that still falls
//    behind (e.g. started late, or paused) resumes at the oldest retained record. watermarks()
//    tells how many were lost (position < low watermark).
//  - Topics created implicitly (metadata auto-create) get the mock's default of 4 partitions; use
//    createTopic() to choose.
//
// Threading: start()/stop() from one owning thread; the accessors are safe from any thread while
// the cluster runs. Destroy clients connected to the sandbox before stop() to avoid reconnect noise.
#pragma once

#include "kafka/kafka_conf.h"
#include "kafka/kafka_handle.h"

#include <cstddef>
#include <cstdint>
#include <string>

typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace connectdesk::kafka {

class SandboxCluster {
public:
    // Shown by the UI and the worker wherever the sandbox is the active cluster.
    static constexpr const char* kLabel = "Sandbox (in-memory, not durable)";
    // What clients put in bootstrap.servers (or the worker config) to ask for the sandbox.
    static constexpr const char* kBootstrapAlias = "sandbox";
    // librdkafka 2.0.2 mock retention per partition (fixed in rdkafka_mock.c, not configurable).
    static constexpr std::size_t kPartitionLogBytes = std::size_t{5} * 1024 * 1024;
    static constexpr int kPartitionLogBatches = 100000;
    // fetch.wait.max.ms in consumerDefaults() (see the retention note above).
    static constexpr int kConsumerFetchWaitMs = 10;

    struct Options {
        int brokerCount = 1;
        // How long start() waits for the first metadata round trip that proves the listener works.
        int startTimeoutMs = 5000;
    };

    struct Watermarks {
        std::int64_t low = 0;  // oldest retained offset (moves forward as retention deletes)
        std::int64_t high = 0; // next offset to be written
    };

    SandboxCluster();
    explicit SandboxCluster(Options options);
    ~SandboxCluster(); // stop()
    SandboxCluster(const SandboxCluster&) = delete;
    SandboxCluster& operator=(const SandboxCluster&) = delete;

    // Starts the brokers on 127.0.0.1 (ephemeral ports) and checks that a client can reach them.
    // Logs a warning that the data is in memory only. Throws KafkaError with a message saying what
    // failed (_STATE if already running, _INVALID_ARG for a bad broker count, _TRANSPORT or
    // _TIMED_OUT if the listener cannot be reached). After a failure the object is stopped and
    // start() may be called again.
    void start();
    // Drops all topics and data. Idempotent; never throws.
    void stop() noexcept;
    bool isRunning() const noexcept { return m_cluster != nullptr; }

    // "127.0.0.1:port[,127.0.0.1:port...]"; empty when stopped.
    const std::string& bootstrapServers() const noexcept { return m_bootstrapServers; }
    // The id the brokers report in Metadata (what rd_kafka_clusterid and Connect's
    // GET / "kafka_cluster_id" show); empty when stopped.
    const std::string& clusterId() const noexcept { return m_clusterId; }
    int brokerCount() const noexcept { return m_options.brokerCount; }

    // Creates a topic directly in the mock (no-op error if it exists is reported by librdkafka as
    // TOPIC_ALREADY_EXISTS). Throws KafkaError naming the topic.
    void createTopic(const std::string& topic, int partitions, int replicationFactor = 1);

    // Low/high offsets of a partition, to detect records lost to retention. Throws KafkaError.
    Watermarks watermarks(const std::string& topic, std::int32_t partition, int timeoutMs = 5000) const;

    // Properties every consumer of the sandbox should start from (see the retention note above):
    // auto.offset.reset=earliest, fetch.wait.max.ms=10. Costs ~100 empty fetches/s per idle consumer.
    static ClientProperties consumerDefaults();

private:
    Options m_options;
    RdKafkaPtr m_owner;                           // the rd_kafka_t the mock cluster lives on
    rd_kafka_mock_cluster_t* m_cluster = nullptr; // owned; destroyed before m_owner
    RdKafkaPtr m_probe;                           // client of the sandbox for metadata/watermarks
    std::string m_bootstrapServers;
    std::string m_clusterId;
};

} // namespace connectdesk::kafka
