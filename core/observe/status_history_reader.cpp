#include "observe/status_history_reader.h"

#include "observe/topic_follower.h"

namespace connectdesk::observe {

StatusHistoryReader::StatusHistoryReader(ClientProperties properties, QString statusTopic, QObject* parent)
    : QObject(parent), m_properties(std::move(properties)), m_topic(std::move(statusTopic))
{
    qRegisterMetaType<QList<StatusEvent>>();
}

StatusHistoryReader::~StatusHistoryReader()
{
    stop();
}

void StatusHistoryReader::start()
{
    if (isRunning())
        return;
    TopicFollower::Callbacks callbacks;
    callbacks.records = [this](const std::vector<TopicRecord>& records) {
        QList<StatusEvent> events;
        events.reserve(static_cast<qsizetype>(records.size()));
        for (const TopicRecord& record : records) {
            events.append(decodeStatusRecord(record));
            const StatusEvent& event = events.back();
            if (event.kind == StatusRecordKind::Undecodable) {
                Q_EMIT errorOccurred(QStringLiteral("undecodable status record at %1-%2@%3: %4")
                                         .arg(m_topic)
                                         .arg(event.partition)
                                         .arg(event.offset)
                                         .arg(event.error));
            }
        }
        Q_EMIT eventsReceived(events);
    };
    callbacks.caughtUp = [this] { Q_EMIT caughtUp(); };
    callbacks.error = [this](const QString& message) { Q_EMIT errorOccurred(message); };
    m_follower = std::make_unique<TopicFollower>(m_properties, m_topic.toStdString(), std::move(callbacks));
    m_follower->start();
}

void StatusHistoryReader::stop()
{
    if (m_follower) {
        m_follower->stop();
        m_follower.reset();
    }
}

bool StatusHistoryReader::isRunning() const
{
    return m_follower && m_follower->isRunning();
}

} // namespace connectdesk::observe
