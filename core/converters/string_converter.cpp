#include "string_converter.h"

#include "append_joined.h"
#include "converter_config_parsing.h"
#include "java_number_format.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>

namespace connectdesk::converters {

namespace {

TextEncoding parseEncoding(const std::string& name)
{
    std::string n;
    for (char c : name)
        n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (n == "UTF-8" || n == "UTF8")
        return TextEncoding::Utf8;
    if (n == "ISO-8859-1" || n == "ISO8859_1" || n == "ISO8859-1" || n == "LATIN1" || n == "ISO-LATIN-1")
        return TextEncoding::Latin1;
    if (n == "US-ASCII" || n == "ASCII")
        return TextEncoding::Ascii;
    if (n == "UTF-16" || n == "UTF16")
        return TextEncoding::Utf16;
    if (n == "UTF-16BE" || n == "UNICODEBIGUNMARKED")
        return TextEncoding::Utf16Be;
    if (n == "UTF-16LE" || n == "UNICODELITTLEUNMARKED")
        return TextEncoding::Utf16Le;
    throw sdk::ConfigException(
        "converter.encoding", name,
        "Unsupported charset (supported: UTF-8, ISO-8859-1, US-ASCII, UTF-16, UTF-16BE, "
        "UTF-16LE)");
}

// Decodes one UTF-8 code point; malformed input yields U+FFFD and advances one byte.
char32_t nextCodePoint(std::string_view s, std::size_t& i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    auto cont = [&s](std::size_t k) {
        return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
    };
    if (c < 0x80) {
        ++i;
        return c;
    }
    if ((c & 0xE0) == 0xC0 && cont(i + 1)) {
        const char32_t cp = ((c & 0x1FU) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3FU);
        i += 2;
        return cp;
    }
    if ((c & 0xF0) == 0xE0 && cont(i + 1) && cont(i + 2)) {
        const char32_t cp = ((c & 0x0FU) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3FU) << 6) |
                            (static_cast<unsigned char>(s[i + 2]) & 0x3FU);
        i += 3;
        return cp;
    }
    if ((c & 0xF8) == 0xF0 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
        const char32_t cp = ((c & 0x07U) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3FU) << 12) |
                            ((static_cast<unsigned char>(s[i + 2]) & 0x3FU) << 6) |
                            (static_cast<unsigned char>(s[i + 3]) & 0x3FU);
        i += 4;
        return cp;
    }
    ++i;
    return 0xFFFD;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Java's String.getBytes(charset): unmappable characters become '?'.
sdk::Bytes encodeText(std::string_view utf8, TextEncoding encoding)
{
    sdk::Bytes out;
    if (encoding == TextEncoding::Utf8)
        return sdk::Bytes(utf8.begin(), utf8.end());
    if (encoding == TextEncoding::Utf16)
        out = {0xFE, 0xFF}; // Java's UTF-16 encoder writes a big-endian byte-order mark
    auto put16 = [&out, encoding](std::uint32_t unit) {
        const auto hi = static_cast<std::uint8_t>(unit >> 8);
        const auto lo = static_cast<std::uint8_t>(unit & 0xFF);
        if (encoding == TextEncoding::Utf16Le) {
            out.push_back(lo);
            out.push_back(hi);
        } else {
            out.push_back(hi);
            out.push_back(lo);
        }
    };
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = nextCodePoint(utf8, i);
        switch (encoding) {
        case TextEncoding::Latin1:
            out.push_back(cp <= 0xFF ? static_cast<std::uint8_t>(cp) : '?');
            break;
        case TextEncoding::Ascii:
            out.push_back(cp <= 0x7F ? static_cast<std::uint8_t>(cp) : '?');
            break;
        default:
            if (cp >= 0x10000) {
                put16(0xD800 + ((cp - 0x10000) >> 10));
                put16(0xDC00 + ((cp - 0x10000) & 0x3FF));
            } else {
                put16(cp);
            }
        }
    }
    return out;
}

