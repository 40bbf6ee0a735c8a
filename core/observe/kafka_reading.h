// librdkafka plumbing shared by the observability readers: a non-group consumer built from the
// UI's property map, topic partition discovery, and copying messages out of librdkafka.
#pragma once

#include "kafka/kafka_handle.h"
#include "observe/topic_record.h"

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace connectdesk::observe::detail {

// Receives librdkafka's error_cb reports (broker down, authentication...) as text.
using ClientErrorSink = std::function<void(const QString&)>;

// A consumer that never joins a group (assign() only, nothing committed; a private group.id is
// set because librdkafka needs one for assign), with partition EOF
// events on, so reading history does not disturb the cluster. `errorSink` must outlive the
// handle. Throws kafka::KafkaError naming a bad property.
kafka::RdKafkaPtr makeReaderConsumer(const ClientProperties& properties, const ClientErrorSink* errorSink);

// A producer handle used only for metadata, watermark and Admin API requests (no records sent).
kafka::RdKafkaPtr makeQueryClient(const ClientProperties& properties, const ClientErrorSink* errorSink);

struct PartitionsResult {
    std::vector<std::int32_t> partitions;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
    QString message; // set with error
};

// The partition ids of `topic`; UNKNOWN_TOPIC_OR_PART with a clear message when it does not exist.
PartitionsResult topicPartitions(rd_kafka_t* rk, const std::string& topic, int timeoutMs);

// Copies key, value, headers, timestamp and position out of a consumed message.
TopicRecord copyRecord(const rd_kafka_message_t* message);

} // namespace connectdesk::observe::detail
