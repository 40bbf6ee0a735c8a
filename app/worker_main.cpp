// The headless worker's entry point (connect-standalone style).
#include "version.h"

#include <cstdio>
#include <cstring>

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("%s\n", connectdesk::versionBanner().c_str());
            return 0;
        }
    }
    std::fprintf(stderr,
                 "usage: connectdesk-worker [--version] worker.properties [connector.properties ...]\n");
    return 2;
}
