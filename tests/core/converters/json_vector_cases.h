// The records behind the checked-in Apache JsonConverter vectors (tests/vectors/json), built in
// C++ by hand to mirror tests/vectors/ConnectVectors.java case by case.
#pragma once

#include <connectdesk/sdk/config_map.h>
#include <connectdesk/sdk/schema_and_value.h>

#include <optional>
#include <string>
#include <vector>

namespace connectdesk::testing {

struct JsonVectorCase {
    std::string name;
    sdk::ConfigMap config;
    sdk::SchemaPtr schema;
    sdk::Value value;
    // What reading Apache's bytes must give when it is not (schema, value) itself (defaults
    // substituted, schemaless inference); written by hand from spec §2.5–2.6.
    std::optional<sdk::SchemaAndValue> readBack;
};

std::vector<JsonVectorCase> jsonVectorCases();

} // namespace connectdesk::testing
