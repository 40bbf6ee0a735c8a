#include "rest/logger_admin.h"

#include "runtime/logging.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace connectdesk::rest {

namespace {

const std::string kRoot = "root";

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

bool isRootName(const std::string& name)
{
    return upper(name) == "ROOT";
}

// log4j level names onto spdlog's; FATAL has no twin and lands on critical, ALL on trace.
std::optional<spdlog::level::level_enum> toSpdlog(const std::string& level)
{
    const std::string name = upper(level);
    if (name == "ALL" || name == "TRACE")
        return spdlog::level::trace;
    if (name == "DEBUG")
        return spdlog::level::debug;
    if (name == "INFO")
        return spdlog::level::info;
    if (name == "WARN")
        return spdlog::level::warn;
    if (name == "ERROR")
        return spdlog::level::err;
    if (name == "FATAL")
        return spdlog::level::critical;
    if (name == "OFF")
        return spdlog::level::off;
    return std::nullopt;
}

std::string fromSpdlog(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::trace:
        return "TRACE";
    case spdlog::level::debug:
        return "DEBUG";
    case spdlog::level::info:
        return "INFO";
    case spdlog::level::warn:
        return "WARN";
    case spdlog::level::err:
        return "ERROR";
    case spdlog::level::critical:
        return "FATAL";
    case spdlog::level::off:
    case spdlog::level::n_levels:
        break;
    }
    return "OFF";
}

// The default logger is Apache's root logger; its spdlog name is usually empty.
std::string apacheName(const spdlog::logger& logger)
{
    const auto root = spdlog::default_logger();
    if (root && root->name() == logger.name())
        return kRoot;
    return logger.name();
}

std::vector<std::shared_ptr<spdlog::logger>> allLoggers()
{
    std::vector<std::shared_ptr<spdlog::logger>> result;
    spdlog::apply_all([&result](const std::shared_ptr<spdlog::logger>& logger) { result.push_back(logger); });
    if (auto root = spdlog::default_logger();
        root && std::find(result.begin(), result.end(), root) == result.end())
        result.push_back(root);
    return result;
}

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

bool LoggerAdmin::isValidLevel(const std::string& level)
{
    return toSpdlog(level).has_value();
}

std::map<std::string, LoggerLevel> LoggerAdmin::loggers() const
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, LoggerLevel> result;
    for (const auto& logger : allLoggers()) {
        if (logger->level() == spdlog::level::off)
            continue;
        const std::string name = apacheName(*logger);
        LoggerLevel entry{fromSpdlog(logger->level()), std::nullopt};
        if (const auto it = m_lastModified.find(name); it != m_lastModified.end())
            entry.lastModified = it->second;
        result[name] = entry;
    }
    return result;
}

std::optional<LoggerLevel> LoggerAdmin::logger(const std::string& name) const
{
    std::lock_guard lock(m_mutex);
    const std::string wanted = isRootName(name) ? kRoot : name;
    for (const auto& logger : allLoggers()) {
        if (apacheName(*logger) != wanted)
            continue;
        LoggerLevel entry{fromSpdlog(logger->level()), std::nullopt};
        if (const auto it = m_lastModified.find(wanted); it != m_lastModified.end())
            entry.lastModified = it->second;
        return entry;
    }
    return std::nullopt;
}

bool LoggerAdmin::setLevel(const std::string& name, const std::string& level,
                           std::vector<std::string>& changed)
{
    const auto spdLevel = toSpdlog(level);
    if (!spdLevel)
        return false;
    const bool root = isRootName(name);
    // Apache (Loggers.setLevel) sets the named logger even when nothing uses it yet, so a level
    // chosen before an area starts logging sticks.
    if (!root && !spdlog::get(name))
        runtime::areaLogger(name);
    std::lock_guard lock(m_mutex);
    const std::int64_t now = nowMillis();
    for (const auto& logger : allLoggers()) {
        const std::string loggerName = apacheName(*logger);
        const bool inNamespace = root || loggerName.rfind(name, 0) == 0;
        if (!inNamespace)
            continue;
        if (logger->level() != *spdLevel) {
            logger->set_level(*spdLevel);
            changed.push_back(loggerName);
        }
        m_lastModified[loggerName] = now;
    }
    std::sort(changed.begin(), changed.end());
    return true;
}

} // namespace connectdesk::rest
