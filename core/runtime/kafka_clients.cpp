#include "runtime/kafka_clients.h"

#include <connectdesk/sdk/errors.h>

#include <librdkafka/rdkafka_mock.h>
#include <set>

namespace connectdesk::runtime {

bool isJavaOnlyClientKey(const std::string& key)
{
    static const std::set<std::string> javaOnly = {"key.serializer",
                                                   "value.serializer",
                                                   "key.deserializer",
                                                   "value.deserializer",
                                                   "max.block.ms",
                                                   "interceptor.classes",
                                                   "metric.reporters",
                                                   "metrics.num.samples",
                                                   "metrics.sample.window.ms",
                                                   "metrics.recording.level",
                                                   "partitioner.class",
                                                   "buffer.memory",
                                                   "auto.include.jmx.reporter",
                                                   "client.dns.lookup"};
    return javaOnly.count(key) != 0 || key.rfind("metrics.context.", 0) == 0;
}

RdKafkaConfPtr makeConf(const ConfigMap& props)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    char err[512];
    for (const auto& [k, v] : props) {
        if (isJavaOnlyClientKey(k)) {
            continue;
        }
        if (rd_kafka_conf_set(conf.get(), k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
            throw sdk::ConfigException(k, v, err);
        }
    }
    return conf;
}

RdKafkaPtr makeClient(rd_kafka_type_t type, RdKafkaConfPtr conf)
{
    char err[512];
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
    if (rk == nullptr) {
        throw KafkaError(RD_KAFKA_RESP_ERR__INVALID_ARG, err);
    }
    conf.release(); // owned by rk now
    return RdKafkaPtr(rk);
}

rd_kafka_resp_err_t produceCopy(rd_kafka_t* rk, const ProduceArgs& args)
{
    rd_kafka_vu_t vu[9];
    std::size_t n = 0;
    vu[n].vtype = RD_KAFKA_VTYPE_TOPIC;
    vu[n++].u.cstr = args.topic;
    vu[n].vtype = RD_KAFKA_VTYPE_PARTITION;
    vu[n++].u.i32 = args.partition;
    vu[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    vu[n++].u.i = RD_KAFKA_MSG_F_COPY;
    vu[n].vtype = RD_KAFKA_VTYPE_KEY;
    vu[n].u.mem.ptr = const_cast<void*>(args.key);
    vu[n++].u.mem.size = args.keyLen;
    vu[n].vtype = RD_KAFKA_VTYPE_VALUE;
    vu[n].u.mem.ptr = const_cast<void*>(args.value);
    vu[n++].u.mem.size = args.valueLen;
    vu[n].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
    vu[n++].u.i64 = args.timestamp;
    if (args.headers != nullptr) {
        vu[n].vtype = RD_KAFKA_VTYPE_HEADERS;
        vu[n++].u.headers = args.headers;
    }
    vu[n].vtype = RD_KAFKA_VTYPE_OPAQUE;
    vu[n++].u.ptr = args.opaque;
    rd_kafka_error_t* error = rd_kafka_produceva(rk, vu, n);
    if (error == nullptr) {
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    rd_kafka_error_destroy(error);
    return code;
}

SandboxKafka::SandboxKafka(int brokers)
{
    // The mock cluster needs a host handle; a producer with no brokers of its own serves.
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    char err[512];
    rd_kafka_conf_set(conf.get(), "log_level", "3", err, sizeof err);
    m_handle = makeClient(RD_KAFKA_PRODUCER, std::move(conf));
    m_cluster = rd_kafka_mock_cluster_new(m_handle.get(), brokers);
    if (m_cluster == nullptr) {
        throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "Failed to create the sandbox mock cluster");
    }
    m_bootstrap = rd_kafka_mock_cluster_bootstraps(m_cluster);
}

void SandboxKafka::createTopic(const std::string& name, int partitions)
{
    const auto err = rd_kafka_mock_topic_create(m_cluster, name.c_str(), partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw KafkaError(err, "Failed to create sandbox topic " + name + ": " + rd_kafka_err2str(err));
    }
}

SandboxKafka::~SandboxKafka()
{
    if (m_cluster != nullptr) {
        rd_kafka_mock_cluster_destroy(m_cluster);
    }
}

} // namespace connectdesk::runtime
