// What the connect-ref tests of core/observe need besides the code under test: a blocking REST
// client for the reference Apache Kafka Connect, and a librdkafka producer/admin of their own, so
// expected figures are measured independently of the observe readers.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace connectdesk::observe::testing {

// A name unique per run and process (the broker and Connect outlive one test).
QString uniqueName(const QString& prefix);

struct RestReply {
    int status = 0; // 0: no answer
    QJsonValue json;
    QString text; // body, or the transport error
};

class ConnectRest {
public:
    explicit ConnectRest(QUrl base) : m_base(std::move(base)) {}

    // Waits (running the event loop) for the answer, at most 30 s.
    RestReply call(const QByteArray& verb, const QString& path, const QJsonValue& body = {});
    // PUT /connectors/<name>/config; empty string when Connect accepted it, else the reason.
    QString putConfig(const QString& name, const QMap<QString, QString>& config);
    void deleteConnector(const QString& name);
    // The connector's state, or of task `task`; empty while Connect does not report it.
    QString state(const QString& name, int task = -1);
    QString taskTrace(const QString& name, int task);

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

// The test's own librdkafka handle: creates topics, produces, reads end offsets.
class KafkaHelper {
public:
    explicit KafkaHelper(const QString& bootstrap);
    ~KafkaHelper();
    KafkaHelper(const KafkaHelper&) = delete;
    KafkaHelper& operator=(const KafkaHelper&) = delete;

    bool isValid() const { return m_rk != nullptr; }
    QString lastError() const { return m_error; }

    bool createTopic(const QString& topic, int partitions);
    // Produces to `partition` (-1: the default partitioner) and waits for delivery.
    bool produce(const QString& topic, int partition, const std::optional<QByteArray>& key,
                 const std::optional<QByteArray>& value,
                 const QList<QPair<QString, QByteArray>>& headers = {});
    // Sum of the high watermarks of partitions 0..partitions-1; -1 on error.
    qint64 endOffsetSum(const QString& topic, int partitions);

private:
    rd_kafka_t* m_rk = nullptr;
    QString m_error;
};

} // namespace connectdesk::observe::testing
