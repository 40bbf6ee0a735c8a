#include "observe/kafka_reading.h"

#include "kafka/kafka_conf.h"
#include "kafka/kafka_error.h"

#include <QRegularExpression>
#include <QUuid>

namespace connectdesk::observe::detail {

namespace {

void forwardClientError(rd_kafka_t* /*rk*/, int err, const char* reason, void* opaque)
{
    const auto* sink = static_cast<const ClientErrorSink*>(opaque);
    if (sink && *sink) {
        const auto code = static_cast<rd_kafka_resp_err_t>(err);
        // librdkafka repeats a failing connect with ", N identical error(s) suppressed" appended;
        // without the counter the repeat is the same text, which the readers then report once.
        static const QRegularExpression kSuppressed(
            QStringLiteral(", \\d+ identical error\\(s\\) suppressed"));
        QString text = QString::fromUtf8(reason);
        text.remove(kSuppressed);
        (*sink)(QStringLiteral("Kafka: %1 (%2)").arg(text, QString::fromUtf8(rd_kafka_err2name(code))));
    }
}

kafka::RdKafkaConfPtr baseConf(const ClientProperties& properties, const ClientErrorSink* errorSink)
{
    kafka::RdKafkaConfPtr conf = kafka::makeConf(properties);
    rd_kafka_conf_set_opaque(conf.get(), const_cast<ClientErrorSink*>(errorSink)); // NOLINT: C API opaque
    rd_kafka_conf_set_error_cb(conf.get(), &forwardClientError);
    return conf;
}

} // namespace

kafka::RdKafkaPtr makeReaderConsumer(const ClientProperties& properties, const ClientErrorSink* errorSink)
{
    kafka::RdKafkaConfPtr conf = baseConf(properties, errorSink);
    // librdkafka refuses assign() and rd_kafka_consumer_poll() without a group.id (no cgrp:
    // _UNKNOWN_GROUP), so a private one is set; it is never joined (assign only, no subscribe)
    // and nothing is committed, so watching a cluster leaves no trace in it.
    if (properties.find("group.id") == properties.end()) {
        kafka::setConf(conf.get(), "group.id",
                       "connectdesk-observe-" + QUuid::createUuid().toString(QUuid::Id128).toStdString());
    }
    kafka::setConf(conf.get(), "enable.auto.commit", "false");
    kafka::setConf(conf.get(), "enable.auto.offset.store", "false");
    kafka::setConf(conf.get(), "enable.partition.eof", "true");
    kafka::setConf(conf.get(), "allow.auto.create.topics", "false");
    kafka::RdKafkaPtr rk = kafka::makeClient(RD_KAFKA_CONSUMER, std::move(conf));
    // error_cb and messages then arrive through rd_kafka_consumer_poll on the reader's thread.
    rd_kafka_poll_set_consumer(rk.get());
    return rk;
}

kafka::RdKafkaPtr makeQueryClient(const ClientProperties& properties, const ClientErrorSink* errorSink)
{
    kafka::RdKafkaConfPtr conf = baseConf(properties, errorSink);
    return kafka::makeClient(RD_KAFKA_PRODUCER, std::move(conf));
}

PartitionsResult topicPartitions(rd_kafka_t* rk, const std::string& topic, int timeoutMs)
{
    PartitionsResult result;
    kafka::RdKafkaTopicPtr handle(rd_kafka_topic_new(rk, topic.c_str(), nullptr));
    if (!handle) {
        result.error = rd_kafka_last_error();
        result.message =
            QStringLiteral("cannot open topic '%1': %2")
                .arg(QString::fromStdString(topic), QString::fromUtf8(rd_kafka_err2str(result.error)));
        return result;
    }
    const rd_kafka_metadata_t* metadata = nullptr;
    result.error = rd_kafka_metadata(rk, 0, handle.get(), &metadata, timeoutMs);
    if (result.error != RD_KAFKA_RESP_ERR_NO_ERROR) {
        result.message =
            QStringLiteral("cannot read metadata of topic '%1': %2")
                .arg(QString::fromStdString(topic), QString::fromUtf8(rd_kafka_err2str(result.error)));
        return result;
    }
    if (metadata->topic_cnt < 1 || metadata->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR ||
        metadata->topics[0].partition_cnt == 0) {
        result.error = metadata->topic_cnt < 1 || metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR
                           ? RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
                           : metadata->topics[0].err;
        if (result.error == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
            result.message = QStringLiteral("topic '%1' does not exist").arg(QString::fromStdString(topic));
        else
            result.message =
                QStringLiteral("topic '%1' is not readable: %2")
                    .arg(QString::fromStdString(topic), QString::fromUtf8(rd_kafka_err2str(result.error)));
        rd_kafka_metadata_destroy(metadata);
        return result;
    }
    const rd_kafka_metadata_topic_t& info = metadata->topics[0];
    result.partitions.reserve(static_cast<std::size_t>(info.partition_cnt));
    for (int i = 0; i < info.partition_cnt; ++i)
        result.partitions.push_back(info.partitions[i].id);
    rd_kafka_metadata_destroy(metadata);
    return result;
}

TopicRecord copyRecord(const rd_kafka_message_t* message)
{
    TopicRecord record;
    record.topic = QString::fromUtf8(rd_kafka_topic_name(message->rkt));
    record.partition = message->partition;
    record.offset = message->offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    record.timestampMs = rd_kafka_message_timestamp(message, &type);
    if (message->key)
        record.key =
            QByteArray(static_cast<const char*>(message->key), static_cast<qsizetype>(message->key_len));
    if (message->payload)
        record.value =
            QByteArray(static_cast<const char*>(message->payload), static_cast<qsizetype>(message->len));
    rd_kafka_headers_t* headers = nullptr;
    // The headers stay owned by the message.
    if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR && headers) {
        const char* name = nullptr;
        const void* value = nullptr;
        std::size_t size = 0;
        for (std::size_t i = 0;
             rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
            std::optional<QByteArray> bytes;
            if (value)
                bytes = QByteArray(static_cast<const char*>(value), static_cast<qsizetype>(size));
            record.headers.append({QString::fromUtf8(name), bytes});
        }
    }
    return record;
}

} // namespace connectdesk::observe::detail