// 7-bit text decodes to itself in UTF-8, US-ASCII and ISO-8859-1 alike.
bool isAscii(sdk::ByteView bytes)
{
    // Eight bytes a step: GCC does not vectorise the byte loop at -O2, and every record's text
    // passes here.
    std::uint64_t acc = 0;
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + i, 8);
        acc |= word;
    }
    for (; i < bytes.size(); ++i)
        acc |= bytes[i];
    return (acc & 0x8080808080808080ULL) == 0;
}

// 7-bit text is itself in UTF-8, and in these encodings decodes to itself (the decoder's shortcut).
bool isItsOwnText(sdk::ByteView bytes, TextEncoding encoding)
{
    return (encoding == TextEncoding::Utf8 || encoding == TextEncoding::Latin1 ||
            encoding == TextEncoding::Ascii) &&
           isAscii(bytes);
}

// Java's new String(bytes, charset): malformed input becomes U+FFFD.
std::string decodeText(sdk::ByteView bytes, TextEncoding encoding)
{
    std::string out;
    if (isItsOwnText(bytes, encoding))
        return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    switch (encoding) {
    case TextEncoding::Utf8: {
        const std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        for (std::size_t i = 0; i < s.size();)
            appendUtf8(out, nextCodePoint(s, i));
        return out;
    }
    case TextEncoding::Latin1:
        for (auto b : bytes)
            appendUtf8(out, b);
        return out;
    case TextEncoding::Ascii:
        for (auto b : bytes)
            appendUtf8(out, b < 0x80 ? b : 0xFFFD);
        return out;
    default:
        break;
    }
    bool little = encoding == TextEncoding::Utf16Le;
    std::size_t i = 0;
    if (encoding == TextEncoding::Utf16 && bytes.size() >= 2) {
        if (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            i = 2;
        } else if (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            little = true;
            i = 2;
        }
    }
    auto unitAt = [&bytes, little](std::size_t k) -> std::uint32_t {
        return little ? (std::uint32_t{bytes[k + 1]} << 8) | bytes[k]
                      : (std::uint32_t{bytes[k]} << 8) | bytes[k + 1];
    };
    for (; i + 1 < bytes.size(); i += 2) {
        const std::uint32_t u = unitAt(i);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size()) {
            const std::uint32_t low = unitAt(i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                appendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        appendUtf8(out, (u >= 0xD800 && u < 0xE000) ? 0xFFFD : u);
    }
    if (i < bytes.size())
        appendUtf8(out, 0xFFFD);
    return out;
}

void appendJavaToString(std::string& out, const sdk::Value& value)
{
    using sdk::ValueKind;
    const auto& v = value.variant();
    if (appendJavaScalar(out, value))
        return;
    switch (value.kind()) {
    case ValueKind::String:
        out += std::get<std::string>(v);
        return;
    case ValueKind::Bytes: {
        const auto& b = std::get<sdk::Bytes>(v);
        out.append(b.begin(), b.end());
        return;
    }
    case ValueKind::Array:
        appendJoined(out, '[', std::get<sdk::Array>(v), ", ", ']',
                     [&out](const sdk::Value& e) { appendJavaToString(out, e); });
        return;
    case ValueKind::Map:
        appendJoined(out, '{', std::get<sdk::Map>(v), ", ", '}', [&out](const auto& entry) {
            const auto& [k, e] = entry;
            appendJavaToString(out, k);
            out.push_back('=');
            appendJavaToString(out, e);
        });
        return;
    case ValueKind::Struct: {
        // Struct.toString lists only the non-null stored values.
        const auto& s = std::get<sdk::Struct>(v);
        out += "Struct{";
        bool first = true;
        for (const auto& field : s.schema()->fields()) {
            const auto& fv = s.getWithoutDefault(static_cast<std::size_t>(field.index()));
            if (fv.isNull())
                continue;
            if (!first)
                out.push_back(',');
            first = false;
            out += field.name();
            out.push_back('=');
            appendJavaToString(out, fv);
        }
        out.push_back('}');
        return;
    }
    case ValueKind::DateTime: {
        // java.util.Date.toString in a UTC JVM.
        const std::int64_t ms = std::get<sdk::DateTime>(v).epochMillis;
        std::int64_t secs = ms / 1000;
        if (ms % 1000 < 0)
            --secs;
        const auto t = static_cast<std::time_t>(secs);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[64];
        std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S UTC %Y", &tm);
        out += buf;
        return;
    }
    default: // the scalars, written above
        return;
    }
}

} // namespace

