#include "runtime/logging.h"

#include <spdlog/spdlog.h>

#include <mutex>

namespace connectdesk::runtime {

std::shared_ptr<spdlog::logger> areaLogger(const std::string& name)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    auto logger = spdlog::default_logger()->clone(name);
    spdlog::register_logger(logger);
    return logger;
}

} // namespace connectdesk::runtime
