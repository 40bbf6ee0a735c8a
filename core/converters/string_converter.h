// Connect's StringConverter (org.apache.kafka.connect.storage.StringConverter): values as text in
// a configurable charset, read back as OPTIONAL_STRING (spec §3).
#pragma once

#include "header_as_data_converter.h"

#include <connectdesk/sdk/converter_plugin.h>

#include <string>

namespace connectdesk::converters {

// Charsets StringConverter supports for converter.encoding (Java names and common aliases).
enum class TextEncoding { Utf8, Latin1, Ascii, Utf16, Utf16Be, Utf16Le };

class StringConverter final : public HeaderAsDataConverter {
public:
    static constexpr const char* kClassName = "org.apache.kafka.connect.storage.StringConverter";
    static sdk::ConverterPlugin plugin();
    // StringConverterConfig.configDef(): converter.type and converter.encoding.
    static sdk::ConfigDef configDef();

    void configure(const sdk::ConfigMap& configs, bool isKey) override;
    void configure(const sdk::ConfigMap& configs) override;

    std::optional<sdk::Bytes> fromConnectData(std::string_view topic, sdk::Headers& headers,
                                              const sdk::SchemaPtr& schema, const sdk::Value& value) override;
    // UTF-8 strings (the default encoding) go straight into `out`, reusing its capacity.
    bool fromConnectDataInto(std::string_view topic, sdk::Headers& headers, const sdk::SchemaPtr& schema,
                             const sdk::Value& value, sdk::Bytes& out) override;
    sdk::SchemaAndValue toConnectData(std::string_view topic, const sdk::Headers& headers,
                                      std::optional<sdk::ByteView> data) override;
    // Text that needs no decoding lands in the string `value` already holds.
    void toConnectDataInto(std::string_view topic, const sdk::Headers& headers,
                           std::optional<sdk::ByteView> data, sdk::SchemaPtr& schema,
                           sdk::Value& value) override;

    TextEncoding encoding() const { return m_encoding; }

private:
    void apply(const sdk::ConfigDef::Parsed& parsed);

    TextEncoding m_encoding = TextEncoding::Utf8;
};

// Java's Object.toString() of a Connect value as StringConverter writes it: `Struct{a=1,b=x}`,
// `{k=v, k2=v2}`, `[a, b]`, Java number text, Date in UTC (`Thu Jan 01 00:00:00 UTC 1970`).
// BYTES are written raw (Java would print an object address, `[B@1b6d3586`).
std::string javaToString(const sdk::Value& value);

} // namespace connectdesk::converters
