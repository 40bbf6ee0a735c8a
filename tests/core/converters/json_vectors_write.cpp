// Writes ConnectDesk's JsonConverter output for every vector case into a directory
// (<case>.json, or <case>.null for a Kafka null) for the Apache checker (tests/vectors).
#include "json_vector_cases.h"

#include "converters/json_converter.h"

#include <cstdio>
#include <fstream>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: json_vectors_write <dir>\n");
        return 2;
    }
    const std::string dir = argv[1];
    int count = 0;
    for (const auto& c : connectdesk::testing::jsonVectorCases()) {
        connectdesk::converters::JsonConverter converter;
        converter.configure(c.config, false);
        connectdesk::sdk::Headers headers;
        const auto bytes = converter.fromConnectData("topic", headers, c.schema, c.value);
        std::ofstream out(dir + "/" + c.name + (bytes ? ".json" : ".null"), std::ios::binary);
        if (bytes)
            out.write(reinterpret_cast<const char*>(bytes->data()),
                      static_cast<std::streamsize>(bytes->size()));
        if (!out) {
            std::fprintf(stderr, "cannot write %s/%s\n", dir.c_str(), c.name.c_str());
            return 1;
        }
        ++count;
    }
    std::printf("wrote %d cases to %s\n", count, dir.c_str());
    return 0;
}
