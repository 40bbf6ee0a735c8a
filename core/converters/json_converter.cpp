#include "json_converter.h"

#include "base64.h"
#include "converter_config_parsing.h"
#include "java_number_format.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace connectdesk::converters {

using sdk::DataException;
using sdk::Schema;
using sdk::SchemaPtr;
using sdk::SchemaType;
using sdk::Value;
using sdk::ValueKind;

// A field path kept on the stack while recursing; only rendered when an error is thrown.
struct JsonConverter::PathSegment {
    const PathSegment* parent = nullptr;
    std::string_view name;
    std::size_t index = 0;
    bool isIndex = false;
};

namespace {

constexpr const char* kEnvelopeError =
    "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain "
    "additional "
    "fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter "
    "configuration.";

// Type names of the schema JSON; FLOAT32/FLOAT64 are `float`/`double` there (spec §2.3).
constexpr std::string_view kJsonTypeNames[] = {"int8",    "int16",  "int32", "int64", "float", "double",
                                               "boolean", "string", "bytes", "array", "map",   "struct"};

std::string renderPath(const JsonConverter::PathSegment* path);

std::string pathSuffix(const JsonConverter::PathSegment* path)
{
    if (!path)
        return {};
    return " (at field \"" + renderPath(path) + "\")";
}

std::string renderPath(const JsonConverter::PathSegment* path)
{
    if (!path)
        return {};
    std::string parent = renderPath(path->parent);
    if (path->isIndex)
        return parent + "[" + std::to_string(path->index) + "]";
    if (parent.empty())
        return std::string(path->name);
    return parent + "." + std::string(path->name);
}

// Jackson's JsonNodeType names, used in Apache's messages.
std::string_view nodeTypeName(const JsonTape& tape, std::uint32_t i)
{
    if (i == JsonTape::kMissing)
        return "MISSING";
    switch (tape.node(i).kind) {
    case JsonKind::Null:
        return "NULL";
    case JsonKind::False:
    case JsonKind::True:
        return "BOOLEAN";
    case JsonKind::Number:
        return "NUMBER";
    case JsonKind::String:
        return "STRING";
    case JsonKind::Array:
        return "ARRAY";
    case JsonKind::Object:
        return "OBJECT";
    }
    return "UNKNOWN";
}

constexpr char kHex[] = "0123456789ABCDEF";

void appendUnicodeEscape(JsonOut& out, std::uint32_t unit)
{
    out += "\\u";
    out.push_back(kHex[(unit >> 12) & 0xF]);
    out.push_back(kHex[(unit >> 8) & 0xF]);
    out.push_back(kHex[(unit >> 4) & 0xF]);
    out.push_back(kHex[unit & 0xF]);
}

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// Whether any byte of w is < 0x20, '"', '\\' or >= 0xF0 (classic SWAR zero-byte tests).
inline bool needsEscapeSwar(std::uint64_t w)
{
    auto hasZero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    const std::uint64_t less20 = (w - kOnes * 0x20) & ~w & kHighs;
    const std::uint64_t quote = hasZero(w ^ (kOnes * '"'));
    const std::uint64_t backslash = hasZero(w ^ (kOnes * '\\'));
    const std::uint64_t lead4 = hasZero((w & (kOnes * 0xF0)) ^ (kOnes * 0xF0));
    return (less20 | quote | backslash | lead4) != 0;
}

// Jackson escapes `"`, `\` and control characters (short forms for \b \t \n \f \r, otherwise
// \u00XX with upper-case hex) and writes characters outside the BMP as an escaped surrogate pair
// (\uD83D\uDE00); everything else, including other non-ASCII UTF-8, is copied.
void appendJsonString(JsonOut& out, std::string_view s)
{
    out.push_back('"');
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Skip 8 plain bytes at a time (no control char, quote, backslash or 4-byte lead).
        while (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (needsEscapeSwar(w))
                break;
            i += 8;
        }
        if (i >= s.size())
            break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0xF0)
            continue;
        if (c >= 0xF0) {
            // A 4-byte sequence; anything malformed is copied as is.
            if (c > 0xF4 || i + 3 >= s.size() || (static_cast<unsigned char>(s[i + 1]) & 0xC0) != 0x80 ||
                (static_cast<unsigned char>(s[i + 2]) & 0xC0) != 0x80 ||
                (static_cast<unsigned char>(s[i + 3]) & 0xC0) != 0x80)
                continue;
            const std::uint32_t cp = ((c & 0x07U) << 18) |
                                     ((static_cast<unsigned char>(s[i + 1]) & 0x3FU) << 12) |
                                     ((static_cast<unsigned char>(s[i + 2]) & 0x3FU) << 6) |
                                     (static_cast<unsigned char>(s[i + 3]) & 0x3FU);
            if (cp < 0x10000 || cp > 0x10FFFF)
                continue;
            out.append(s.data() + runStart, i - runStart);
            appendUnicodeEscape(out, 0xD800 + ((cp - 0x10000) >> 10));
            appendUnicodeEscape(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
            i += 3;
            runStart = i + 1;
            continue;
        }
        out.append(s.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            appendUnicodeEscape(out, c);
        }
    }
    out.append(s.data() + runStart, s.size() - runStart);
    out.push_back('"');
}

template <class Int>
void appendInt(JsonOut& out, Int v)
{
    char* p = out.reserve(24);
    const auto res = std::to_chars(p, p + 24, v);
    out.advance(static_cast<std::size_t>(res.ptr - p));
}

