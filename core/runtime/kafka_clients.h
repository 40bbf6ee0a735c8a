// librdkafka plumbing specific to the runtime: client configuration from a worker's property map
// (Java-only keys skipped, errors as Connect ConfigExceptions) and produceva without the macros.
// Handles, KafkaError and client creation come from core/kafka.
#pragma once

#include "kafka/kafka_conf.h"
#include "kafka/kafka_error.h"
#include "kafka/kafka_handle.h"
#include "runtime/herder.h"

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <string>

namespace connectdesk::runtime {

using kafka::KafkaError;
using kafka::makeClient;
using kafka::RdKafkaConfPtr;
using kafka::RdKafkaPtr;
using kafka::RdKafkaQueuePtr;
using kafka::RdKafkaTopicPartitionListPtr;

// Keys of Java client configs librdkafka does not know and that only matter to the JVM
// (serializers, max.block.ms ...): skipped silently instead of failing the task.
bool isJavaOnlyClientKey(const std::string& key);

// Builds a conf from a worker/connector client property map, skipping Java-only keys; throws
// sdk::ConfigException naming the rejected key, so task traces report Kafka's ConfigException.
RdKafkaConfPtr makeClientConf(const ConfigMap& props);

// One record to produce (copied by librdkafka). headers: ownership passes to librdkafka on
// success only, as with rd_kafka_producev.
struct ProduceArgs {
    const char* topic = nullptr;
    rd_kafka_topic_t* rkt = nullptr; // a topic handle instead of `topic`: no lookup per record
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

} // namespace connectdesk::runtime
