// Follows a Connect cluster's config or offsets topic from its beginning and reports every record
// decoded (spec/connect-data-and-config.md §8.2, §8.3), for the internal-topic viewers.
#pragma once

#include "observe/config_record.h"
#include "observe/offsets_record.h"
#include "observe/topic_record.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace connectdesk::observe {

class TopicFollower;

class InternalTopicReader : public QObject {
    Q_OBJECT

public:
    enum class Kind { Config, Offsets };

    // `topic` is the cluster's config.storage.topic or offset.storage.topic.
    InternalTopicReader(ClientProperties properties, Kind kind, QString topic, QObject* parent = nullptr);
    ~InternalTopicReader() override;

    Kind kind() const { return m_kind; }
    QString topic() const { return m_topic; }

    // Starts reading on a thread of its own; a second call while running does nothing.
    void start();
    // Stops the thread (returns within about a second); the destructor does the same.
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    // Config readers emit configEvents, offsets readers offsetEvents; in topic order per partition,
    // on the reader thread (receivers elsewhere get them queued). Undecodable records are included.
    void configEvents(const QList<connectdesk::observe::ConfigEvent>& events);
    void offsetEvents(const QList<connectdesk::observe::OffsetEvent>& events);
    // The whole existing history has been delivered; later events are live changes.
    void caughtUp();
    // Dead broker, missing topic, consume error.
    void errorOccurred(const QString& message);

private:
    ClientProperties m_properties;
    Kind m_kind;
    QString m_topic;
    std::unique_ptr<TopicFollower> m_follower;
};

} // namespace connectdesk::observe
