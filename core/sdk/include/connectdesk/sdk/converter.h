// The Converter interface: turns Connect data into Kafka record bytes and back
// (org.apache.kafka.connect.storage.Converter, spec/connect-data-and-config.md §2–3).
#pragma once

#include "connectdesk/sdk/config_map.h"
#include "connectdesk/sdk/headers.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace connectdesk::sdk {

// Read-only bytes of a Kafka key/value/header; std::nullopt stands for Kafka null.
using ByteView = std::span<const std::uint8_t>;

// What a converter instance is used for; injected as `converter.type` (spec §2.1).
enum class ConverterType : std::uint8_t { Key, Value, Header };
// `key`, `value`, `header`.
std::string_view converterTypeName(ConverterType type);

class Converter {
public:
    virtual ~Converter();

    // Configs arrive with the `key.converter.`/`value.converter.` prefix stripped. Throws
    // ConfigException on bad values.
    virtual void configure(const ConfigMap& configs, bool isKey) = 0;

    // Connect -> bytes; nullopt means Kafka null (a tombstone). Throws DataException when the
    // value does not fit the schema or the converter.
    virtual std::optional<Bytes> fromConnectData(std::string_view topic, Headers& headers,
                                                 const SchemaPtr& schema, const Value& value) = 0;

    // Hot-path form: writes into `out` (reusing its capacity) and returns false for Kafka null.
    // The default forwards to fromConnectData.
    virtual bool fromConnectDataInto(std::string_view topic, Headers& headers, const SchemaPtr& schema,
                                     const Value& value, Bytes& out);

    // Bytes -> Connect; nullopt (Kafka null) gives (null, null) for every built-in converter.
    // Throws DataException on undecodable bytes.
    virtual SchemaAndValue toConnectData(std::string_view topic, const Headers& headers,
                                         std::optional<ByteView> data) = 0;

    // Hot-path form: sets `schema` and `value` to what toConnectData returns, reusing what `value`
    // holds (a string's buffer) where the converter can. The default assigns toConnectData's result.
    virtual void toConnectDataInto(std::string_view topic, const Headers& headers,
                                   std::optional<ByteView> data, SchemaPtr& schema, Value& value);

    virtual void close() {}
};

} // namespace connectdesk::sdk
