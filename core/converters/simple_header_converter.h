// Connect's default header converter (org.apache.kafka.connect.storage.SimpleHeaderConverter):
// values as Connect's "Values" text form, read back with type inference (spec §3.1).
#pragma once

#include <connectdesk/sdk/converter_plugin.h>

#include <string>
#include <string_view>

namespace connectdesk::converters {

class SimpleHeaderConverter final : public sdk::HeaderConverter {
public:
    static constexpr const char* kClassName = "org.apache.kafka.connect.storage.SimpleHeaderConverter";
    static sdk::ConverterPlugin plugin();

    void configure(const sdk::ConfigMap&) override {}
    std::optional<sdk::Bytes> fromConnectHeader(std::string_view topic, std::string_view headerKey,
                                                const sdk::SchemaPtr& schema,
                                                const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view headerKey,
                                        std::optional<sdk::ByteView> data) override;
};

// Values.convertToString: `42`, `1.5`, raw top-level strings, base64 bytes, `[1,"a"]`,
// `{"k":1}`, struct `{"field":value}` with defaults, ISO-8601 dates chosen by magnitude (UTC).
std::string valuesToString(const sdk::Value& value);

// Values.parseString: the smallest integer type, FLOAT32/FLOAT64/Decimal, booleans, null,
// ISO-8601 Date/Time/Timestamp, arrays and maps with a common element schema, else STRING.
sdk::SchemaAndValue valuesParseString(std::string_view text);

} // namespace connectdesk::converters
