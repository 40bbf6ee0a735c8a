// Connect's ByteArrayConverter (org.apache.kafka.connect.converters.ByteArrayConverter): BYTES
// values passed through unchanged, read back as OPTIONAL_BYTES (spec §3).
#pragma once

#include "header_as_data_converter.h"

#include <connectdesk/sdk/converter_plugin.h>

namespace connectdesk::converters {

class ByteArrayConverter final : public HeaderAsDataConverter {
public:
    static constexpr const char* kClassName = "org.apache.kafka.connect.converters.ByteArrayConverter";
    static sdk::ConverterPlugin plugin();

    std::optional<sdk::Bytes> fromConnectData(std::string_view topic, sdk::Headers& headers,
                                              const sdk::SchemaPtr& schema, const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectData(std::string_view topic, const sdk::Headers& headers,
                                      std::optional<sdk::ByteView> data) override;
};

} // namespace connectdesk::converters
