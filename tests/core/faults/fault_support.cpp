#include "fault_support.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace connectdesk::faults {

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = -1;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
        port = ntohs(addr.sin_port);
    }
    ::close(fd);
    return port;
}

void writeProperties(const QString& path, const std::map<QString, QString>& props)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return;
    }
    for (const auto& [k, v] : props) {
        f.write(k.toUtf8() + '=' + v.toUtf8() + '\n');
    }
}

std::map<QString, QString> baseWorkerProperties(const QString& dir, const QString& bootstrap, int restPort,
                                                const QStringList& extraPluginDirs)
{
    QStringList pluginPath{QStringLiteral(CONNECTDESK_FAULTS_PLUGIN_DIR)};
    pluginPath += extraPluginDirs;
    return {
        {QStringLiteral("bootstrap.servers"), bootstrap},
        {QStringLiteral("key.converter"), QStringLiteral("org.apache.kafka.connect.storage.StringConverter")},
        {QStringLiteral("value.converter"),
         QStringLiteral("org.apache.kafka.connect.storage.StringConverter")},
        {QStringLiteral("offset.storage.file.filename"), dir + QStringLiteral("/worker.offsets")},
        {QStringLiteral("offset.flush.interval.ms"), QStringLiteral("1000")},
        {QStringLiteral("listeners"), QStringLiteral("http://127.0.0.1:%1").arg(restPort)},
        {QStringLiteral("plugin.path"), pluginPath.join(QLatin1Char(','))},
        // A SIGKILLed sink consumer stays in its group until the session times out; the broker's
        // minimum (group.min.session.timeout.ms) keeps the rebalance after a restart short.
        {QStringLiteral("consumer.session.timeout.ms"), QStringLiteral("6000")},
        {QStringLiteral("consumer.heartbeat.interval.ms"), QStringLiteral("1000")},
    };
}

WorkerProcess::WorkerProcess(QString workerProperties, QStringList connectorFiles, QString logFile)
    : m_properties(std::move(workerProperties)), m_connectorFiles(std::move(connectorFiles)),
      m_logFile(std::move(logFile))
{
}

WorkerProcess::~WorkerProcess()
{
    if (running()) {
        kill();
    }
}

bool WorkerProcess::start()
{
    m_process.setProgram(QStringLiteral(CONNECTDESK_FAULTS_WORKER_EXE));
    m_process.setArguments(QStringList{m_properties} + m_connectorFiles);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_logFile, QIODevice::Append);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.start();
    return m_process.waitForStarted(10000);
}

void WorkerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

bool WorkerProcess::terminate(int timeoutMs)
{
    m_process.terminate();
    if (m_process.waitForFinished(timeoutMs)) {
        return true;
    }
    kill();
    return false;
}

QByteArray WorkerProcess::logTail(qint64 bytes) const
{
    QFile f(m_logFile);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    if (f.size() > bytes) {
        f.seek(f.size() - bytes);
    }
    return f.readAll();
}

HttpReply http(QNetworkAccessManager& network, const QByteArray& method, const QString& url,
               const QByteArray& body, int timeoutMs)
{
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    QElapsedTimer timer;
    timer.start();
    QNetworkReply* reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    if (!reply->isFinished()) {
        loop.exec();
    }
    HttpReply out;
    out.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    if (!reply->isFinished()) {
        out.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        reply->abort();
    } else {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        if (out.status == 0) {
            out.error = reply->errorString();
        }
    }
    reply->deleteLater();
    return out;
}

bool waitForRest(QNetworkAccessManager& network, const QString& baseUrl, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (http(network, "GET", baseUrl + QStringLiteral("/"), {}, 2000).status == 200) {
            return true;
        }
        QThread::msleep(100); // polling interval of a readiness probe, not synchronisation
    }
    return false;
}

std::optional<QByteArray> KafkaRecord::header(const QByteArray& name) const
{
    std::optional<QByteArray> out;
    for (const auto& [k, v] : headers) {
        if (k == name) {
            out = v;
        }
    }
    return out;
}

