// One named spdlog logger per runtime area (STYLE.md: "one named logger per area").
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace connectdesk::runtime {

// The logger called name, created on first use as a clone of the default logger's sinks.
std::shared_ptr<spdlog::logger> areaLogger(const std::string& name);

} // namespace connectdesk::runtime
