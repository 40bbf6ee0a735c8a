// What the worker is doing for each connector, like Apache's org.apache.kafka.connect.util.Stage
// (3.7+): a description in Apache's wording ("starting the connector"), when it began and, once
// over, when it completed. Read from any thread, so a timed-out REST request can say which stage
// it waited for (spec/connect-rest-api.md §2.4).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace connectdesk::runtime {

struct OperationStage {
    std::string description;
    std::int64_t startedMs = 0; // epoch milliseconds
    std::optional<std::int64_t> completedMs;
};

class StageTracker {
public:
    // Marks the start of an operation on behalf of a connector (empty: the worker as a whole).
    std::uint64_t begin(const std::string& connector, std::string description);
    void complete(std::uint64_t id);

    // The oldest operation still running for the connector, else the last one it completed. An
    // empty connector asks about the worker: any running operation, else the last completed.
    std::optional<OperationStage> lookup(const std::string& connector) const;

    // Begins on construction and completes on destruction.
    class Scope {
    public:
        Scope(StageTracker& tracker, const std::string& connector, std::string description)
            : m_tracker(tracker), m_id(tracker.begin(connector, std::move(description)))
        {
        }
        ~Scope() { m_tracker.complete(m_id); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        StageTracker& m_tracker;
        std::uint64_t m_id;
    };

private:
    struct Running {
        std::string connector;
        OperationStage stage;
    };
    mutable std::mutex m_mutex;
    std::uint64_t m_next = 1;
    std::map<std::uint64_t, Running> m_running; // by begin order
    std::map<std::string, OperationStage> m_lastCompleted;
    std::optional<OperationStage> m_lastCompletedAny;
};

} // namespace connectdesk::runtime
