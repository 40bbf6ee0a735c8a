// The /admin/loggers resource on top of spdlog's registry: Apache's logger names, levels and
// last_modified bookkeeping (spec/connect-rest-api.md §3.13, §4.24).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::rest {

struct LoggerLevel {
    std::string level; // TRACE DEBUG INFO WARN ERROR FATAL OFF
    std::optional<std::int64_t> lastModified;
};

class LoggerAdmin {
public:
    // Every known logger whose level is not OFF, the default logger keyed "root" (4.x semantics).
    std::map<std::string, LoggerLevel> loggers() const;
    // std::nullopt when no logger of that name exists ("root" is case-insensitive).
    std::optional<LoggerLevel> logger(const std::string& name) const;
    // Applies level to name and every logger whose name starts with it (root: to all), creating
    // name when it does not exist yet; returns the sorted names whose level changed. False with
    // nothing changed when level is not one of Apache's level names.
    bool setLevel(const std::string& name, const std::string& level, std::vector<std::string>& changed);

    static bool isValidLevel(const std::string& level);

private:
    mutable std::mutex m_mutex;
    std::map<std::string, std::int64_t> m_lastModified;
};

} // namespace connectdesk::rest
