// Reads every partition of one topic from the beginning and keeps following it on a thread of its
// own, handing records over in batches; the engine under the status, config and offsets readers.
#pragma once

#include "observe/topic_record.h"

#include <QHash>
#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace connectdesk::observe {

class TopicFollower {
public:
    struct Callbacks {
        // A batch of records in partition order per partition; called on the follower thread.
        std::function<void(std::vector<TopicRecord>)> records;
        // Every partition has been read up to its end once (the history is complete).
        std::function<void()> caughtUp;
        // Human-readable problem (unreachable broker, missing topic, consume error). The follower
        // keeps retrying; each distinct text is reported at most once a minute (again at once after a
        // record arrived).
        std::function<void(const QString&)> error;
    };

    TopicFollower(ClientProperties properties, std::string topic, Callbacks callbacks);
    ~TopicFollower();

    TopicFollower(const TopicFollower&) = delete;
    TopicFollower& operator=(const TopicFollower&) = delete;

    // Starts the thread; a second call while running does nothing.
    void start();
    // Ends the thread; returns once it has finished (the poll timeout bounds this to well under 1 s
    // plus librdkafka's shutdown).
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

private:
    void run();
    void reportError(const QString& message);

    ClientProperties m_properties;
    std::string m_topic;
    Callbacks m_callbacks;
    std::atomic<bool> m_stopRequested{false};
    QHash<QString, std::chrono::steady_clock::time_point> m_reportedErrors; // follower thread only
    std::thread m_thread;
};

} // namespace connectdesk::observe
