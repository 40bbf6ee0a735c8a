// A sink connector's offsets are its consumer group's committed offsets: parsing the REST shape
// {"kafka_topic","kafka_partition"} / {"kafka_offset"} (Apache's SinkUtils) and reading, altering
// and deleting them through the Admin API (KIP-875; spec/connect-rest-api.md §3.11, §4.20).
#pragma once

#include "runtime/herder.h"

#include <connectdesk/sdk/connector_context.h>

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::runtime {

// nullopt offset: delete that partition's committed offset.
using SinkOffsetChanges = std::map<sdk::TopicPartition, std::optional<std::int64_t>>;

// SinkUtils.parseSinkConnectorOffsets: numbers may also be numeric strings; nullopt with Apache's
// 400 message in error for anything else.
std::optional<SinkOffsetChanges> parseSinkOffsets(const std::vector<ConnectorOffset>& offsets,
                                                  std::string* error);

// The consumer group a sink connector commits to: connect-<name>, or consumer.override.group.id.
std::string sinkConsumerGroup(const std::string& connector, const ConfigMap& connectorConfig);

// Blocking admin calls on one client; each throws kafka::KafkaError carrying the broker's code
// (group-level or the first partition-level error).
class ConsumerGroupOffsetsAdmin {
public:
    ConsumerGroupOffsetsAdmin(rd_kafka_t* client, std::chrono::milliseconds timeout)
        : m_client(client), m_timeout(timeout)
    {
    }

    std::map<sdk::TopicPartition, std::int64_t> list(const std::string& group);
    void alter(const std::string& group, const std::map<sdk::TopicPartition, std::int64_t>& offsets);
    void deleteOffsets(const std::string& group, const std::vector<sdk::TopicPartition>& partitions);
    // A group that does not exist counts as deleted (resetting is idempotent, as in Apache).
    void deleteGroup(const std::string& group);

private:
    rd_kafka_t* m_client;
    std::chrono::milliseconds m_timeout;
};

} // namespace connectdesk::runtime