template <class F>
void appendFloating(JsonOut& out, F v)
{
    // Jackson writes non-finite numbers as strings (WRITE_NAN_AS_STRINGS).
    const bool finite = std::isfinite(v);
    if (!finite)
        out.push_back('"');
    char* p = out.reserve(40);
    if constexpr (std::is_same_v<F, float>)
        out.advance(formatJavaFloat(p, v));
    else
        out.advance(formatJavaDouble(p, v));
    if (!finite)
        out.push_back('"');
}

void appendBase64String(JsonOut& out, const std::uint8_t* data, std::size_t size)
{
    char* p = out.reserve(base64Length(size) + 2);
    *p = '"';
    encodeBase64(p + 1, data, size);
    p[base64Length(size) + 1] = '"';
    out.advance(base64Length(size) + 2);
}

[[noreturn]] void throwWrongType(std::string_view expected, const Value& value,
                                 const JsonConverter::PathSegment* path)
{
    throw DataException("Invalid type for " + std::string(expected) + ": got a " +
                        std::string(sdk::valueKindName(value.kind())) + " value" + pathSuffix(path));
}

// Jackson's intValue()/longValue() of a node: numbers converted (fractions truncated), anything
// else reads as 0 (spec §2.4: lenient, no range check).
std::int64_t longValueOf(const JsonTape& tape, std::uint32_t i)
{
    const JsonNode& n = tape.node(i);
    if (n.kind != JsonKind::Number)
        return 0;
    if (n.integral) {
        std::int64_t v = 0;
        const auto res = std::from_chars(n.text, n.text + n.length, v);
        if (res.ec == std::errc())
            return v;
    }
    double d = 0;
    std::from_chars(n.text, n.text + n.length, d);
    if (std::isnan(d))
        return 0;
    if (d >= 9.2233720368547758e18)
        return std::numeric_limits<std::int64_t>::max();
    if (d <= -9.2233720368547758e18)
        return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(d);
}

template <class F>
F floatingValueOf(const JsonTape& tape, std::uint32_t i)
{
    const JsonNode& n = tape.node(i);
    if (n.kind != JsonKind::Number)
        return 0;
    F v = 0;
    const auto res = std::from_chars(n.text, n.text + n.length, v);
    if (res.ec == std::errc::result_out_of_range) {
        // from_chars leaves v untouched on overflow/underflow; Java gives +-Infinity or 0.
        const bool negative = n.length > 0 && n.text[0] == '-';
        double d = std::strtod(std::string(n.text, n.length).c_str(), nullptr);
        v = std::isinf(d)
                ? (negative ? -std::numeric_limits<F>::infinity() : std::numeric_limits<F>::infinity())
                : static_cast<F>(d);
    }
    return v;
}

// Jackson's isInt(): an integral number that fits in 32 bits.
std::optional<std::int32_t> intNodeValue(const JsonTape& tape, std::uint32_t i)
{
    const JsonNode& n = tape.node(i);
    if (n.kind != JsonKind::Number || !n.integral)
        return std::nullopt;
    std::int32_t v = 0;
    const auto res = std::from_chars(n.text, n.text + n.length, v);
    if (res.ec != std::errc())
        return std::nullopt;
    return v;
}

} // namespace

sdk::ConfigDef JsonConverterConfig::configDef()
{
    using Def = sdk::ConfigDef;
    // Texts, groups and widths as JsonConverterConfig declares them (compared with Apache 4.1.1 by
    // tst_converter_config_conformance).
    Def def = converterConfigDef();
    def.define({.name = "schemas.enable",
                .type = Def::Type::Boolean,
                .defaultValue = Def::Value{true},
                .importance = Def::Importance::High,
                .documentation = "Include schemas within each of the serialized values and keys.",
                .group = "Schemas",
                .orderInGroup = 0,
                .width = Def::Width::Medium,
                .displayName = "Enable Schemas"});
    def.define(
        {.name = "schemas.cache.size",
         .type = Def::Type::Int,
         .defaultValue = Def::Value{std::int32_t{1000}},
         .importance = Def::Importance::High,
         .documentation = "The maximum number of schemas that can be cached in this converter instance.",
         .group = "Schemas",
         .orderInGroup = 1,
         .width = Def::Width::Medium,
         .displayName = "Schema Cache Size"});
    // Apache builds the allowed set in a HashSet, which lists NUMERIC first in its message.
    def.define({.name = "decimal.format",
                .type = Def::Type::String,
                .defaultValue = Def::Value{std::string("BASE64")},
                .validator = sdk::validators::caseInsensitiveValidString({"NUMERIC", "BASE64"}),
                .importance = Def::Importance::Low,
                .documentation =
                    "Controls which format this converter will serialize decimals in. This value is "
                    "case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
                .group = "Serialization",
                .orderInGroup = 0,
                .width = Def::Width::Medium,
                .displayName = "Decimal Format"});
    def.define({.name = "replace.null.with.default",
                .type = Def::Type::Boolean,
                .defaultValue = Def::Value{true},
                .importance = Def::Importance::Low,
                .documentation =
                    "Whether to replace fields that have a default value and that are null to the "
                    "default value. When set to true, the default value is used, otherwise null is "
                    "used.",
                .group = "Serialization",
                .orderInGroup = 1,
                .width = Def::Width::Medium,
                .displayName = "Replace null with default"});
    return def;
}

