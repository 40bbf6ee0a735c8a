// Connect's JsonConverter (org.apache.kafka.connect.json.JsonConverter): the schema/payload
// envelope, schemaless inference and Apache's byte layout, on RapidJSON (spec §2, Appendix A).
#pragma once

#include "json_out.h"
#include "json_tape.h"

#include <connectdesk/sdk/converter.h>
#include <connectdesk/sdk/converter_plugin.h>
#include <connectdesk/sdk/header_converter.h>

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace connectdesk::converters {

// How Decimal values are written; reading accepts both (decimal.format).
enum class DecimalFormat { Base64, Numeric };

// JsonConverterConfig, parsed once at configure() (spec §2.1).
struct JsonConverterConfig {
    bool schemasEnable = true;
    int schemasCacheSize = 1000;
    DecimalFormat decimalFormat = DecimalFormat::Base64;
    bool replaceNullWithDefault = true;
    sdk::ConverterType type = sdk::ConverterType::Value;

    // JsonConverterConfig.configDef(): converter.type, then the Schemas and Serialization groups.
    static sdk::ConfigDef configDef();
    // The typed values of configs parsed with configDef().
    static JsonConverterConfig fromParsed(const sdk::ConfigDef::Parsed& parsed);
};

// Not thread-safe (reused buffers and caches): the worker creates one instance per task and
// converter role, as Connect does.
class JsonConverter final : public sdk::Converter, public sdk::HeaderConverter {
public:
    static constexpr const char* kClassName = "org.apache.kafka.connect.json.JsonConverter";
    static sdk::ConverterPlugin plugin();

    JsonConverter();
    // Movable (the caches' list nodes, and so their index entries, survive a move); not copyable.
    JsonConverter(JsonConverter&&) noexcept;
    JsonConverter& operator=(JsonConverter&&) noexcept;
    ~JsonConverter() override;

    void configure(const sdk::ConfigMap& configs, bool isKey) override;
    void configure(const sdk::ConfigMap& configs) override;
    const JsonConverterConfig& config() const { return m_config; }

    std::optional<sdk::Bytes> fromConnectData(std::string_view topic, sdk::Headers& headers,
                                              const sdk::SchemaPtr& schema, const sdk::Value& value) override;
    bool fromConnectDataInto(std::string_view topic, sdk::Headers& headers, const sdk::SchemaPtr& schema,
                             const sdk::Value& value, sdk::Bytes& out) override;
    sdk::SchemaAndValue toConnectData(std::string_view topic, const sdk::Headers& headers,
                                      std::optional<sdk::ByteView> data) override;
    // A string payload lands in the string `value` already holds.
    void toConnectDataInto(std::string_view topic, const sdk::Headers& headers,
                           std::optional<sdk::ByteView> data, sdk::SchemaPtr& schema,
                           sdk::Value& value) override;

    // The header methods ignore the header key and behave like the value methods (spec §2).
    std::optional<sdk::Bytes> fromConnectHeader(std::string_view topic, std::string_view headerKey,
                                                const sdk::SchemaPtr& schema,
                                                const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view headerKey,
                                        std::optional<sdk::ByteView> data) override;

    // Serialises without the sdk::Headers argument; false means Kafka null. `out` is overwritten.
    bool serialize(const sdk::SchemaPtr& schema, const sdk::Value& value, std::string& out);
    sdk::SchemaAndValue deserialize(const std::uint8_t* data, std::size_t size);
    // deserialize() into `schema` and `value`, reusing a string `value` for a string payload.
    void deserializeInto(const std::uint8_t* data, std::size_t size, sdk::SchemaPtr& schema,
                         sdk::Value& value);

    // The schema JSON Apache writes inside the envelope (`{"type":"int32","optional":false}`).
    std::string schemaToJson(const sdk::SchemaPtr& schema);

    void close() override {}

    // A field path on the stack while recursing, rendered only for error messages.
    struct PathSegment;

private:
    // A new configuration may change what cached schemas look like.
    void resetCaches();
    void writeSchema(JsonOut& out, const sdk::Schema& schema);
    void writeSchemaOrNull(JsonOut& out, const sdk::SchemaPtr& schema);
    bool serializeInto(const sdk::SchemaPtr& schema, const sdk::Value& value, JsonOut& out);
    const std::string& cachedSchemaJson(const sdk::SchemaPtr& schema);
    void writeValue(JsonOut& out, const sdk::Schema* schema, const sdk::Value& value,
                    const PathSegment* path);
    sdk::SchemaPtr readSchema(std::uint32_t node, bool cacheable);
    sdk::Value readValue(const sdk::SchemaPtr& schema, std::uint32_t node, const PathSegment* path);

    JsonConverterConfig m_config;
    JsonTape m_tape;
    JsonOut m_out;

    // LRU caches of schemas.cache.size entries each way. Connect -> JSON is keyed by schema
    // identity; the entry holds the SchemaPtr so the address cannot be reused while cached.
    // Pre-escaped `"name":` member keys (with the leading comma after the first) of every struct
    // schema reachable from a cached top-level schema; they stay valid because the entry keeps
    // that top-level schema, and so all its children, alive.
    using StructKeys = std::unordered_map<const sdk::Schema*, std::vector<std::string>>;
    struct OutEntry {
        sdk::SchemaPtr schema;
        std::string json;
        bool hasJson = false;
        StructKeys structKeys;
    };
    OutEntry& outEntry(const sdk::SchemaPtr& schema);
    // The current record's key cache while serialising, else null.
    StructKeys* m_keys = nullptr;
    std::list<OutEntry> m_outLru;
    std::unordered_map<const sdk::Schema*, std::list<OutEntry>::iterator> m_outIndex;
    // JSON -> Connect is keyed by the schema's source text.
    struct InEntry {
        std::string json;
        sdk::SchemaPtr schema;
    };
    std::list<InEntry> m_inLru;
    std::unordered_map<std::string_view, std::list<InEntry>::iterator> m_inIndex;
};

} // namespace connectdesk::converters
