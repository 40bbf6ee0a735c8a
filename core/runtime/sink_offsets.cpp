#include "runtime/sink_offsets.h"

#include "runtime/kafka_clients.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace connectdesk::runtime {

namespace {

constexpr const char* kTopicKey = "kafka_topic";
constexpr const char* kPartitionKey = "kafka_partition";
constexpr const char* kOffsetKey = "kafka_offset";

// String.valueOf of what Jackson made of the JSON value: strings as they are, anything else as
// its JSON text.
std::string javaText(const rapidjson::Value& v)
{
    if (v.IsString()) {
        return std::string(v.GetString(), v.GetStringLength());
    }
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return std::string(buf.GetString(), buf.GetSize());
}

// Integer.parseInt / Long.parseLong of that text: optional sign, decimal digits, in range.
template <typename T>
std::optional<T> parseJavaInteger(const std::string& text)
{
    if (text.empty()) {
        return std::nullopt;
    }
    std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    if (i == text.size()) {
        return std::nullopt;
    }
    for (std::size_t j = i; j < text.size(); ++j) {
        if (text[j] < '0' || text[j] > '9') {
            return std::nullopt;
        }
    }
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno == ERANGE || v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
        return std::nullopt;
    }
    return static_cast<T>(v);
}

struct AdminCall {
    rd_kafka_t* client;
    std::chrono::milliseconds timeout;
    rd_kafka_AdminOptions_t* options = nullptr;
    RdKafkaQueuePtr queue;

    AdminCall(rd_kafka_t* rk, std::chrono::milliseconds t, rd_kafka_admin_op_t op)
        : client(rk), timeout(t), queue(rd_kafka_queue_new(rk))
    {
        options = rd_kafka_AdminOptions_new(rk, op);
        char err[256];
        rd_kafka_AdminOptions_set_request_timeout(options, static_cast<int>(timeout.count()), err,
                                                  sizeof err);
    }
    ~AdminCall() { rd_kafka_AdminOptions_destroy(options); }
    AdminCall(const AdminCall&) = delete;
    AdminCall& operator=(const AdminCall&) = delete;

    kafka::RdKafkaEventPtr wait(const std::string& what)
    {
        rd_kafka_event_t* ev = rd_kafka_queue_poll(queue.get(), static_cast<int>(timeout.count()) + 5000);
        if (ev == nullptr) {
            throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT, "Timed out " + what);
        }
        kafka::RdKafkaEventPtr guard(ev);
        if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            throw KafkaError(rd_kafka_event_error(ev), what + ": " + rd_kafka_event_error_string(ev));
        }
        return guard;
    }
};

// The group-level error, else the first partition-level one.
void throwGroupErrors(const rd_kafka_group_result_t* const* groups, std::size_t n, const std::string& what)
{
    for (std::size_t g = 0; g < n; ++g) {
        if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[g])) {
            throw KafkaError::fromError(e, what);
        }
        const auto* parts = rd_kafka_group_result_partitions(groups[g]);
        for (int i = 0; parts != nullptr && i < parts->cnt; ++i) {
            if (parts->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                throw KafkaError::fromCode(parts->elems[i].err,
                                           what + " (" + parts->elems[i].topic + "-" +
                                               std::to_string(parts->elems[i].partition) + ")");
            }
        }
    }
}

RdKafkaTopicPartitionListPtr toList(const std::vector<sdk::TopicPartition>& partitions)
{
    RdKafkaTopicPartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto& tp : partitions) {
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
    }
    return list;
}

} // namespace

std::optional<SinkOffsetChanges> parseSinkOffsets(const std::vector<ConnectorOffset>& offsets,
                                                  std::string* error)
{
    const auto fail = [error](std::string message) {
        if (error != nullptr) {
            *error = std::move(message);
        }
        return std::nullopt;
    };
    SinkOffsetChanges out;
    for (const auto& o : offsets) {
        rapidjson::Document partition;
        partition.Parse(o.partitionJson.data(), o.partitionJson.size());
        if (partition.HasParseError() || !partition.IsObject()) {
            return fail("The partition for a sink connector offset cannot be null or missing");
        }
        if (!partition.HasMember(kTopicKey) || !partition.HasMember(kPartitionKey)) {
            return fail(std::string("The partition for a sink connector offset must contain the keys '") +
                        kTopicKey + "' and '" + kPartitionKey + "'");
        }
        if (partition[kTopicKey].IsNull()) {
            return fail("Kafka topic names must be valid strings and may not be null");
        }
        if (partition[kPartitionKey].IsNull()) {
            return fail("Kafka partitions must be valid numbers and may not be null");
        }
        const std::string partitionText = javaText(partition[kPartitionKey]);
        const auto number = parseJavaInteger<std::int32_t>(partitionText);
        if (!number) {
            return fail("Failed to parse the following Kafka partition value in the provided offsets: '" +
                        partitionText + "'. Partition values for sink connectors need to be integers.");
        }
        sdk::TopicPartition tp{javaText(partition[kTopicKey]), *number};
        rapidjson::Document offset;
        offset.Parse(o.offsetJson.data(), o.offsetJson.size());
        if (offset.HasParseError() || offset.IsNull()) {
            out[tp] = std::nullopt; // an offset reset for this partition
            continue;
        }
        if (!offset.IsObject() || !offset.HasMember(kOffsetKey)) {
            return fail(
                std::string("The offset for a sink connector should either be null or contain the key '") +
                kOffsetKey + "'");
        }
        const std::string offsetText = javaText(offset[kOffsetKey]);
        const auto value = parseJavaInteger<std::int64_t>(offsetText);
        if (!value) {
            return fail("Failed to parse the following Kafka offset value in the provided offsets: '" +
                        offsetText + "'. Offset values for sink connectors need to be integers.");
        }
        out[tp] = *value;
    }
    return out;
}

