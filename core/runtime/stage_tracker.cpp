#include "runtime/stage_tracker.h"

#include <chrono>

namespace connectdesk::runtime {

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

std::uint64_t StageTracker::begin(const std::string& connector, std::string description)
{
    std::lock_guard lock(m_mutex);
    const auto id = m_next++;
    m_running.emplace(id, Running{connector, OperationStage{std::move(description), nowMs(), std::nullopt}});
    return id;
}

void StageTracker::complete(std::uint64_t id)
{
    std::lock_guard lock(m_mutex);
    auto it = m_running.find(id);
    if (it == m_running.end()) {
        return;
    }
    OperationStage done = std::move(it->second.stage);
    done.completedMs = nowMs();
    m_lastCompleted[it->second.connector] = done;
    m_lastCompletedAny = std::move(done);
    m_running.erase(it);
}

std::optional<OperationStage> StageTracker::lookup(const std::string& connector) const
{
    std::lock_guard lock(m_mutex);
    for (const auto& [id, r] : m_running) {
        if (connector.empty() || r.connector == connector) {
            return r.stage;
        }
    }
    if (connector.empty()) {
        return m_lastCompletedAny;
    }
    if (auto it = m_lastCompleted.find(connector); it != m_lastCompleted.end()) {
        return it->second;
    }
    return std::nullopt;
}

} // namespace connectdesk::runtime
