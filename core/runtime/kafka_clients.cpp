// librdkafka plumbing specific to the runtime (see kafka_clients.h).
#include "runtime/kafka_clients.h"

#include <connectdesk/sdk/errors.h>

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

RdKafkaConfPtr makeClientConf(const ConfigMap& props)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    for (const auto& [k, v] : props) {
        if (isJavaOnlyClientKey(k)) {
            continue;
        }
        try {
            kafka::setConf(conf.get(), k, v);
        } catch (const kafka::KafkaError& e) {
            // Keep librdkafka's reason only: ConfigException already names the key and value.
            std::string reason = e.what();
            const std::string prefix = "invalid Kafka client property '" + k + "': ";
            if (reason.rfind(prefix, 0) == 0) {
                reason.erase(0, prefix.size());
            }
            throw sdk::ConfigException(k, v, reason);
        }
    }
    return conf;
}

rd_kafka_resp_err_t produceCopy(rd_kafka_t* rk, const ProduceArgs& args)
{
    rd_kafka_vu_t vu[9];
    std::size_t n = 0;
    if (args.rkt != nullptr) {
        vu[n].vtype = RD_KAFKA_VTYPE_RKT;
        vu[n++].u.rkt = args.rkt;
    } else {
        vu[n].vtype = RD_KAFKA_VTYPE_TOPIC;
        vu[n++].u.cstr = args.topic;
    }
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

} // namespace connectdesk::runtime