std::string sinkConsumerGroup(const std::string& connector, const ConfigMap& connectorConfig)
{
    if (auto it = connectorConfig.find("consumer.override.group.id"); it != connectorConfig.end()) {
        return it->second;
    }
    return "connect-" + connector;
}

std::map<sdk::TopicPartition, std::int64_t> ConsumerGroupOffsetsAdmin::list(const std::string& group)
{
    AdminCall call(m_client, m_timeout, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS);
    rd_kafka_ListConsumerGroupOffsets_t* req = rd_kafka_ListConsumerGroupOffsets_new(group.c_str(), nullptr);
    rd_kafka_ListConsumerGroupOffsets(m_client, &req, 1, call.options, call.queue.get());
    rd_kafka_ListConsumerGroupOffsets_destroy(req);
    const std::string what = "listing the offsets of group " + group;
    auto ev = call.wait(what);
    const auto* res = rd_kafka_event_ListConsumerGroupOffsets_result(ev.get());
    std::size_t n = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(res, &n);
    std::map<sdk::TopicPartition, std::int64_t> out;
    for (std::size_t g = 0; g < n; ++g) {
        if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[g])) {
            throw KafkaError::fromError(e, what);
        }
        const auto* parts = rd_kafka_group_result_partitions(groups[g]);
        for (int i = 0; parts != nullptr && i < parts->cnt; ++i) {
            const auto& p = parts->elems[i];
            if (p.err == RD_KAFKA_RESP_ERR_NO_ERROR && p.offset >= 0) {
                out[{p.topic, p.partition}] = p.offset;
            }
        }
    }
    return out;
}

void ConsumerGroupOffsetsAdmin::alter(const std::string& group,
                                      const std::map<sdk::TopicPartition, std::int64_t>& offsets)
{
    RdKafkaTopicPartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
    for (const auto& [tp, offset] : offsets) {
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = offset;
    }
    AdminCall call(m_client, m_timeout, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS);
    rd_kafka_AlterConsumerGroupOffsets_t* req =
        rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), list.get());
    rd_kafka_AlterConsumerGroupOffsets(m_client, &req, 1, call.options, call.queue.get());
    rd_kafka_AlterConsumerGroupOffsets_destroy(req);
    const std::string what = "altering the offsets of group " + group;
    auto ev = call.wait(what);
    std::size_t n = 0;
    const auto** groups = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(ev.get()), &n);
    throwGroupErrors(groups, n, what);
}

void ConsumerGroupOffsetsAdmin::deleteOffsets(const std::string& group,
                                              const std::vector<sdk::TopicPartition>& partitions)
{
    auto list = toList(partitions);
    AdminCall call(m_client, m_timeout, RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS);
    rd_kafka_DeleteConsumerGroupOffsets_t* req =
        rd_kafka_DeleteConsumerGroupOffsets_new(group.c_str(), list.get());
    rd_kafka_DeleteConsumerGroupOffsets(m_client, &req, 1, call.options, call.queue.get());
    rd_kafka_DeleteConsumerGroupOffsets_destroy(req);
    const std::string what = "deleting offsets of group " + group;
    auto ev = call.wait(what);
    std::size_t n = 0;
    const auto** groups = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
        rd_kafka_event_DeleteConsumerGroupOffsets_result(ev.get()), &n);
    throwGroupErrors(groups, n, what);
}

void ConsumerGroupOffsetsAdmin::deleteGroup(const std::string& group)
{
    AdminCall call(m_client, m_timeout, RD_KAFKA_ADMIN_OP_DELETEGROUPS);
    rd_kafka_DeleteGroup_t* req = rd_kafka_DeleteGroup_new(group.c_str());
    rd_kafka_DeleteGroups(m_client, &req, 1, call.options, call.queue.get());
    rd_kafka_DeleteGroup_destroy(req);
    const std::string what = "deleting group " + group;
    auto ev = call.wait(what);
    std::size_t n = 0;
    const auto** groups =
        rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev.get()), &n);
    for (std::size_t g = 0; g < n; ++g) {
        const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[g]);
        if (e != nullptr && rd_kafka_error_code(e) != RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) {
            throw KafkaError::fromError(e, what);
        }
    }
}

} // namespace connectdesk::runtime
