// Samples a remote Connect cluster's throughput and sink lag through Kafka itself (end offsets of
// topics, committed offsets of sink groups), on a thread of its own, for the console's charts.
//
// How rates are computed: every interval the sampler reads, per watched connector,
//   - sources: the end (high-watermark) offset of every partition of the connector's topics;
//   - sinks:   the committed offset of every partition of the connector's consumer group
//              (Admin API ListConsumerGroupOffsets) and the end offset of those partitions.
// The rate is the sum over partitions of the growth since the previous sample (negative growth,
// e.g. a recreated topic or a reset group, counts as 0 and restarts that partition's baseline),
// divided by the time between the two samples measured on a steady clock. The first sample after
// watching starts only sets the baseline (rates NaN, totals 0). A sample that cannot be read (broker
// away) has NaN rates and -1 totals and keeps the old baseline, so the first sample after an outage
// gives the average over the outage. Consequences worth knowing:
//   - a source's rate is what reached Kafka on its topics: another producer writing to the same
//     topics is counted too, and records in flight inside the worker are not;
//   - a sink's rate moves in steps: Connect commits sink offsets every offset.flush.interval.ms
//     (60 s by default), so with the default the rate is 0 between commits and a burst after.
#pragma once

#include "observe/topic_record.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

namespace connectdesk::observe {

struct RateSample {
    qint64 timestampMs = 0;
    QString connector;
    int task = -1; // -1: the connector as a whole
    // Source: in = polled from the source system, out = written to Kafka.
    // Sink:   in = read from Kafka,             out = put to the sink system.
    // NaN when that side cannot be measured (remote clusters: a source has only `out`, a sink only `in`).
    double inPerSec = std::numeric_limits<double>::quiet_NaN();
    double outPerSec = std::numeric_limits<double>::quiet_NaN();
    qint64 totalIn = -1,
           totalOut = -1; // cumulative since watching began (remote) or task start (embedded); -1 unknown
};

struct LagSample {
    qint64 timestampMs = 0;
    QString connector; // the sink connector
    QString topic;
    int partition = -1;
    qint64 endOffset = -1;
    qint64 committed = -1; // -1: group has no committed offset yet (lag then = endOffset - log start)
    qint64 lag = 0;
};

class ThroughputSampler : public QObject {
    Q_OBJECT

public:
    explicit ThroughputSampler(ClientProperties properties, QObject* parent = nullptr);
    ~ThroughputSampler() override; // stops the thread

    // Takes effect from the next sample; clamped to at least 100 ms.
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs.load(); }

    // Thread-safe; each replaces an earlier watch of the same connector and restarts its baseline.
    void watchSource(const QString& connector, const QStringList& topics);
    // `groupId` empty means Connect's default `connect-<connector>`. `topics` (an addition to the
    // contract) lists the sink's topics so partitions without any committed offset yet show their
    // lag too; without it only partitions the group has committed are reported.
    void watchSink(const QString& connector, const QString& groupId, const QStringList& topics = {});
    void unwatch(const QString& connector);

    // Starts the sampling thread; a second call while running does nothing.
    void start();
    // Ends the thread; the sample in progress is abandoned between two Kafka requests, so this
    // returns within one short request timeout (1 s) plus librdkafka's shutdown.
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

Q_SIGNALS:
    // One call per sample with every watched connector's rate and every sink partition's lag;
    // emitted on the sampler thread (receivers elsewhere get it queued).
    void sampled(const QList<connectdesk::observe::RateSample>& rates,
                 const QList<connectdesk::observe::LagSample>& lags);
    // Dead broker, missing topic, group lookup failure; each distinct text at most once a minute
    // (again at once after a sample succeeded).
    void errorOccurred(const QString& message);

private:
    struct Watch {
        bool sink = false;
        QStringList topics;
        QString group;
        quint64 generation = 0; // bumped by every watch call, so the sampler restarts the baseline
    };
    void run();
    void reportError(const QString& message);

    ClientProperties m_properties;
    std::atomic<int> m_intervalMs{1000};
    std::mutex m_mutex; // guards m_watches and the wake-up condition
    std::condition_variable m_wake;
    std::map<QString, Watch> m_watches;
    quint64 m_nextGeneration = 1;
    bool m_stopRequested = false;
    std::atomic<bool> m_stopping{false}; // read between Kafka requests without the mutex
    QHash<QString, std::chrono::steady_clock::time_point> m_reportedErrors; // sampler thread only
    std::thread m_thread;
};

} // namespace connectdesk::observe

Q_DECLARE_METATYPE(connectdesk::observe::RateSample)
Q_DECLARE_METATYPE(connectdesk::observe::LagSample)