std::string javaToString(const sdk::Value& value)
{
    std::string out;
    appendJavaToString(out, value);
    return out;
}

sdk::ConfigDef StringConverter::configDef()
{
    // StringConverterConfig: converter.type, then the encoding (no group, MEDIUM width).
    sdk::ConfigDef def = converterConfigDef();
    def.define(
        {.name = "converter.encoding",
         .type = sdk::ConfigDef::Type::String,
         .defaultValue = sdk::ConfigDef::Value{std::string("UTF-8")},
         .importance = sdk::ConfigDef::Importance::High,
         .documentation = "The name of the Java character set to use for encoding strings as byte arrays.",
         .width = sdk::ConfigDef::Width::Medium,
         .displayName = "Encoding"});
    return def;
}

sdk::ConverterPlugin StringConverter::plugin()
{
    sdk::ConverterPlugin p;
    p.className = kClassName;
    p.aliases = sdk::defaultPluginAliases(kClassName, "Converter");
    p.createConverter = [] { return std::make_unique<StringConverter>(); };
    p.createHeaderConverter = [] { return std::make_unique<StringConverter>(); };
    p.config = &StringConverter::configDef;
    return p;
}

void StringConverter::configure(const sdk::ConfigMap& configs, bool isKey)
{
    apply(parseConverterConfig(configDef(), configs,
                               isKey ? sdk::ConverterType::Key : sdk::ConverterType::Value));
}

void StringConverter::configure(const sdk::ConfigMap& configs)
{
    apply(parseHeaderConverterConfig(configDef(), configs));
}

void StringConverter::apply(const sdk::ConfigDef::Parsed& parsed)
{
    // ConfigDef has trimmed the name already, as Java's STRING parsing does.
    m_encoding = parseEncoding(parsed.getString("converter.encoding"));
}

std::optional<sdk::Bytes> StringConverter::fromConnectData(std::string_view, sdk::Headers&,
                                                           const sdk::SchemaPtr&, const sdk::Value& value)
{
    if (value.isNull())
        return std::nullopt;
    if (const auto* s = value.getIf<std::string>())
        return encodeText(*s, m_encoding);
    return encodeText(javaToString(value), m_encoding);
}

bool StringConverter::fromConnectDataInto(std::string_view topic, sdk::Headers& headers,
                                          const sdk::SchemaPtr& schema, const sdk::Value& value,
                                          sdk::Bytes& out)
{
    const auto* s = value.getIf<std::string>();
    if (s == nullptr || m_encoding != TextEncoding::Utf8)
        return Converter::fromConnectDataInto(topic, headers, schema, value, out);
    // One memcpy: assign() from char iterators into the byte vector converts element by element.
    out.resize(s->size());
    if (!s->empty())
        std::memcpy(out.data(), s->data(), s->size());
    return true;
}

sdk::SchemaAndValue StringConverter::toConnectData(std::string_view, const sdk::Headers&,
                                                   std::optional<sdk::ByteView> data)
{
    // Apache pairs even a Kafka null with OPTIONAL_STRING (checked against 4.1.1).
    if (!data)
        return {sdk::Schema::optionalStringSchema(), sdk::Value()};
    return {sdk::Schema::optionalStringSchema(), sdk::Value(decodeText(*data, m_encoding))};
}

void StringConverter::toConnectDataInto(std::string_view, const sdk::Headers&,
                                        std::optional<sdk::ByteView> data, sdk::SchemaPtr& schema,
                                        sdk::Value& value)
{
    const sdk::SchemaPtr& optionalString = sdk::Schema::optionalStringSchema();
    if (schema != optionalString) {
        schema = optionalString;
    }
    if (!data) {
        value = sdk::Value();
        return;
    }
    auto* text = value.getIf<std::string>();
    if (text != nullptr && isItsOwnText(*data, m_encoding)) {
        text->assign(reinterpret_cast<const char*>(data->data()), data->size());
        return;
    }
    value = sdk::Value(decodeText(*data, m_encoding));
}

} // namespace connectdesk::converters
