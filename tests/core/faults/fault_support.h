// What the fault-injection tests share: the headless worker as a child process that can be
// SIGKILLed, blocking HTTP calls to its REST API with their latency, and a small librdkafka
// client to create topics, produce raw records and read a whole topic back with its headers.
#pragma once

#include "text_lines.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::faults {

// A TCP port nobody listens on right now (bound and released; good enough for loopback tests).
int freePort();

// Writes key=value lines; values are not escaped, so keep them to paths and plain words.
void writeProperties(const QString& path, const std::map<QString, QString>& props);

// Worker properties every test starts from: the given broker, StringConverter for keys and values,
// offsets in <dir>/worker.offsets, REST on loopback:restPort, plugins from the build's plugin dir
// (plus extraPluginDirs); `extra` overrides or adds keys.
std::map<QString, QString> baseWorkerProperties(const QString& dir, const QString& bootstrap, int restPort,
                                                const QStringList& extraPluginDirs = {});

// connectdesk-worker worker.properties [connector files...] as a child process whose output goes
// to a log file (appended, so every restart of one test lands in one log).
class WorkerProcess {
public:
    WorkerProcess(QString workerProperties, QStringList connectorFiles, QString logFile);
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    bool start();
    // SIGKILL: no shutdown hook, no final offset flush, no consumer close.
    void kill();
    // SIGTERM and wait up to timeoutMs for the clean shutdown; SIGKILL after that.
    bool terminate(int timeoutMs);
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    const QString& logFile() const { return m_logFile; }
    // The last `bytes` bytes of the log, for failure messages.
    QByteArray logTail(qint64 bytes = 4000) const;

private:
    QString m_properties;
    QStringList m_connectorFiles;
    QString m_logFile;
    QProcess m_process;
};

struct HttpReply {
    int status = 0; // 0: no HTTP answer (timeout or connection error)
    QByteArray body;
    double elapsedMs = 0; // from send to the complete answer
    QString error;
};

// One request, waited for in a local event loop at most timeoutMs.
HttpReply http(QNetworkAccessManager& network, const QByteArray& method, const QString& url,
               const QByteArray& body = {}, int timeoutMs = 15000);

// Polls GET / until the worker's REST server answers 200, at most timeoutMs.
bool waitForRest(QNetworkAccessManager& network, const QString& baseUrl, int timeoutMs);

// --- Kafka side ---------------------------------------------------------------------------------------

struct RdKafkaDeleter {
    void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

struct KafkaRecord {
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    QByteArray key;
    QByteArray value;
    bool valueIsNull = false;
    QList<QPair<QByteArray, QByteArray>> headers;

    // The value of the last header with this name, or nullopt.
    std::optional<QByteArray> header(const QByteArray& name) const;
};

class KafkaClient {
public:
    explicit KafkaClient(const std::string& bootstrap);

    // Creates the topic (replication factor 1) and waits until its partitions have a leader;
    // empty string or the error.
    std::string createTopic(const std::string& topic, int partitions = 1);
    // Produces the values to partition 0 in order and waits for every delivery report; empty
    // string or the first error.
    std::string produce(const std::string& topic, const std::vector<QByteArray>& values);
    // Partition count from the metadata, or -1 when the topic does not exist (yet).
    int partitionCount(const std::string& topic);
    // Sum of the high watermarks over the partitions; nullopt on error.
    std::optional<std::int64_t> endOffsets(const std::string& topic);
    // The offset group has committed for partition 0 of topic (OffsetFetch, without joining the
    // group); -1 when none, nullopt on error.
    std::optional<std::int64_t> committedOffset(const std::string& group, const std::string& topic);
    // Every record from the beginning up to the end offsets seen at the call, ordered by partition
    // then offset. nullopt (and error) when that cannot be read within timeoutMs.
    std::optional<std::vector<KafkaRecord>> readAll(const std::string& topic, int timeoutMs,
                                                    std::string* error);

private:
    std::string m_bootstrap;
    RdKafkaPtr m_admin;
};

// Lines of a text file without their terminators (tests/support/text_lines.h).
using connectdesk::testing::readLines;

} // namespace connectdesk::faults
