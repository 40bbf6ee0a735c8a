#include "observe/topic_peek.h"

#include "converters/converter_registry.h"
#include "converters/json_converter.h"
#include "kafka/kafka_error.h"
#include "observe/kafka_reading.h"
#include "observe/observe_json.h"

#include <connectdesk/sdk/errors.h>

#include <QElapsedTimer>
#include <QStringDecoder>

#include <algorithm>
#include <map>
#include <memory>

namespace connectdesk::observe {

namespace {

constexpr int kPollMs = 100;

// A converter role as the worker configures it (spec §5.1): the class from `<role>.converter`,
// its settings from the `<role>.converter.` keys with the prefix stripped, plus converter.type.
struct Role {
    std::unique_ptr<sdk::Converter> converter;
    std::unique_ptr<sdk::HeaderConverter> headerConverter;
    bool isJsonConverter = false;
    bool schemasEnabled = false;
};

sdk::ConfigMap prefixed(const QMap<QString, QString>& config, const QString& prefix, const char* type)
{
    sdk::ConfigMap out;
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (it.key().startsWith(prefix) && it.key().size() > prefix.size())
            out[it.key().mid(prefix.size()).toStdString()] = it.value().toStdString();
    }
    out["converter.type"] = type;
    return out;
}

// Creates the role's converter; nothing when the config does not name one. Throws on an unknown
// class or a bad setting (ConfigException), as the worker would refuse to start the task.
Role makeRole(const converters::ConverterRegistry& registry, const QMap<QString, QString>& config,
              const QString& name, const char* type)
{
    Role role;
    const QString className = config.value(name).trimmed();
    if (className.isEmpty())
        return role;
    const sdk::ConfigMap props = prefixed(config, name + QLatin1Char('.'), type);
    if (std::string_view(type) == "header") {
        role.headerConverter = registry.createHeaderConverter(className.toStdString());
        role.headerConverter->configure(props);
        return role;
    }
    role.converter = registry.createConverter(className.toStdString());
    role.converter->configure(props, std::string_view(type) == "key");
    if (const auto* json = dynamic_cast<const converters::JsonConverter*>(role.converter.get())) {
        role.isJsonConverter = true;
        role.schemasEnabled = json->config().schemasEnable;
    }
    return role;
}

// Text of bytes that are not JSON: UTF-8 as is when it is valid UTF-8, else escaped.
QString plainText(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return decoder.hasError() ? escapedBytes(bytes) : text;
}

struct Rendered {
    QString text;
    QString schemaText;
    QString error;
};

// Renders decoded Connect data: strings as they are, bytes escaped, everything else as the JSON
// payload JsonConverter would write for it (so structs, maps and logical types look as in Connect).
Rendered renderData(converters::JsonConverter& payloadWriter, const sdk::SchemaAndValue& data, bool asJson)
{
    Rendered out;
    if (data.value.isNull()) {
        out.text = asJson ? QStringLiteral("null") : QString();
        return out;
    }
    if (!asJson) {
        if (const auto* text = data.value.getIf<std::string>()) {
            out.text = QString::fromStdString(*text);
            return out;
        }
        if (const auto* bytes = data.value.getIf<sdk::Bytes>()) {
            out.text = escapedBytes(QByteArray(reinterpret_cast<const char*>(bytes->data()),
                                               static_cast<qsizetype>(bytes->size())));
            return out;
        }
    }
    std::string json;
    payloadWriter.serialize(data.schema, data.value, json);
    out.text = detail::prettyJsonText(QByteArray::fromStdString(json)).value_or(QString::fromStdString(json));
    return out;
}

// No converter configured: show a JsonConverter envelope as one, other JSON pretty, else text.
Rendered guess(const QByteArray& bytes)
{
    Rendered out;
    if (const std::optional<detail::EnvelopeText> envelope = detail::prettyEnvelope(bytes)) {
        out.text = envelope->payload;
        out.schemaText = envelope->schema;
        return out;
    }
    out.text = detail::prettyJsonText(bytes).value_or(plainText(bytes));
    return out;
}

Rendered decodeWith(Role& role, converters::JsonConverter& payloadWriter, const std::string& topic,
                    const std::optional<QByteArray>& bytes)
{
    if (!role.converter)
        return bytes ? guess(*bytes) : Rendered{};
    Rendered out;
    try {
        std::optional<sdk::ByteView> view;
        if (bytes)
            view = sdk::ByteView(reinterpret_cast<const std::uint8_t*>(bytes->constData()),
                                 static_cast<std::size_t>(bytes->size()));
        const sdk::Headers none;
        const sdk::SchemaAndValue data = role.converter->toConnectData(topic, none, view);
        out = renderData(payloadWriter, data, role.isJsonConverter);
        if (role.isJsonConverter && role.schemasEnabled && data.schema) {
            auto* json = dynamic_cast<converters::JsonConverter*>(role.converter.get());
            const std::string schema = json->schemaToJson(data.schema);
            out.schemaText = detail::prettyJsonText(QByteArray::fromStdString(schema))
                                 .value_or(QString::fromStdString(schema));
        }
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
        out.text = bytes ? plainText(*bytes) : QString();
    }
    return out;
}

QString decodeHeader(Role& role, converters::JsonConverter& payloadWriter, const std::string& topic,
                     const QString& name, const std::optional<QByteArray>& bytes)
{
    if (!bytes)
        return QStringLiteral("null");
    try {
        const sdk::SchemaAndValue data = role.headerConverter->toConnectHeader(
            topic, name.toStdString(),
            sdk::ByteView(reinterpret_cast<const std::uint8_t*>(bytes->constData()),
                          static_cast<std::size_t>(bytes->size())));
        return renderData(payloadWriter, data, false).text;
    } catch (const std::exception&) {
        return plainText(*bytes);
    }
}

} // namespace

