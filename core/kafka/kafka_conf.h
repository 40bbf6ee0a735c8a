// Building librdkafka configurations and clients from string maps with every librdkafka result
// checked, so a bad key or value surfaces as one clear error naming it instead of being ignored.
#pragma once

#include "kafka/kafka_handle.h"

#include <map>
#include <string>

namespace connectdesk::kafka {

using ClientProperties = std::map<std::string, std::string>;

// A new rd_kafka_conf_t holding every property. Throws KafkaError (code _INVALID_ARG) whose
// message names the first rejected key and librdkafka's reason, e.g.
// "invalid Kafka client property 'foo.bar': No such configuration property: \"foo.bar\"".
// Nothing is partially applied: on error the conf is freed.
RdKafkaConfPtr makeConf(const ClientProperties& properties);

// Sets one more property on conf; same error contract as makeConf.
void setConf(rd_kafka_conf_t* conf, const std::string& key, const std::string& value);

// rd_kafka_new taking ownership of conf (librdkafka frees it on success; we free it on failure).
// Throws KafkaError with librdkafka's errstr.
RdKafkaPtr makeClient(rd_kafka_type_t type, RdKafkaConfPtr conf);

} // namespace connectdesk::kafka
