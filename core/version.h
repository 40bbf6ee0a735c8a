// Build identity of ConnectDesk as plain strings, for the executables and the REST root resource.
#pragma once

#include <string>

namespace connectdesk {

std::string version();
std::string gitRevision();
// "ConnectDesk <version> (<revision>), librdkafka <version>, Qt <version>".
std::string versionBanner();

} // namespace connectdesk