PeekResult peekLast(const PeekRequest& request)
{
    PeekResult result;
    QElapsedTimer timer;
    timer.start();
    const auto remainingMs = [&] {
        return std::max(0, request.timeoutMs - static_cast<int>(timer.elapsed()));
    };
    const int lastN = std::max(request.lastN, 0);
    const std::string topic = request.topic.toStdString();

    // Converters first: a bad class name is the user's to fix before any Kafka traffic.
    Role key;
    Role value;
    Role header;
    converters::JsonConverter payloadWriter;
    try {
        const converters::ConverterRegistry registry = converters::ConverterRegistry::withBuiltins();
        key = makeRole(registry, request.converterConfig, QStringLiteral("key.converter"), "key");
        value = makeRole(registry, request.converterConfig, QStringLiteral("value.converter"), "value");
        QMap<QString, QString> headerConfig = request.converterConfig;
        if (headerConfig.value(QStringLiteral("header.converter")).trimmed().isEmpty())
            headerConfig[QStringLiteral("header.converter")] =
                QStringLiteral("org.apache.kafka.connect.storage.SimpleHeaderConverter");
        header = makeRole(registry, headerConfig, QStringLiteral("header.converter"), "header");
        payloadWriter.configure({{"schemas.enable", "false"}, {"converter.type", "value"}}, false);
    } catch (const std::exception& e) {
        result.error = QStringLiteral("converter settings: %1").arg(QString::fromUtf8(e.what()));
        return result;
    }
    if (lastN == 0)
        return result;

    QString clientError;
    // The first report is kept: it names the cause (refused connection at an address, TLS, auth),
    // later ones tend to be the summary "1/1 brokers are down".
    const detail::ClientErrorSink errorSink = [&clientError](const QString& message) {
        if (clientError.isEmpty())
            clientError = message;
    };
    kafka::RdKafkaPtr consumer;
    try {
        consumer = detail::makeReaderConsumer(request.properties, &errorSink);
    } catch (const kafka::KafkaError& e) {
        result.error = QString::fromUtf8(e.what());
        return result;
    }
    const detail::PartitionsResult partitions = detail::topicPartitions(consumer.get(), topic, remainingMs());
    if (partitions.error != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // Serve the queued error_cb reports, which say why (refused connection, TLS, auth...).
        for (int i = 0; i < 10; ++i) {
            if (rd_kafka_message_t* raw = rd_kafka_consumer_poll(consumer.get(), 0))
                rd_kafka_message_destroy(raw);
        }
        result.error = clientError.isEmpty() ? partitions.message
                                             : QStringLiteral("%1 (%2)").arg(partitions.message, clientError);
        return result;
    }

    // Where each partition's newest lastN records start, and the offset reading stops before.
    std::map<std::int32_t, std::int64_t> ends;
    kafka::RdKafkaTopicPartitionListPtr assignment(
        rd_kafka_topic_partition_list_new(static_cast<int>(partitions.partitions.size())));
    for (const std::int32_t partition : partitions.partitions) {
        std::int64_t low = 0;
        std::int64_t high = 0;
        const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
            consumer.get(), topic.c_str(), partition, &low, &high, remainingMs());
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            result.error = QStringLiteral("cannot read the offsets of %1-%2: %3")
                               .arg(request.topic)
                               .arg(partition)
                               .arg(QString::fromUtf8(rd_kafka_err2str(err)));
            return result;
        }
        if (high <= low)
            continue;
        ends[partition] = high;
        rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), partition)->offset =
            std::max(low, high - lastN);
    }
    if (ends.empty())
        return result; // every partition is empty
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(consumer.get(), assignment.get())) {
        result.error = QStringLiteral("cannot read topic '%1': %2")
                           .arg(request.topic, QString::fromUtf8(rd_kafka_err2str(err)));
        return result;
    }

    std::vector<TopicRecord> records;
    std::map<std::int32_t, std::int64_t> pending = ends; // partitions not read to their end yet
    while (!pending.empty()) {
        if (remainingMs() == 0) {
            result.error =
                QStringLiteral("timed out after %1 ms reading the last records of '%2'%3")
                    .arg(request.timeoutMs)
                    .arg(request.topic,
                         clientError.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(clientError));
            break;
        }
        const kafka::RdKafkaMessagePtr message(
            rd_kafka_consumer_poll(consumer.get(), std::min(kPollMs, remainingMs())));
        if (!message)
            continue;
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            pending.erase(message->partition);
            continue;
        }
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            clientError = QString::fromUtf8(rd_kafka_message_errstr(message.get()));
            continue;
        }
        const auto end = pending.find(message->partition);
        if (end == pending.end() || message->offset >= end->second)
            continue; // written after the peek started
        records.push_back(detail::copyRecord(message.get()));
        if (message->offset + 1 >= end->second)
            pending.erase(end);
    }
    rd_kafka_assign(consumer.get(), nullptr);

    std::sort(records.begin(), records.end(), [](const TopicRecord& a, const TopicRecord& b) {
        return std::tie(a.timestampMs, a.partition, a.offset) <
               std::tie(b.timestampMs, b.partition, b.offset);
    });
    const std::size_t skip = records.size() > static_cast<std::size_t>(lastN)
                                 ? records.size() - static_cast<std::size_t>(lastN)
                                 : 0;
    for (std::size_t i = skip; i < records.size(); ++i) {
        PeekedRecord peeked;
        peeked.raw = std::move(records[i]);
        const Rendered k = decodeWith(key, payloadWriter, topic, peeked.raw.key);
        peeked.keyText = k.text;
        peeked.keySchemaText = k.schemaText;
        peeked.keyDecodeError = k.error;
        const Rendered v = decodeWith(value, payloadWriter, topic, peeked.raw.value);
        peeked.valueText = v.text;
        peeked.valueSchemaText = v.schemaText;
        peeked.decodeError = v.error;
        for (const auto& [name, bytes] : peeked.raw.headers)
            peeked.headers.append({name, decodeHeader(header, payloadWriter, topic, name, bytes)});
        result.records.append(std::move(peeked));
    }
    return result;
}

} // namespace connectdesk::observe
