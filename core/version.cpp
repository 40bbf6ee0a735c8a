#include "version.h"

#include <QtGlobal>
#include <connectdesk/version.h>
#include <librdkafka/rdkafka.h>

namespace connectdesk {

std::string version()
{
    return CONNECTDESK_VERSION;
}

std::string gitRevision()
{
    return CONNECTDESK_GIT_REVISION;
}

std::string versionBanner()
{
    return "ConnectDesk " + version() + " (" + gitRevision() + "), librdkafka " + rd_kafka_version_str() +
           ", Qt " + qVersion();
}

} // namespace connectdesk
