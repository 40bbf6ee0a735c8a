// A librdkafka failure carried as an exception with its rd_kafka_resp_err_t code, so callers can
// tell retriable broker errors from configuration mistakes (STYLE.md: errors carried with their code).
#pragma once

#include <librdkafka/rdkafka.h>

#include <stdexcept>
#include <string>

namespace connectdesk::kafka {

class KafkaError : public std::runtime_error {
public:
    KafkaError(rd_kafka_resp_err_t code, const std::string& message)
        : std::runtime_error(message), m_code(code)
    {
    }

    // Takes the code and text of an rd_kafka_error_t (which the caller still owns), prefixed by
    // what was being done, e.g. "creating topic 'x'".
    static KafkaError fromError(const rd_kafka_error_t* error, const std::string& context)
    {
        return KafkaError(rd_kafka_error_code(error), context + ": " + rd_kafka_error_string(error));
    }

    // A resp_err_t with librdkafka's description, prefixed by context.
    static KafkaError fromCode(rd_kafka_resp_err_t code, const std::string& context)
    {
        return KafkaError(code, context + ": " + rd_kafka_err2str(code));
    }

    rd_kafka_resp_err_t code() const noexcept { return m_code; }
    // The symbolic name librdkafka gives the code ("_TIMED_OUT", "UNKNOWN_TOPIC_OR_PART").
    const char* codeName() const noexcept { return rd_kafka_err2name(m_code); }

private:
    rd_kafka_resp_err_t m_code;
};

} // namespace connectdesk::kafka
