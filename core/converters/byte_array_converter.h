// Connect's ByteArrayConverter (org.apache.kafka.connect.converters.ByteArrayConverter): BYTES
// values passed through unchanged, read back as OPTIONAL_BYTES (spec §3).
#pragma once

#include <connectdesk/sdk/converter_plugin.h>

namespace connectdesk::converters {

class ByteArrayConverter final : public sdk::Converter, public sdk::HeaderConverter {
public:
    static constexpr const char* kClassName = "org.apache.kafka.connect.converters.ByteArrayConverter";
    static sdk::ConverterPlugin plugin();

    void configure(const sdk::ConfigMap&, bool) override {}
    void configure(const sdk::ConfigMap&) override {}

    std::optional<sdk::Bytes> fromConnectData(std::string_view topic, sdk::Headers& headers,
                                              const sdk::SchemaPtr& schema, const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectData(std::string_view topic, const sdk::Headers& headers,
                                      std::optional<sdk::ByteView> data) override;
    std::optional<sdk::Bytes> fromConnectHeader(std::string_view topic, std::string_view headerKey,
                                                const sdk::SchemaPtr& schema,
                                                const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view headerKey,
                                        std::optional<sdk::ByteView> data) override;
};

} // namespace connectdesk::converters
