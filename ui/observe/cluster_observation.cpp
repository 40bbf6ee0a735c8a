#include "cluster_observation.h"

#include "embedded_rate_source.h"

namespace connectdesk::ui::observe {

using connectdesk::observe::LagSample;
using connectdesk::observe::RateSample;

namespace {
// The topics a connector names in its config, for when the topics endpoint has none yet.
QStringList configuredTopics(const client::ConnectorConfig& config)
{
    QStringList out;
    for (const char* key : {"topic", "topics", "kafka.topic"}) {
        const QString value = config.value(QString::fromLatin1(key));
        for (const QString& t : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!out.contains(t.trimmed()))
                out.append(t.trimmed());
    }
    return out;
}
} // namespace

ClusterObservation::ClusterObservation(QString id, QString displayName, client::ClusterClient* client,
                                       bool embedded, connectdesk::observe::ClientProperties kafka,
                                       ObservedTopics topics, QObject* parent)
    : QObject(parent), m_id(std::move(id)), m_name(std::move(displayName)), m_client(client),
      m_embedded(embedded), m_kafka(std::move(kafka)), m_topics(std::move(topics))
{
    qRegisterMetaType<QList<RateSample>>();
    qRegisterMetaType<QList<LagSample>>();
    if (m_embedded) {
        m_embeddedSource = new EmbeddedRateSource(this);
        connect(m_embeddedSource, &EmbeddedRateSource::sampled, this, &ClusterObservation::sampled);
        connect(m_embeddedSource, &EmbeddedRateSource::errorOccurred, this,
                &ClusterObservation::samplingError);
    }
    m_topicRefresh.setInterval(30'000);
    connect(&m_topicRefresh, &QTimer::timeout, this, [this] {
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it)
            if (it.value() != QLatin1String("sink"))
                resolveTopics(it.key(), it.value());
    });
}

ClusterObservation::~ClusterObservation()
{
    if (m_sampler)
        m_sampler->stop();
}

QString ClusterObservation::throughputUnavailableReason() const
{
    if (m_embedded)
        return m_embeddedSource->herder()
                   ? QString()
                   : tr("The embedded worker is not running: start it to see its throughput.");
    if (!hasKafka())
        return tr("Throughput of a remote cluster is measured through its Kafka cluster, which is not "
                  "configured "
                  "for %1: edit the cluster and set its Kafka bootstrap servers (and security settings), "
                  "then open this tab again.")
            .arg(m_name);
    return {};
}

QString ClusterObservation::kafkaUnavailableReason() const
{
    if (hasKafka())
        return {};
    if (m_embedded)
        return tr("The console does not know the Kafka address of this embedded worker (it was not started "
                  "by the console): its topics cannot be read.");
    return tr("The Kafka cluster behind %1 is not configured: edit the cluster and set its Kafka bootstrap "
              "servers (and security settings) to read its topics.")
        .arg(m_name);
}

QString ClusterObservation::internalTopicsUnavailableReason() const
{
    if (m_embedded)
        return tr("The embedded worker is standalone: it keeps connector configs and offsets in files "
                  "(offset.storage.file.filename), not in Kafka topics.");
    return kafkaUnavailableReason();
}

void ClusterObservation::setEmbeddedHerder(runtime::Herder* herder)
{
    if (!m_embeddedSource)
        return;
    m_embeddedSource->setHerder(herder);
    updateRunning();
}

void ClusterObservation::setIntervalMs(int ms)
{
    m_intervalMs = ms;
    if (m_embeddedSource)
        m_embeddedSource->setIntervalMs(ms);
    if (m_sampler)
        m_sampler->setIntervalMs(ms);
}

bool ClusterObservation::isSampling() const
{
    return (m_embeddedSource && m_embeddedSource->isRunning()) || (m_sampler && m_sampler->isRunning());
}

void ClusterObservation::watch(const QString& connector, const QString& type)
{
    const int n = ++m_watchers[connector];
    m_types.insert(connector, type);
    if (n == 1 && !m_embedded && hasKafka())
        startRemote(connector, type);
    updateRunning();
}

void ClusterObservation::unwatch(const QString& connector)
{
    auto it = m_watchers.find(connector);
    if (it == m_watchers.end())
        return;
    if (--*it > 0)
        return;
    m_watchers.erase(it);
    m_types.remove(connector);
    m_watchedTopics.remove(connector);
    if (m_sampler)
        m_sampler->unwatch(connector);
    updateRunning();
}

void ClusterObservation::startRemote(const QString& connector, const QString& type)
{
    if (!m_sampler) {
        m_sampler = std::make_unique<connectdesk::observe::ThroughputSampler>(m_kafka);
        m_sampler->setIntervalMs(m_intervalMs);
        // Emitted on the sampler thread: queued to this (GUI) thread.
        connect(m_sampler.get(), &connectdesk::observe::ThroughputSampler::sampled, this,
                &ClusterObservation::sampled);
        connect(m_sampler.get(), &connectdesk::observe::ThroughputSampler::errorOccurred, this,
                &ClusterObservation::samplingError);
    }
    resolveTopics(connector, type);
}

void ClusterObservation::resolveTopics(const QString& connector, const QString& type)
{
    client::ClusterClient* c = m_client.data();
    if (c == nullptr || !m_sampler)
        return;
    const bool sink = type == QLatin1String("sink");
    // A sink's group needs no topic list, but with it partitions without a commit show lag too.
    c->connectorConfig(connector, this, [this, connector, sink](const auto& config) {
        if (!m_watchers.contains(connector) || !m_sampler)
            return;
        const QStringList fromConfig = config.ok() ? configuredTopics(*config.value) : QStringList();
        if (sink) {
            if (m_watchedTopics.value(connector) != fromConfig || !m_watchedTopics.contains(connector)) {
                m_watchedTopics.insert(connector, fromConfig);
                m_sampler->watchSink(connector, QString(), fromConfig);
            }
            return;
        }
        client::ClusterClient* again = m_client.data();
        if (again == nullptr)
            return;
        again->connectorTopics(connector, this, [this, connector, fromConfig](const auto& active) {
            if (!m_watchers.contains(connector) || !m_sampler)
                return;
            QStringList topics = active.ok() ? *active.value : QStringList();
            for (const QString& t : fromConfig)
                if (!topics.contains(t))
                    topics.append(t);
            topics.sort();
            if (m_watchedTopics.contains(connector) && m_watchedTopics.value(connector) == topics)
                return;
            m_watchedTopics.insert(connector, topics);
            m_sampler->watchSource(connector, topics);
        });
    });
}

void ClusterObservation::updateRunning()
{
    const bool wanted = !m_watchers.isEmpty();
    if (m_embeddedSource) {
        if (wanted && m_embeddedSource->herder())
            m_embeddedSource->start();
        else
            m_embeddedSource->stop();
        return;
    }
    if (!m_sampler)
        return;
    if (wanted) {
        m_sampler->start();
        if (!m_topicRefresh.isActive())
            m_topicRefresh.start();
    } else {
        m_sampler->stop();
        m_topicRefresh.stop();
    }
}

} // namespace connectdesk::ui::observe
