// librdkafka plumbing private to the runtime: RAII handles, configuration from a string map
// with every error carried, and the in-process mock cluster used by bootstrap.servers=sandbox.
// (To be replaced by core/kafka's helpers once they land.)
#pragma once

#include "runtime/herder.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace connectdesk::runtime {

struct RdKafkaDeleter {
    void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
struct RdKafkaConfDeleter {
    void operator()(rd_kafka_conf_t* c) const { rd_kafka_conf_destroy(c); }
};
struct RdKafkaTopicPartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct RdKafkaQueueDeleter {
    void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using RdKafkaConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaConfDeleter>;
using RdKafkaTopicPartitionListPtr =
    std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaTopicPartitionListDeleter>;
using RdKafkaQueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaQueueDeleter>;

// A librdkafka failure with its code.
class KafkaError : public std::runtime_error {
public:
    KafkaError(rd_kafka_resp_err_t code, const std::string& what) : std::runtime_error(what), m_code(code) {}
    rd_kafka_resp_err_t code() const { return m_code; }

private:
    rd_kafka_resp_err_t m_code;
};

// Keys of Java client configs librdkafka does not know and that only matter to the JVM
// (serializers, max.block.ms ...): skipped silently instead of failing the task.
bool isJavaOnlyClientKey(const std::string& key);

// Builds a conf from props; throws sdk::ConfigException naming the rejected key.
RdKafkaConfPtr makeConf(const ConfigMap& props);

// Creates a producer or consumer; throws KafkaError.
RdKafkaPtr makeClient(rd_kafka_type_t type, RdKafkaConfPtr conf);

// One record to produce (copied by librdkafka). headers: ownership passes to librdkafka on
// success only, as with rd_kafka_producev.
struct ProduceArgs {
    const char* topic = nullptr;
    std::int32_t partition = RD_KAFKA_PARTITION_UA;
    const void* key = nullptr;
    std::size_t keyLen = 0;
    const void* value = nullptr;
    std::size_t valueLen = 0;
    std::int64_t timestamp = 0; // 0: now
    rd_kafka_headers_t* headers = nullptr;
    void* opaque = nullptr;
};
// rd_kafka_produceva without the cast-heavy RD_KAFKA_V_* macros.
rd_kafka_resp_err_t produceCopy(rd_kafka_t* rk, const ProduceArgs& args);

// A librdkafka mock cluster living as long as this object (bootstrap.servers=sandbox).
class SandboxKafka {
public:
    explicit SandboxKafka(int brokers = 1);
    ~SandboxKafka();
    SandboxKafka(const SandboxKafka&) = delete;
    SandboxKafka& operator=(const SandboxKafka&) = delete;
    const std::string& bootstrapServers() const { return m_bootstrap; }
    std::string clusterId() const { return "sandbox"; }
    // Creates a topic up front (the mock cluster otherwise auto-creates on first use).
    void createTopic(const std::string& name, int partitions);

private:
    RdKafkaPtr m_handle;
    rd_kafka_mock_cluster_t* m_cluster = nullptr;
    std::string m_bootstrap;
};

} // namespace connectdesk::runtime