namespace {

RdKafkaPtr newClient(rd_kafka_type_t type, const std::string& bootstrap,
                     const std::vector<std::pair<std::string, std::string>>& extra = {})
{
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
    for (const auto& [k, v] : extra) {
        rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err);
    }
    if (type == RD_KAFKA_PRODUCER) {
        // Each message carries the std::string* that collects the first delivery error.
        rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void*) {
            auto* firstError = static_cast<std::string*>(m->_private);
            if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR && firstError->empty()) {
                *firstError = rd_kafka_err2str(m->err);
            }
        });
    }
    rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
    if (rk == nullptr) {
        rd_kafka_conf_destroy(conf);
    }
    return RdKafkaPtr(rk);
}

} // namespace

KafkaClient::KafkaClient(const std::string& bootstrap)
    : m_bootstrap(bootstrap), m_admin(newClient(RD_KAFKA_PRODUCER, bootstrap))
{
}

std::string KafkaClient::createTopic(const std::string& topic, int partitions)
{
    if (!m_admin) {
        return "cannot create a librdkafka client";
    }
    char err[512];
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof err);
    if (nt == nullptr) {
        return err;
    }
    rd_kafka_queue_t* q = rd_kafka_queue_new(m_admin.get());
    rd_kafka_CreateTopics(m_admin.get(), &nt, 1, nullptr, q);
    rd_kafka_NewTopic_destroy(nt);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
    std::string error = ev == nullptr ? "CreateTopics timed out" : "";
    if (ev != nullptr) {
        size_t n = 0;
        const auto** res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            error = rd_kafka_event_error_string(ev);
        } else if (n != 1) {
            error = "CreateTopics returned no result";
        } else if (rd_kafka_topic_result_error(res[0]) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            error = rd_kafka_topic_result_error_string(res[0]);
        }
        rd_kafka_event_destroy(ev);
    }
    rd_kafka_queue_destroy(q);
    if (!error.empty()) {
        return error;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!endOffsets(topic)) {
        if (std::chrono::steady_clock::now() > deadline) {
            return "topic " + topic + " has no leader after 30 s";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {};
}

std::string KafkaClient::produce(const std::string& topic, const std::vector<QByteArray>& values)
{
    std::string firstError;
    RdKafkaPtr producer = newClient(RD_KAFKA_PRODUCER, m_bootstrap, {{"acks", "all"}, {"linger.ms", "5"}});
    if (!producer) {
        return "cannot create a producer";
    }
    for (const QByteArray& v : values) {
        // rd_kafka_produceva: the RD_KAFKA_V_* macros of producev expand to old-style casts.
        rd_kafka_vu_t vus[5];
        vus[0].vtype = RD_KAFKA_VTYPE_TOPIC;
        vus[0].u.cstr = topic.c_str();
        vus[1].vtype = RD_KAFKA_VTYPE_PARTITION;
        vus[1].u.i32 = 0;
        vus[2].vtype = RD_KAFKA_VTYPE_VALUE;
        vus[2].u.mem.ptr = const_cast<char*>(v.constData());
        vus[2].u.mem.size = std::size_t(v.size());
        vus[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
        vus[3].u.i = RD_KAFKA_MSG_F_COPY;
        vus[4].vtype = RD_KAFKA_VTYPE_OPAQUE;
        vus[4].u.ptr = &firstError;
        rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
        while (true) {
            rd_kafka_error_t* err = rd_kafka_produceva(producer.get(), vus, 5);
            e = err == nullptr ? RD_KAFKA_RESP_ERR_NO_ERROR : rd_kafka_error_code(err);
            if (err != nullptr) {
                rd_kafka_error_destroy(err);
            }
            if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                break;
            }
            rd_kafka_poll(producer.get(), 100);
        }
        if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return rd_kafka_err2str(e);
        }
    }
    if (rd_kafka_flush(producer.get(), 30000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return "flush timed out";
    }
    return firstError;
}

int KafkaClient::partitionCount(const std::string& topic)
{
    if (!m_admin) {
        return -1;
    }
    rd_kafka_topic_t* t = rd_kafka_topic_new(m_admin.get(), topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    int count = -1;
    if (rd_kafka_metadata(m_admin.get(), 0, t, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            count = md->topics[0].partition_cnt;
        }
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(t);
    return count;
}

std::optional<std::int64_t> KafkaClient::endOffsets(const std::string& topic)
{
    const int partitions = partitionCount(topic);
    if (partitions <= 0) {
        return std::nullopt;
    }
    std::int64_t sum = 0;
    for (int p = 0; p < partitions; ++p) {
        int64_t lo = 0;
        int64_t hi = 0;
        if (rd_kafka_query_watermark_offsets(m_admin.get(), topic.c_str(), p, &lo, &hi, 5000) !=
            RD_KAFKA_RESP_ERR_NO_ERROR) {
            return std::nullopt;
        }
        sum += hi;
    }
    return sum;
}

std::optional<std::int64_t> KafkaClient::committedOffset(const std::string& group, const std::string& topic)
{
    RdKafkaPtr consumer = newClient(RD_KAFKA_CONSUMER, m_bootstrap, {{"group.id", group}});
    if (!consumer) {
        return std::nullopt;
    }
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.c_str(), 0);
    std::optional<std::int64_t> out;
    if (rd_kafka_committed(consumer.get(), list, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR &&
        list->elems[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        out = list->elems[0].offset < 0 ? -1 : list->elems[0].offset;
    }
    rd_kafka_topic_partition_list_destroy(list);
    return out;
}

std::optional<std::vector<KafkaRecord>> KafkaClient::readAll(const std::string& topic, int timeoutMs,
                                                             std::string* error)
{
    const int partitions = partitionCount(topic);
    if (partitions <= 0) {
        *error = "topic " + topic + " not found";
        return std::nullopt;
    }
    std::vector<std::int64_t> ends(std::size_t(partitions), 0);
    for (int p = 0; p < partitions; ++p) {
        int64_t lo = 0;
        int64_t hi = 0;
        if (rd_kafka_query_watermark_offsets(m_admin.get(), topic.c_str(), p, &lo, &hi, 5000) !=
            RD_KAFKA_RESP_ERR_NO_ERROR) {
            *error = "watermarks of " + topic + " not available";
            return std::nullopt;
        }
        ends[std::size_t(p)] = hi;
    }
    // A group id is required by the consumer API even though only assign() is used (no commits).
    RdKafkaPtr consumer = newClient(RD_KAFKA_CONSUMER, m_bootstrap,
                                    {{"group.id", "connectdesk-faults-reader"},
                                     {"enable.auto.commit", "false"},
                                     {"enable.partition.eof", "true"}});
    if (!consumer) {
        *error = "cannot create a consumer";
        return std::nullopt;
    }
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    int pending = 0;
    for (int p = 0; p < partitions; ++p) {
        if (ends[std::size_t(p)] > 0) {
            rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
            ++pending;
        }
    }
    rd_kafka_assign(consumer.get(), list);
    rd_kafka_topic_partition_list_destroy(list);
    std::vector<KafkaRecord> out;
    std::vector<bool> done(std::size_t(partitions), false);
    for (int p = 0; p < partitions; ++p) {
        done[std::size_t(p)] = ends[std::size_t(p)] == 0;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (pending > 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            *error = "reading " + topic + " timed out";
            rd_kafka_consumer_close(consumer.get());
            return std::nullopt;
        }
        rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 500);
        if (m == nullptr) {
            continue;
        }
        const std::size_t p = std::size_t(m->partition);
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            KafkaRecord r;
            r.partition = m->partition;
            r.offset = m->offset;
            r.key = QByteArray(static_cast<const char*>(m->key), qsizetype(m->key_len));
            r.valueIsNull = m->payload == nullptr;
            r.value = QByteArray(static_cast<const char*>(m->payload), qsizetype(m->len));
            rd_kafka_headers_t* hdrs = nullptr;
            if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                const char* name = nullptr;
                const void* value = nullptr;
                size_t size = 0;
                for (size_t i = 0;
                     rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
                     ++i) {
                    r.headers.append(
                        {QByteArray(name), QByteArray(static_cast<const char*>(value), qsizetype(size))});
                }
            }
            out.push_back(std::move(r));
            if (p < done.size() && !done[p] && m->offset + 1 >= ends[p]) {
                done[p] = true;
                --pending;
            }
        } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            *error = rd_kafka_message_errstr(m);
            rd_kafka_message_destroy(m);
            rd_kafka_consumer_close(consumer.get());
            return std::nullopt;
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(consumer.get());
    std::sort(out.begin(), out.end(), [](const KafkaRecord& a, const KafkaRecord& b) {
        return a.partition != b.partition ? a.partition < b.partition : a.offset < b.offset;
    });
    return out;
}

} // namespace connectdesk::faults
