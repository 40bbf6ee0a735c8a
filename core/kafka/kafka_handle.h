// Owning smart pointers for the librdkafka C objects, so every handle the runtime creates is freed
// exactly once on every path, with no per-record cost (plain unique_ptr with empty deleters).
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>

namespace connectdesk::kafka {

struct RdKafkaDeleter {
    void operator()(rd_kafka_t* rk) const noexcept { rd_kafka_destroy(rk); }
};
struct RdKafkaConfDeleter {
    void operator()(rd_kafka_conf_t* conf) const noexcept { rd_kafka_conf_destroy(conf); }
};
struct RdKafkaTopicConfDeleter {
    void operator()(rd_kafka_topic_conf_t* conf) const noexcept { rd_kafka_topic_conf_destroy(conf); }
};
struct RdKafkaTopicPartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* list) const noexcept
    {
        rd_kafka_topic_partition_list_destroy(list);
    }
};
struct RdKafkaQueueDeleter {
    void operator()(rd_kafka_queue_t* queue) const noexcept { rd_kafka_queue_destroy(queue); }
};
struct RdKafkaEventDeleter {
    void operator()(rd_kafka_event_t* event) const noexcept { rd_kafka_event_destroy(event); }
};
struct RdKafkaMessageDeleter {
    void operator()(rd_kafka_message_t* message) const noexcept { rd_kafka_message_destroy(message); }
};
struct RdKafkaTopicDeleter {
    void operator()(rd_kafka_topic_t* topic) const noexcept { rd_kafka_topic_destroy(topic); }
};
struct RdKafkaHeadersDeleter {
    void operator()(rd_kafka_headers_t* headers) const noexcept { rd_kafka_headers_destroy(headers); }
};
struct RdKafkaErrorDeleter {
    void operator()(rd_kafka_error_t* error) const noexcept { rd_kafka_error_destroy(error); }
};
struct RdKafkaAdminOptionsDeleter {
    void operator()(rd_kafka_AdminOptions_t* options) const noexcept
    {
        rd_kafka_AdminOptions_destroy(options);
    }
};
struct RdKafkaNewTopicDeleter {
    void operator()(rd_kafka_NewTopic_t* topic) const noexcept { rd_kafka_NewTopic_destroy(topic); }
};

using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using RdKafkaConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaConfDeleter>;
using RdKafkaTopicConfPtr = std::unique_ptr<rd_kafka_topic_conf_t, RdKafkaTopicConfDeleter>;
using RdKafkaTopicPartitionListPtr =
    std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaTopicPartitionListDeleter>;
using RdKafkaQueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaQueueDeleter>;
using RdKafkaEventPtr = std::unique_ptr<rd_kafka_event_t, RdKafkaEventDeleter>;
using RdKafkaMessagePtr = std::unique_ptr<rd_kafka_message_t, RdKafkaMessageDeleter>;
using RdKafkaTopicPtr = std::unique_ptr<rd_kafka_topic_t, RdKafkaTopicDeleter>;
using RdKafkaHeadersPtr = std::unique_ptr<rd_kafka_headers_t, RdKafkaHeadersDeleter>;
using RdKafkaErrorPtr = std::unique_ptr<rd_kafka_error_t, RdKafkaErrorDeleter>;
using RdKafkaAdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaAdminOptionsDeleter>;
using RdKafkaNewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, RdKafkaNewTopicDeleter>;

} // namespace connectdesk::kafka
