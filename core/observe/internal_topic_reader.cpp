#include "observe/internal_topic_reader.h"

#include "observe/topic_follower.h"

namespace connectdesk::observe {

InternalTopicReader::InternalTopicReader(ClientProperties properties, Kind kind, QString topic,
                                         QObject* parent)
    : QObject(parent), m_properties(std::move(properties)), m_kind(kind), m_topic(std::move(topic))
{
    qRegisterMetaType<QList<ConfigEvent>>();
    qRegisterMetaType<QList<OffsetEvent>>();
}

InternalTopicReader::~InternalTopicReader()
{
    stop();
}

void InternalTopicReader::start()
{
    if (isRunning())
        return;
    TopicFollower::Callbacks callbacks;
    if (m_kind == Kind::Config) {
        callbacks.records = [this](const std::vector<TopicRecord>& records) {
            QList<ConfigEvent> events;
            events.reserve(static_cast<qsizetype>(records.size()));
            for (const TopicRecord& record : records)
                events.append(decodeConfigRecord(record));
            Q_EMIT configEvents(events);
        };
    } else {
        callbacks.records = [this](const std::vector<TopicRecord>& records) {
            QList<OffsetEvent> events;
            events.reserve(static_cast<qsizetype>(records.size()));
            for (const TopicRecord& record : records)
                events.append(decodeOffsetRecord(record));
            Q_EMIT offsetEvents(events);
        };
    }
    callbacks.caughtUp = [this] { Q_EMIT caughtUp(); };
    callbacks.error = [this](const QString& message) { Q_EMIT errorOccurred(message); };
    m_follower = std::make_unique<TopicFollower>(m_properties, m_topic.toStdString(), std::move(callbacks));
    m_follower->start();
}

void InternalTopicReader::stop()
{
    if (m_follower) {
        m_follower->stop();
        m_follower.reset();
    }
}

bool InternalTopicReader::isRunning() const
{
    return m_follower && m_follower->isRunning();
}

} // namespace connectdesk::observe
