#include "connect_ref_support.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include <vector>

namespace connectdesk::observe::testing {

QString uniqueName(const QString& prefix)
{
    return QStringLiteral("%1-%2").arg(prefix, QUuid::createUuid().toString(QUuid::Id128).left(10));
}

RestReply ConnectRest::call(const QByteArray& verb, const QString& path, const QJsonValue& body)
{
    QNetworkRequest request(m_base.resolved(QUrl(path)));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(30000);
    QByteArray payload;
    if (body.isObject())
        payload = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, payload));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    RestReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->readAll();
    out.text = out.status == 0 ? reply->errorString() : QString::fromUtf8(bytes);
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject())
        out.json = document.object();
    else if (document.isArray())
        out.json = document.array();
    return out;
}

QString ConnectRest::putConfig(const QString& name, const QMap<QString, QString>& config)
{
    QJsonObject body;
    for (auto it = config.begin(); it != config.end(); ++it)
        body.insert(it.key(), it.value());
    const RestReply reply = call("PUT", QStringLiteral("/connectors/%1/config").arg(name), body);
    if (reply.status == 200 || reply.status == 201)
        return {};
    return QStringLiteral("HTTP %1: %2").arg(reply.status).arg(reply.text);
}

void ConnectRest::deleteConnector(const QString& name)
{
    (void)call("DELETE", QStringLiteral("/connectors/%1").arg(name));
}

QString ConnectRest::state(const QString& name, int task)
{
    const RestReply reply = call("GET", QStringLiteral("/connectors/%1/status").arg(name));
    const QJsonObject status = reply.json.toObject();
    if (task < 0)
        return status.value(QLatin1String("connector")).toObject().value(QLatin1String("state")).toString();
    for (const QJsonValue& t : status.value(QLatin1String("tasks")).toArray()) {
        if (t.toObject().value(QLatin1String("id")).toInt(-1) == task)
            return t.toObject().value(QLatin1String("state")).toString();
    }
    return {};
}

QString ConnectRest::taskTrace(const QString& name, int task)
{
    const RestReply reply = call("GET", QStringLiteral("/connectors/%1/status").arg(name));
    for (const QJsonValue& t : reply.json.toObject().value(QLatin1String("tasks")).toArray()) {
        if (t.toObject().value(QLatin1String("id")).toInt(-1) == task)
            return t.toObject().value(QLatin1String("trace")).toString();
    }
    return {};
}

KafkaHelper::KafkaHelper(const QString& bootstrap)
{
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char errstr[512] = {};
    const QByteArray servers = bootstrap.toUtf8();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", servers.constData(), errstr, sizeof errstr) !=
            RD_KAFKA_CONF_OK ||
        rd_kafka_conf_set(conf, "linger.ms", "0", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        m_error = QString::fromUtf8(errstr);
        rd_kafka_conf_destroy(conf);
        return;
    }
    m_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!m_rk) {
        m_error = QString::fromUtf8(errstr);
        rd_kafka_conf_destroy(conf);
    }
}

KafkaHelper::~KafkaHelper()
{
    if (m_rk) {
        rd_kafka_flush(m_rk, 10000);
        rd_kafka_destroy(m_rk);
    }
}

bool KafkaHelper::createTopic(const QString& topic, int partitions)
{
    char errstr[512] = {};
    const QByteArray name = topic.toUtf8();
    rd_kafka_NewTopic_t* newTopic =
        rd_kafka_NewTopic_new(name.constData(), partitions, 1, errstr, sizeof errstr);
    if (!newTopic) {
        m_error = QString::fromUtf8(errstr);
        return false;
    }
    rd_kafka_queue_t* queue = rd_kafka_queue_new(m_rk);
    rd_kafka_CreateTopics(m_rk, &newTopic, 1, nullptr, queue);
    rd_kafka_NewTopic_destroy(newTopic);
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
    bool ok = false;
    if (!event) {
        m_error = QStringLiteral("no CreateTopics answer within 30 s");
    } else if (rd_kafka_event_error(event)) {
        m_error = QString::fromUtf8(rd_kafka_event_error_string(event));
    } else {
        std::size_t count = 0;
        const rd_kafka_topic_result_t** results =
            rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        ok = count == 1 && rd_kafka_topic_result_error(results[0]) == RD_KAFKA_RESP_ERR_NO_ERROR;
        if (!ok && count == 1)
            m_error = QString::fromUtf8(rd_kafka_topic_result_error_string(results[0]));
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_queue_destroy(queue);
    return ok;
}

bool KafkaHelper::produce(const QString& topic, int partition, const std::optional<QByteArray>& key,
                          const std::optional<QByteArray>& value,
                          const QList<QPair<QString, QByteArray>>& headers)
{
    const QByteArray name = topic.toUtf8();
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(static_cast<std::size_t>(headers.size()));
    for (const auto& [headerName, headerValue] : headers) {
        const QByteArray n = headerName.toUtf8();
        rd_kafka_header_add(hdrs, n.constData(), n.size(), headerValue.constData(), headerValue.size());
    }
    // rd_kafka_produceva: the RD_KAFKA_V_* macros of rd_kafka_producev use C casts (-Werror).
    std::vector<rd_kafka_vu_t> args(6);
    args[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    args[0].u.cstr = name.constData();
    args[1].vtype = RD_KAFKA_VTYPE_PARTITION;
    args[1].u.i32 = partition;
    args[2].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    args[2].u.i = RD_KAFKA_MSG_F_COPY;
    args[3].vtype = RD_KAFKA_VTYPE_KEY;
    args[3].u.mem.ptr = key ? const_cast<char*>(key->constData()) : nullptr;
    args[3].u.mem.size = key ? static_cast<std::size_t>(key->size()) : 0;
    args[4].vtype = RD_KAFKA_VTYPE_VALUE;
    args[4].u.mem.ptr = value ? const_cast<char*>(value->constData()) : nullptr;
    args[4].u.mem.size = value ? static_cast<std::size_t>(value->size()) : 0;
    args[5].vtype = RD_KAFKA_VTYPE_HEADERS;
    args[5].u.headers = hdrs;
    if (rd_kafka_error_t* error = rd_kafka_produceva(m_rk, args.data(), args.size())) {
        m_error = QString::fromUtf8(rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
        rd_kafka_headers_destroy(hdrs);
        return false;
    }
    const rd_kafka_resp_err_t flushed = rd_kafka_flush(m_rk, 30000);
    if (flushed) {
        m_error = QString::fromUtf8(rd_kafka_err2str(flushed));
        return false;
    }
    return true;
}

qint64 KafkaHelper::endOffsetSum(const QString& topic, int partitions)
{
    const QByteArray name = topic.toUtf8();
    qint64 sum = 0;
    for (int p = 0; p < partitions; ++p) {
        int64_t low = 0;
        int64_t high = 0;
        const rd_kafka_resp_err_t err =
            rd_kafka_query_watermark_offsets(m_rk, name.constData(), p, &low, &high, 10000);
        if (err) {
            m_error = QString::fromUtf8(rd_kafka_err2str(err));
            return -1;
        }
        sum += high;
    }
    return sum;
}

} // namespace connectdesk::observe::testing