JsonConverterConfig JsonConverterConfig::fromParsed(const sdk::ConfigDef::Parsed& parsed)
{
    JsonConverterConfig c;
    c.schemasEnable = parsed.getBool("schemas.enable");
    c.schemasCacheSize = parsed.getInt("schemas.cache.size");
    // The validator accepted BASE64 or NUMERIC in any case (Apache upper-cases it, Locale.ROOT).
    std::string format = parsed.getString("decimal.format");
    std::transform(format.begin(), format.end(), format.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    c.decimalFormat = format == "NUMERIC" ? DecimalFormat::Numeric : DecimalFormat::Base64;
    c.replaceNullWithDefault = parsed.getBool("replace.null.with.default");
    c.type = converterTypeOf(parsed);
    return c;
}

sdk::ConverterPlugin JsonConverter::plugin()
{
    sdk::ConverterPlugin p;
    p.className = kClassName;
    p.aliases = sdk::defaultPluginAliases(kClassName, "Converter");
    p.createConverter = [] { return std::make_unique<JsonConverter>(); };
    p.createHeaderConverter = [] { return std::make_unique<JsonConverter>(); };
    p.config = &JsonConverterConfig::configDef;
    return p;
}

JsonConverter::JsonConverter() = default;
JsonConverter::JsonConverter(JsonConverter&&) noexcept = default;
JsonConverter& JsonConverter::operator=(JsonConverter&&) noexcept = default;
JsonConverter::~JsonConverter() = default;

void JsonConverter::configure(const sdk::ConfigMap& configs, bool isKey)
{
    m_config = JsonConverterConfig::fromParsed(
        parseConverterConfig(JsonConverterConfig::configDef(), configs,
                             isKey ? sdk::ConverterType::Key : sdk::ConverterType::Value));
    resetCaches();
}

void JsonConverter::configure(const sdk::ConfigMap& configs)
{
    m_config = JsonConverterConfig::fromParsed(
        parseHeaderConverterConfig(JsonConverterConfig::configDef(), configs));
    resetCaches();
}

void JsonConverter::resetCaches()
{
    m_outLru.clear();
    m_outIndex.clear();
    m_inLru.clear();
    m_inIndex.clear();
}

// ---- Connect -> JSON -------------------------------------------------------------------------

void JsonConverter::writeSchema(JsonOut& out, const Schema& schema)
{
    out += "{\"type\":\"";
    out += kJsonTypeNames[static_cast<std::size_t>(schema.type())];
    out.push_back('"');
    switch (schema.type()) {
    case SchemaType::Array:
        out += ",\"items\":";
        writeSchemaOrNull(out, schema.valueSchema());
        break;
    case SchemaType::Map:
        out += ",\"keys\":";
        writeSchemaOrNull(out, schema.keySchema());
        out += ",\"values\":";
        writeSchemaOrNull(out, schema.valueSchema());
        break;
    case SchemaType::Struct: {
        out += ",\"fields\":[";
        bool first = true;
        for (const sdk::Field& field : schema.fields()) {
            if (!first)
                out.push_back(',');
            first = false;
            writeSchema(out, *field.schema());
            // Apache appends "field" to the field's own schema object, so it comes last.
            out.pop_back();
            out += ",\"field\":";
            appendJsonString(out, field.name());
            out.push_back('}');
        }
        out.push_back(']');
        break;
    }
    default:
        break;
    }
    out += schema.isOptional() ? ",\"optional\":true" : ",\"optional\":false";
    if (schema.name()) {
        out += ",\"name\":";
        appendJsonString(out, *schema.name());
    }
    if (schema.version()) {
        out += ",\"version\":";
        appendInt(out, *schema.version());
    }
    if (schema.doc()) {
        out += ",\"doc\":";
        appendJsonString(out, *schema.doc());
    }
    if (!schema.parameters().empty()) {
        out += ",\"parameters\":{";
        bool first = true;
        for (const auto& [k, v] : schema.parameters()) {
            if (!first)
                out.push_back(',');
            first = false;
            appendJsonString(out, k);
            out.push_back(':');
            appendJsonString(out, v);
        }
        out.push_back('}');
    }
    if (schema.hasDefault()) {
        out += ",\"default\":";
        writeValue(out, &schema, schema.defaultValue(), nullptr);
    }
    out.push_back('}');
}

void JsonConverter::writeSchemaOrNull(JsonOut& out, const SchemaPtr& schema)
{
    // Apache writes JSON null for the missing element schema of arrayOfNull()/mapOfNull().
    if (schema)
        writeSchema(out, *schema);
    else
        out += "null";
}

JsonConverter::OutEntry& JsonConverter::outEntry(const SchemaPtr& schema)
{
    auto it = m_outIndex.find(schema.get());
    if (it != m_outIndex.end()) {
        m_outLru.splice(m_outLru.begin(), m_outLru, it->second);
        return *it->second;
    }
    m_outLru.push_front(OutEntry{schema, {}, false, {}});
    m_outIndex[schema.get()] = m_outLru.begin();
    while (m_outLru.size() > static_cast<std::size_t>(std::max(1, m_config.schemasCacheSize))) {
        m_outIndex.erase(m_outLru.back().schema.get());
        m_outLru.pop_back();
    }
    return m_outLru.front();
}

const std::string& JsonConverter::cachedSchemaJson(const SchemaPtr& schema)
{
    OutEntry& entry = outEntry(schema);
    if (!entry.hasJson) {
        JsonOut buffer;
        writeSchema(buffer, *schema);
        entry.json.assign(buffer.view());
        entry.hasJson = true;
    }
    return entry.json;
}

std::string JsonConverter::schemaToJson(const SchemaPtr& schema)
{
    if (!schema)
        return "null";
    JsonOut out;
    writeSchema(out, *schema);
    return std::string(out.view());
}

void JsonConverter::writeValue(JsonOut& out, const Schema* schema, const Value& value,
                               const PathSegment* path)
{
    if (value.isNull()) {
        if (!schema) {
            out += "null";
            return;
        }
        // spec §2.5: default (when enabled), else null for optional, else an error.
        if (schema->hasDefault() && m_config.replaceNullWithDefault) {
            writeValue(out, schema, schema->defaultValue(), path);
            return;
        }
        if (schema->isOptional()) {
            out += "null";
            return;
        }
        throw DataException(
            "Conversion error: null value for field that is required and has no default value" +
            pathSuffix(path));
    }

    if (schema && schema->name()) {
        switch (sdk::logicalTypeOf(*schema)) {
        case sdk::LogicalType::Decimal: {
            const auto* decimal = value.getIf<sdk::BigDecimal>();
            if (!decimal)
                throwWrongType("Decimal (expected a BigDecimal)", value, path);
            if (m_config.decimalFormat == DecimalFormat::Numeric) {
                // Apache writes the BigDecimal as is, without checking the schema's scale.
                out += std::string_view(decimal->toString());
            } else {
                try {
                    const sdk::Bytes bytes = sdk::Decimal::fromLogical(*schema, *decimal);
                    appendBase64String(out, bytes.data(), bytes.size());
                } catch (const DataException& e) {
                    throw DataException(e.what() + pathSuffix(path));
                }
            }
            return;
        }
        case sdk::LogicalType::Date:
        case sdk::LogicalType::Time:
        case sdk::LogicalType::Timestamp: {
            const auto* dt = value.getIf<sdk::DateTime>();
            if (!dt)
                throwWrongType(*schema->name() + " (expected a DateTime)", value, path);
            try {
                switch (sdk::logicalTypeOf(*schema)) {
                case sdk::LogicalType::Date:
                    appendInt(out, sdk::Date::fromLogical(*schema, *dt));
                    break;
                case sdk::LogicalType::Time:
                    appendInt(out, sdk::Time::fromLogical(*schema, *dt));
                    break;
                default:
                    appendInt(out, sdk::Timestamp::fromLogical(*schema, *dt));
                }
            } catch (const DataException& e) {
                throw DataException(e.what() + pathSuffix(path));
            }
            return;
        }
        case sdk::LogicalType::None:
            break;
        }
    }

    SchemaType type;
    if (schema) {
        type = schema->type();
    } else {
        switch (value.kind()) {
        case ValueKind::Boolean:
            type = SchemaType::Boolean;
            break;
        case ValueKind::Int8:
            type = SchemaType::Int8;
            break;
        case ValueKind::Int16:
            type = SchemaType::Int16;
            break;
        case ValueKind::Int32:
            type = SchemaType::Int32;
            break;
        case ValueKind::Int64:
            type = SchemaType::Int64;
            break;
        case ValueKind::Float32:
            type = SchemaType::Float32;
            break;
        case ValueKind::Float64:
            type = SchemaType::Float64;
            break;
        case ValueKind::String:
            type = SchemaType::String;
            break;
        case ValueKind::Bytes:
            type = SchemaType::Bytes;
            break;
        case ValueKind::Array:
            type = SchemaType::Array;
            break;
        case ValueKind::Map:
            type = SchemaType::Map;
            break;
        case ValueKind::Struct:
            // Apache compares the struct's schema with the (null) schema and fails.
            throw DataException("Mismatching schema: a Struct value needs a schema" + pathSuffix(path));
        default:
            throw DataException("Value of type " + std::string(sdk::valueKindName(value.kind())) +
                                " does not have a corresponding schema type; it needs a schema" +
                                pathSuffix(path));
        }
    }

    const std::string_view typeName = sdk::schemaTypeName(type);
    switch (type) {
    case SchemaType::Int8:
        if (const auto* v = value.getIf<std::int8_t>())
            return appendInt(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Int16:
        if (const auto* v = value.getIf<std::int16_t>())
            return appendInt(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Int32:
        if (const auto* v = value.getIf<std::int32_t>())
            return appendInt(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Int64:
        if (const auto* v = value.getIf<std::int64_t>())
            return appendInt(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Float32:
        if (const auto* v = value.getIf<float>())
            return appendFloating(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Float64:
        if (const auto* v = value.getIf<double>())
            return appendFloating(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Boolean:
        if (const auto* v = value.getIf<bool>()) {
            out += *v ? "true" : "false";
            return;
        }
        throwWrongType(typeName, value, path);
    case SchemaType::String:
        if (const auto* v = value.getIf<std::string>())
            return appendJsonString(out, *v);
        throwWrongType(typeName, value, path);
    case SchemaType::Bytes:
        if (const auto* v = value.getIf<sdk::Bytes>())
            return appendBase64String(out, v->data(), v->size());
        throwWrongType(typeName, value, path);
    case SchemaType::Array: {
        const auto* array = value.getIf<sdk::Array>();
        if (!array)
            throwWrongType(typeName, value, path);
        const Schema* elementSchema = schema ? schema->valueSchema().get() : nullptr;
        out.push_back('[');
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (i > 0)
                out.push_back(',');
            const PathSegment seg{path, {}, i, true};
            writeValue(out, elementSchema, (*array)[i], &seg);
        }
        out.push_back(']');
        return;
    }
    case SchemaType::Map: {
        const auto* map = value.getIf<sdk::Map>();
        if (!map)
            throwWrongType(typeName, value, path);
        const Schema* keySchema = schema ? schema->keySchema().get() : nullptr;
        const Schema* valueSchema = schema ? schema->valueSchema().get() : nullptr;
        bool objectMode = true;
        if (keySchema) {
            objectMode = keySchema->type() == SchemaType::String;
        } else if (schema) {
            objectMode = false; // mapOfNull(): Apache's keySchema().type() would fail; pairs are safe
        } else {
            for (const auto& entry : *map) {
                if (!entry.first.is<std::string>()) {
                    objectMode = false;
                    break;
                }
            }
        }
        if (objectMode) {
            out.push_back('{');
            bool first = true;
            for (std::size_t i = 0; i < map->size(); ++i) {
                const auto& [k, v] = (*map)[i];
                const auto* key = k.getIf<std::string>();
                const PathSegment seg{path, key ? std::string_view(*key) : std::string_view{}, i,
                                      key == nullptr};
                if (!key)
                    throwWrongType("STRING map key", k, &seg);
                if (!first)
                    out.push_back(',');
                first = false;
                appendJsonString(out, *key);
                out.push_back(':');
                writeValue(out, valueSchema, v, &seg);
            }
            out.push_back('}');
        } else {
            out.push_back('[');
            for (std::size_t i = 0; i < map->size(); ++i) {
                if (i > 0)
                    out.push_back(',');
                const PathSegment seg{path, {}, i, true};
                out.push_back('[');
                writeValue(out, keySchema, (*map)[i].first, &seg);
                out.push_back(',');
                writeValue(out, valueSchema, (*map)[i].second, &seg);
                out.push_back(']');
            }
            out.push_back(']');
        }
        return;
    }
    case SchemaType::Struct: {
        const auto* s = value.getIf<sdk::Struct>();
        if (!s)
            throwWrongType(typeName, value, path);
        if (s->schema().get() != schema && !(*s->schema() == *schema))
            throw DataException("Mismatching schema: the struct's schema " + s->schema()->toString() +
                                " differs from " + schema->toString() + pathSuffix(path));
        out.push_back('{');
        const auto& fields = schema->fields();
        const std::vector<std::string>* keys = nullptr;
        if (m_keys) {
            std::vector<std::string>& cached = (*m_keys)[schema];
            if (cached.size() != fields.size()) {
                cached.clear();
                for (std::size_t i = 0; i < fields.size(); ++i) {
                    JsonOut key;
                    if (i > 0)
                        key.push_back(',');
                    appendJsonString(key, fields[i].name());
                    key.push_back(':');
                    cached.emplace_back(key.view());
                }
            }
            keys = &cached;
        }
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (keys) {
                out.append((*keys)[i]);
            } else {
                if (i > 0)
                    out.push_back(',');
                appendJsonString(out, fields[i].name());
                out.push_back(':');
            }
            const PathSegment seg{path, fields[i].name(), 0, false};
            // spec §2.5: raw values; defaults are substituted only by the null rule above.
            writeValue(out, fields[i].schema().get(), s->getWithoutDefault(i), &seg);
        }
        out.push_back('}');
        return;
    }
    }
}

bool JsonConverter::serialize(const SchemaPtr& schema, const Value& value, std::string& out)
{
    out.clear();
    if (!serializeInto(schema, value, m_out))
        return false;
    out.assign(m_out.view());
    return true;
}

bool JsonConverter::serializeInto(const SchemaPtr& schema, const Value& value, JsonOut& out)
{
    out.clear();
    // (null, null) is a tombstone whatever schemas.enable says (spec §2.3).
    if (!schema && value.isNull())
        return false;
    // Struct member keys come pre-escaped from the top-level schema's cache entry; the guard
    // clears the pointer however this call ends so no other write can use a foreign entry.
    struct KeysGuard {
        StructKeys*& keys;
        ~KeysGuard() { keys = nullptr; }
    } guard{m_keys};
    if (schema && schema->type() == SchemaType::Struct)
        m_keys = &outEntry(schema).structKeys;
    if (m_config.schemasEnable) {
        out += "{\"schema\":";
        if (schema)
            out += cachedSchemaJson(schema);
        else
            out += "null";
        out += ",\"payload\":";
        writeValue(out, schema.get(), value, nullptr);
        out.push_back('}');
    } else {
        writeValue(out, schema.get(), value, nullptr);
    }
    return true;
}

bool JsonConverter::fromConnectDataInto(std::string_view, sdk::Headers&, const SchemaPtr& schema,
                                        const Value& value, sdk::Bytes& out)
{
    if (!serializeInto(schema, value, m_out))
        return false;
    const auto* begin = reinterpret_cast<const std::uint8_t*>(m_out.data());
    out.assign(begin, begin + m_out.size());
    return true;
}

std::optional<sdk::Bytes> JsonConverter::fromConnectData(std::string_view topic, sdk::Headers& headers,
                                                         const SchemaPtr& schema, const Value& value)
{
    sdk::Bytes out;
    if (!fromConnectDataInto(topic, headers, schema, value, out))
        return std::nullopt;
    return out;
}

std::optional<sdk::Bytes> JsonConverter::fromConnectHeader(std::string_view, std::string_view,
                                                           const SchemaPtr& schema, const Value& value)
{
    if (!serializeInto(schema, value, m_out))
        return std::nullopt;
    const auto* begin = reinterpret_cast<const std::uint8_t*>(m_out.data());
    return sdk::Bytes(begin, begin + m_out.size());
}

// ---- JSON -> Connect -------------------------------------------------------------------------

SchemaPtr JsonConverter::readSchema(std::uint32_t i, bool cacheable)
{
    const JsonNode& node = m_tape.node(i);
    if (node.kind == JsonKind::Null)
        return nullptr;
    if (node.kind != JsonKind::Object)
        throw DataException("Schema must contain 'type' field");

    const bool useCache = cacheable && m_config.schemasCacheSize > 0;
    if (useCache) {
        auto it = m_inIndex.find(m_tape.source(i));
        if (it != m_inIndex.end()) {
            m_inLru.splice(m_inLru.begin(), m_inLru, it->second);
            return it->second->schema;
        }
    }

    const std::uint32_t typeIndex = m_tape.member(i, "type");
    if (typeIndex == JsonTape::kMissing || m_tape.node(typeIndex).kind != JsonKind::String)
        throw DataException("Schema must contain 'type' field");
    const std::string_view typeName = m_tape.text(typeIndex);

    std::optional<sdk::SchemaBuilder> builder;
    for (std::size_t t = 0; t < std::size(kJsonTypeNames); ++t) {
        if (kJsonTypeNames[t] != typeName)
            continue;
        const auto type = static_cast<SchemaType>(t);
        if (type == SchemaType::Array) {
            const std::uint32_t items = m_tape.member(i, "items");
            if (items == JsonTape::kMissing || m_tape.node(items).kind == JsonKind::Null)
                throw DataException("Array schema did not specify the element type");
            builder.emplace(sdk::SchemaBuilder::array(readSchema(items, false)));
        } else if (type == SchemaType::Map) {
            const std::uint32_t keys = m_tape.member(i, "keys");
            if (keys == JsonTape::kMissing)
                throw DataException("Map schema did not specify the key type");
            const std::uint32_t values = m_tape.member(i, "values");
            if (values == JsonTape::kMissing)
                throw DataException("Map schema did not specify the value type");
            builder.emplace(sdk::SchemaBuilder::map(readSchema(keys, false), readSchema(values, false)));
        } else if (type == SchemaType::Struct) {
            builder.emplace(sdk::SchemaBuilder::structType());
            const std::uint32_t fields = m_tape.member(i, "fields");
            if (fields == JsonTape::kMissing || m_tape.node(fields).kind != JsonKind::Array)
                throw DataException("Struct schema's \"fields\" argument is not an array.");
            for (std::uint32_t f = JsonTape::firstChild(fields); f < m_tape.node(fields).next;
                 f = m_tape.node(f).next) {
                const std::uint32_t nameIndex =
                    m_tape.node(f).kind == JsonKind::Object ? m_tape.member(f, "field") : JsonTape::kMissing;
                if (nameIndex == JsonTape::kMissing || m_tape.node(nameIndex).kind != JsonKind::String)
                    throw DataException("Struct schema's field name not specified properly");
                builder->field(std::string(m_tape.text(nameIndex)), readSchema(f, false));
            }
        } else {
            builder.emplace(type);
        }
        break;
    }
    if (!builder)
        throw DataException("Unknown schema type: " + std::string(typeName));

    const std::uint32_t optional = m_tape.member(i, "optional");
    if (optional != JsonTape::kMissing && m_tape.node(optional).kind == JsonKind::True)
        builder->optional();
    else
        builder->required();
    const std::uint32_t name = m_tape.member(i, "name");
    if (name != JsonTape::kMissing && m_tape.node(name).kind == JsonKind::String)
        builder->name(std::string(m_tape.text(name)));
    const std::uint32_t version = m_tape.member(i, "version");
    if (version != JsonTape::kMissing && m_tape.node(version).kind == JsonKind::Number &&
        m_tape.node(version).integral)
        builder->version(static_cast<std::int32_t>(longValueOf(m_tape, version)));
    const std::uint32_t doc = m_tape.member(i, "doc");
    if (doc != JsonTape::kMissing && m_tape.node(doc).kind == JsonKind::String)
        builder->doc(std::string(m_tape.text(doc)));
    const std::uint32_t params = m_tape.member(i, "parameters");
    if (params != JsonTape::kMissing && m_tape.node(params).kind == JsonKind::Object) {
        for (std::uint32_t k = JsonTape::firstChild(params); k < m_tape.node(params).next;
             k = m_tape.node(k + 1).next) {
            if (m_tape.node(k + 1).kind != JsonKind::String)
                throw DataException("Schema parameters must have string values.");
            builder->parameter(std::string(m_tape.text(k)), std::string(m_tape.text(k + 1)));
        }
    }
    const std::uint32_t defaultIndex = m_tape.member(i, "default");
    if (defaultIndex != JsonTape::kMissing)
        builder->defaultValue(readValue(builder->build(), defaultIndex, nullptr));

    SchemaPtr result = builder->build();
    if (useCache) {
        m_inLru.push_front(InEntry{std::string(m_tape.source(i)), result});
        m_inIndex[m_inLru.front().json] = m_inLru.begin();
        while (m_inLru.size() > static_cast<std::size_t>(m_config.schemasCacheSize)) {
            m_inIndex.erase(m_inLru.back().json);
            m_inLru.pop_back();
        }
    }
    return result;
}

Value JsonConverter::readValue(const SchemaPtr& schemaPtr, std::uint32_t i, const PathSegment* path)
{
    static const SchemaPtr kNoSchema;
    const Schema* schema = schemaPtr.get();
    const bool isNull = i == JsonTape::kMissing || m_tape.node(i).kind == JsonKind::Null;
    SchemaType type;
    if (schema) {
        if (isNull) {
            if (schema->hasDefault() && m_config.replaceNullWithDefault)
                return schema->defaultValue();
            if (schema->isOptional())
                return Value();
            throw DataException("Invalid null value for required " +
                                std::string(sdk::schemaTypeName(schema->type())) + " field" +
                                pathSuffix(path));
        }
        type = schema->type();
        if (schema->name()) {
            switch (sdk::logicalTypeOf(*schema)) {
            case sdk::LogicalType::Decimal: {
                const JsonNode& n = m_tape.node(i);
                if (n.kind == JsonKind::Number) {
                    // Used as written: the scale is the text's, not the schema's (spec §2.4).
                    auto decimal = sdk::BigDecimal::parse(m_tape.text(i));
                    if (!decimal)
                        throw DataException("Invalid number for Decimal field" + pathSuffix(path));
                    return Value(std::move(*decimal));
                }
                if (n.kind == JsonKind::String) {
                    auto bytes = decodeBase64(m_tape.text(i));
                    if (!bytes)
                        throw DataException("Invalid bytes for Decimal field: not base64" + pathSuffix(path));
                    try {
                        return Value(sdk::Decimal::toLogical(*schema, *bytes));
                    } catch (const DataException& e) {
                        throw DataException(std::string("Invalid bytes for Decimal field: ") + e.what() +
                                            pathSuffix(path));
                    }
                }
                throw DataException("Invalid type for Decimal, underlying representation should be numeric "
                                    "or bytes but was " +
                                    std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
            }
            case sdk::LogicalType::Date:
            case sdk::LogicalType::Time: {
                const bool isDate = sdk::logicalTypeOf(*schema) == sdk::LogicalType::Date;
                const auto v = intNodeValue(m_tape, i);
                if (!v)
                    throw DataException(std::string("Invalid type for ") + (isDate ? "Date" : "Time") +
                                        ", underlying representation should be integer but was " +
                                        std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
                try {
                    return Value(isDate ? sdk::Date::toLogical(*schema, *v)
                                        : sdk::Time::toLogical(*schema, *v));
                } catch (const DataException& e) {
                    throw DataException(e.what() + pathSuffix(path));
                }
            }
            case sdk::LogicalType::Timestamp: {
                const JsonNode& n = m_tape.node(i);
                if (n.kind != JsonKind::Number || !n.integral)
                    throw DataException(
                        "Invalid type for Timestamp, underlying representation should be integral but was " +
                        std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
                return Value(sdk::Timestamp::toLogical(*schema, longValueOf(m_tape, i)));
            }
            case sdk::LogicalType::None:
                break;
            }
        }
    } else {
        if (isNull)
            return Value();
        // spec §2.6: inference without a schema.
        switch (m_tape.node(i).kind) {
        case JsonKind::True:
        case JsonKind::False:
            type = SchemaType::Boolean;
            break;
        case JsonKind::Number:
            type = m_tape.node(i).integral ? SchemaType::Int64 : SchemaType::Float64;
            break;
        case JsonKind::String:
            type = SchemaType::String;
            break;
        case JsonKind::Array:
            type = SchemaType::Array;
            break;
        default:
            type = SchemaType::Map;
            break;
        }
    }

    const JsonNode& n = m_tape.node(i);
    switch (type) {
    case SchemaType::Boolean:
        return Value(n.kind == JsonKind::True);
    case SchemaType::Int8:
        return Value(static_cast<std::int8_t>(static_cast<std::int32_t>(longValueOf(m_tape, i))));
    case SchemaType::Int16:
        return Value(static_cast<std::int16_t>(static_cast<std::int32_t>(longValueOf(m_tape, i))));
    case SchemaType::Int32:
        return Value(static_cast<std::int32_t>(longValueOf(m_tape, i)));
    case SchemaType::Int64:
        return Value(longValueOf(m_tape, i));
    case SchemaType::Float32:
        return Value(floatingValueOf<float>(m_tape, i));
    case SchemaType::Float64:
        return Value(floatingValueOf<double>(m_tape, i));
    case SchemaType::String:
        if (n.kind != JsonKind::String)
            return Value(); // Jackson's textValue() of a non-string; fails later if required
        return Value(std::string(n.text, n.length));
    case SchemaType::Bytes: {
        if (n.kind != JsonKind::String)
            return Value();
        auto bytes = decodeBase64(m_tape.text(i));
        if (!bytes)
            throw DataException("Invalid bytes field: not base64" + pathSuffix(path));
        return Value(std::move(*bytes));
    }
    case SchemaType::Array: {
        if (n.kind != JsonKind::Array)
            throw DataException("Arrays should be encoded as JSON arrays, but found " +
                                std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
        const SchemaPtr& elementSchema = schema ? schema->valueSchema() : kNoSchema;
        sdk::Array out;
        out.reserve(n.count);
        std::size_t index = 0;
        for (std::uint32_t e = JsonTape::firstChild(i); e < n.next; e = m_tape.node(e).next) {
            const PathSegment seg{path, {}, index++, true};
            out.push_back(readValue(elementSchema, e, &seg));
        }
        return Value(std::move(out));
    }
    case SchemaType::Map: {
        const SchemaPtr& keySchema = schema ? schema->keySchema() : kNoSchema;
        const SchemaPtr& valueSchema = schema ? schema->valueSchema() : kNoSchema;
        sdk::Map out;
        out.reserve(n.count);
        if (!schema || (keySchema && keySchema->type() == SchemaType::String)) {
            if (n.kind != JsonKind::Object)
                throw DataException("Maps with string fields should be encoded as JSON objects, but found " +
                                    std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
            for (std::uint32_t k = JsonTape::firstChild(i); k < n.next; k = m_tape.node(k + 1).next) {
                const PathSegment seg{path, m_tape.text(k), 0, false};
                out.emplace_back(Value(std::string(m_tape.text(k))), readValue(valueSchema, k + 1, &seg));
            }
        } else {
            if (n.kind != JsonKind::Array)
                throw DataException(
                    "Maps with non-string fields should be encoded as JSON array of tuples, but found " +
                    std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
            std::size_t index = 0;
            for (std::uint32_t e = JsonTape::firstChild(i); e < n.next; e = m_tape.node(e).next) {
                const PathSegment seg{path, {}, index++, true};
                const JsonNode& entry = m_tape.node(e);
                if (entry.kind != JsonKind::Array)
                    throw DataException("Found invalid map entry instead of array tuple: " +
                                        std::string(nodeTypeName(m_tape, e)) + pathSuffix(&seg));
                if (entry.count != 2)
                    throw DataException("Found invalid map entry, expected length 2 but found :" +
                                        std::to_string(entry.count) + pathSuffix(&seg));
                const std::uint32_t keyIndex = e + 1;
                const std::uint32_t valueIndex = m_tape.node(keyIndex).next;
                Value key = readValue(keySchema, keyIndex, &seg);
                out.emplace_back(std::move(key), readValue(valueSchema, valueIndex, &seg));
            }
        }
        return Value(std::move(out));
    }
    case SchemaType::Struct: {
        if (n.kind != JsonKind::Object)
            throw DataException("Structs should be encoded as JSON objects, but found " +
                                std::string(nodeTypeName(m_tape, i)) + pathSuffix(path));
        sdk::Struct result(schemaPtr);
        // Members usually come in field order, so try the next member before searching.
        std::uint32_t cursor = JsonTape::firstChild(i);
        const auto& fields = schema->fields();
        for (std::size_t f = 0; f < fields.size(); ++f) {
            const sdk::Field& field = fields[f];
            std::uint32_t valueIndex;
            if (cursor < n.next && m_tape.text(cursor) == field.name()) {
                valueIndex = cursor + 1;
                cursor = m_tape.node(valueIndex).next;
            } else {
                valueIndex = m_tape.member(i, field.name());
            }
            const PathSegment seg{path, field.name(), 0, false};
            Value v = readValue(field.schema(), valueIndex, &seg);
            if (v.isNull() && !field.schema()->isOptional())
                throw DataException(
                    "Invalid value: null used for required field: \"" + renderPath(&seg) +
                    "\", schema type: " + std::string(sdk::schemaTypeName(field.schema()->type())));
            result.putUnchecked(f, std::move(v));
        }
        return Value(std::move(result));
    }
    }
    return Value();
}

sdk::SchemaAndValue JsonConverter::deserialize(const std::uint8_t* data, std::size_t size)
{
    sdk::SchemaAndValue result;
    deserializeInto(data, size, result.schema, result.value);
    return result;
}

void JsonConverter::deserializeInto(const std::uint8_t* data, std::size_t size, SchemaPtr& schema,
                                    Value& value)
{
    if (auto error = m_tape.parse(data, size))
        throw DataException("Converting byte[] to Kafka Connect data failed due to serialization error: " +
                            *error);
    std::uint32_t payloadIndex = 0;
    if (!m_config.schemasEnable) {
        schema = nullptr;
        if (m_tape.empty()) {
            value = Value();
            return;
        }
    } else {
        if (m_tape.empty() || m_tape.node(0).kind != JsonKind::Object || m_tape.node(0).count != 2)
            throw DataException(kEnvelopeError);
        const std::uint32_t schemaIndex = m_tape.member(0, "schema");
        payloadIndex = m_tape.member(0, "payload");
        if (schemaIndex == JsonTape::kMissing || payloadIndex == JsonTape::kMissing)
            throw DataException(kEnvelopeError);
        schema = readSchema(schemaIndex, true);
    }
    // A string payload of a plain string schema (or of none) is the text as is: copied into the
    // string `value` holds, if it holds one, instead of into a new one.
    auto* text = value.getIf<std::string>();
    const JsonNode& payload = m_tape.node(payloadIndex);
    if (text != nullptr && payload.kind == JsonKind::String &&
        (!schema || (schema->type() == SchemaType::String && !schema->name()))) {
        text->assign(payload.text, payload.length);
        return;
    }
    value = readValue(schema, payloadIndex, nullptr);
}

sdk::SchemaAndValue JsonConverter::toConnectData(std::string_view, const sdk::Headers&,
                                                 std::optional<sdk::ByteView> data)
{
    if (!data)
        return {};
    return deserialize(data->data(), data->size());
}

void JsonConverter::toConnectDataInto(std::string_view, const sdk::Headers&,
                                      std::optional<sdk::ByteView> data, sdk::SchemaPtr& schema,
                                      sdk::Value& value)
{
    if (!data) {
        schema = nullptr;
        value = Value();
        return;
    }
    deserializeInto(data->data(), data->size(), schema, value);
}

sdk::SchemaAndValue JsonConverter::toConnectHeader(std::string_view, std::string_view,
                                                   std::optional<sdk::ByteView> data)
{
    if (!data)
        return {};
    return deserialize(data->data(), data->size());
}

} // namespace connectdesk::converters
