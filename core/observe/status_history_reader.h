// Follows a Connect cluster's status topic from its beginning and reports every connector and task
// state change as decoded events, so the console can draw a per-task timeline that stays live.
#pragma once

#include "observe/status_record.h"
#include "observe/topic_record.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace connectdesk::observe {

class TopicFollower;

class StatusHistoryReader : public QObject {
    Q_OBJECT

public:
    // `statusTopic` is the cluster's status.storage.topic (spec §4.3; `connect-status` by default).
    explicit StatusHistoryReader(ClientProperties properties,
                                 QString statusTopic = QStringLiteral("connect-status"),
                                 QObject* parent = nullptr);
    ~StatusHistoryReader() override;

    QString statusTopic() const { return m_topic; }

    // Starts reading on a thread of its own; events arrive through eventsReceived.
    void start();
    // Stops the thread (returns within about a second); the destructor does the same.
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    // In topic order per partition. Emitted on the reader thread: receivers in another thread get
    // it queued (the default AutoConnection).
    void eventsReceived(const QList<connectdesk::observe::StatusEvent>& events);
    // The whole existing history has been delivered; later events are live changes.
    void caughtUp();
    // Dead broker, missing topic, or an undecodable record (which is also in eventsReceived).
    void errorOccurred(const QString& message);

private:
    ClientProperties m_properties;
    QString m_topic;
    std::unique_ptr<TopicFollower> m_follower;
};

} // namespace connectdesk::observe
