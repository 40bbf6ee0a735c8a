// The raw string configuration handed to plugins' configure()/start() (Connect's Map<String, String>).
#pragma once

#include <map>
#include <string>

namespace connectdesk::sdk {

// Ordered so iteration (logging, REST output) is deterministic.
using ConfigMap = std::map<std::string, std::string, std::less<>>;

} // namespace connectdesk::sdk
