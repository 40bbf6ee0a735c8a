// A schema paired with a value: what converters return and headers hold (SchemaAndValue).
#pragma once

#include "connectdesk/sdk/schema.h"

namespace connectdesk::sdk {

struct SchemaAndValue {
    SchemaPtr schema;
    Value value;

    // (null, null): what a converter returns for Kafka null bytes.
    bool isNull() const { return !schema && value.isNull(); }
    bool operator==(const SchemaAndValue& other) const
    {
        return schemasEqual(schema, other.schema) && value == other.value;
    }
};

} // namespace connectdesk::sdk
