#include "connectdesk/sdk/sdk_version.h"

namespace connectdesk::sdk {

int sdkAbiVersion()
{
    return kSdkAbiVersion;
}

} // namespace connectdesk::sdk
