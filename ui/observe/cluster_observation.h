// What the console observes of one cluster: its Kafka client settings (for the readers of its
// status, config, offsets and data topics) and its throughput feed, shared by every open
// Throughput tab of that cluster. The feed runs only while at least one tab watches a connector:
// the embedded worker's metrics (EmbeddedRateSource) or, for a remote cluster with a Kafka
// bootstrap, the ThroughputSampler's thread, stopped when the last tab closes.
#pragma once

#include "client/cluster_client.h"
#include "observe/throughput_sampler.h"
#include "observe/topic_record.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <memory>

namespace connectdesk::runtime {
class Herder;
}

namespace connectdesk::ui::observe {

class EmbeddedRateSource;

struct ObservedTopics {
    QString status = QStringLiteral("connect-status");
    QString config = QStringLiteral("connect-configs");
    QString offsets = QStringLiteral("connect-offsets");
};

class ClusterObservation : public QObject {
    Q_OBJECT
public:
    // `kafka` empty: no Kafka configured (remote) or not known (an embedded worker the console
    // did not start).
    ClusterObservation(QString id, QString displayName, client::ClusterClient* client, bool embedded,
                       connectdesk::observe::ClientProperties kafka, ObservedTopics topics,
                       QObject* parent = nullptr);
    ~ClusterObservation() override;

    QString id() const { return m_id; }
    QString displayName() const { return m_name; }
    client::ClusterClient* client() const { return m_client; }
    bool isEmbedded() const { return m_embedded; }
    bool hasKafka() const { return !m_kafka.empty(); }
    const connectdesk::observe::ClientProperties& kafkaProperties() const { return m_kafka; }
    const ObservedTopics& topics() const { return m_topics; }
    // Why throughput, history, peek or internal topics cannot be shown, or empty when they can.
    QString throughputUnavailableReason() const;
    QString kafkaUnavailableReason() const;
    // Why the config and offsets topics cannot be read, or empty: a standalone (embedded) worker
    // keeps its configs and offsets in files, whatever Kafka it writes to.
    QString internalTopicsUnavailableReason() const;

    // The converter settings connectors inherit when they name none (key.converter* ...): the
    // embedded worker's; unknown (empty) for remote clusters.
    void setWorkerConverters(const QMap<QString, QString>& converters) { m_workerConverters = converters; }
    const QMap<QString, QString>& workerConverters() const { return m_workerConverters; }

    // The embedded worker's herder (embedded cluster only; null while it is not running).
    void setEmbeddedHerder(runtime::Herder* herder);

    // Reference-counted per connector: the first watch starts sampling it, the last unwatch stops.
    void watch(const QString& connector, const QString& type);
    void unwatch(const QString& connector);
    int watchers(const QString& connector) const { return m_watchers.value(connector); }
    bool isSampling() const;
    void setIntervalMs(int ms);

Q_SIGNALS:
    // Rates and lags of every watched connector, on the GUI thread.
    void sampled(const QList<connectdesk::observe::RateSample>& rates,
                 const QList<connectdesk::observe::LagSample>& lags);
    void samplingError(const QString& message);

private:
    void startRemote(const QString& connector, const QString& type);
    void resolveTopics(const QString& connector, const QString& type);
    void updateRunning();

    QString m_id;
    QString m_name;
    QPointer<client::ClusterClient> m_client;
    bool m_embedded;
    connectdesk::observe::ClientProperties m_kafka;
    ObservedTopics m_topics;
    QMap<QString, QString> m_workerConverters;
    QHash<QString, int> m_watchers;
    QHash<QString, QString> m_types;
    QHash<QString, QStringList> m_watchedTopics;
    EmbeddedRateSource* m_embeddedSource = nullptr;
    std::unique_ptr<connectdesk::observe::ThroughputSampler> m_sampler;
    QTimer m_topicRefresh; // sources' topics grow as records flow (topic tracking, §4.19)
    int m_intervalMs = 1000;
};

} // namespace connectdesk::ui::observe
