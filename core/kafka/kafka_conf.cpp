// Building librdkafka configurations and clients from string maps with every result checked.
#include "kafka/kafka_conf.h"

#include "kafka/kafka_error.h"

#include <array>

namespace connectdesk::kafka {

void setConf(rd_kafka_conf_t* conf, const std::string& key, const std::string& value)
{
    std::array<char, 512> errstr{};
    const rd_kafka_conf_res_t res =
        rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr.data(), errstr.size());
    if (res != RD_KAFKA_CONF_OK) {
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                         "invalid Kafka client property '" + key + "': " + std::string(errstr.data()));
    }
}

RdKafkaConfPtr makeConf(const ClientProperties& properties)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    for (const auto& [key, value] : properties)
        setConf(conf.get(), key, value);
    return conf;
}

RdKafkaPtr makeClient(rd_kafka_type_t type, RdKafkaConfPtr conf)
{
    if (!conf)
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                         "cannot create a Kafka client without a configuration");
    std::array<char, 512> errstr{};
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), errstr.data(), errstr.size());
    if (!rk) {
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG,
                         std::string("cannot create Kafka ") +
                             (type == RD_KAFKA_PRODUCER ? "producer" : "consumer") + ": " + errstr.data());
    }
    // rd_kafka_new took the conf over.
    static_cast<void>(conf.release());
    return RdKafkaPtr(rk);
}

} // namespace connectdesk::kafka
