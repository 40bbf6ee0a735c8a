#include "simple_header_converter.h"

#include "append_joined.h"
#include "base64.h"
#include "java_number_format.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace connectdesk::converters {

using sdk::DataException;
using sdk::Schema;
using sdk::SchemaAndValue;
using sdk::SchemaPtr;
using sdk::SchemaType;
using sdk::Value;
using sdk::ValueKind;

namespace {

// ---- formatting ---------------------------------------------------------------------------

void appendDate(std::string& out, std::int64_t epochMillis)
{
    const sdk::UtcFields f = sdk::utcFields(epochMillis);
    const auto year = static_cast<long long>(f.date.year);
    char buf[64];
    // Values.dateFormatFor: below one day -> time; whole days -> date; otherwise a timestamp.
    if (epochMillis < sdk::kMillisPerDay)
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03dZ", f.hour, f.minute, f.second, f.millis);
    else if (epochMillis % sdk::kMillisPerDay == 0)
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", year, f.date.month, f.date.day);
    else
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", year, f.date.month,
                      f.date.day, f.hour, f.minute, f.second, f.millis);
    out += buf;
}

void appendQuoted(std::string& out, std::string_view s)
{
    // Values.escape: backslashes doubled, quotes escaped.
    out.push_back('"');
    for (char c : s) {
        if (c == '\\' || c == '"')
            out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
}

void appendValue(std::string& out, const Value& value, bool embedded)
{
    const auto& v = value.variant();
    if (appendJavaScalar(out, value))
        return;
    switch (value.kind()) {
    case ValueKind::String:
        if (embedded)
            appendQuoted(out, std::get<std::string>(v));
        else
            out += std::get<std::string>(v);
        return;
    case ValueKind::Bytes: {
        const auto& b = std::get<sdk::Bytes>(v);
        if (embedded)
            out.push_back('"');
        appendBase64(out, b.data(), b.size());
        if (embedded)
            out.push_back('"');
        return;
    }
    case ValueKind::Array:
        appendJoined(out, '[', std::get<sdk::Array>(v), ",", ']',
                     [&out](const Value& e) { appendValue(out, e, true); });
        return;
    case ValueKind::Map:
        appendJoined(out, '{', std::get<sdk::Map>(v), ",", '}', [&out](const auto& entry) {
            const auto& [k, e] = entry;
            appendValue(out, k, true);
            out.push_back(':');
            appendValue(out, e, true);
        });
        return;
    case ValueKind::Struct: {
        const auto& s = std::get<sdk::Struct>(v);
        appendJoined(out, '{', s.schema()->fields(), ",", '}', [&out, &s](const auto& field) {
            appendQuoted(out, field.name());
            out.push_back(':');
            appendValue(out, s.get(field), true);
        });
        return;
    }
    case ValueKind::DateTime:
        appendDate(out, std::get<sdk::DateTime>(v).epochMillis);
        return;
    default: // the scalars, written above
        return;
    }
}

// ---- parsing ------------------------------------------------------------------------------

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool digitsAt(std::string_view s, std::size_t pos, std::size_t n, int& out)
{
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!isDigit(s[i]))
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// The three ISO-8601 forms of Values, by exact length (`HH:mm:ss.SSSZ`, `yyyy-MM-dd`,
// `yyyy-MM-ddTHH:mm:ss.SSSZ`); nullopt for anything else.
std::optional<SchemaAndValue> parseTemporal(std::string_view t)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    auto timeAt = [&](std::size_t p) {
        return digitsAt(t, p, 2, h) && t[p + 2] == ':' && digitsAt(t, p + 3, 2, mi) && t[p + 5] == ':' &&
               digitsAt(t, p + 6, 2, s) && t[p + 8] == '.' && digitsAt(t, p + 9, 3, ms) && t[p + 12] == 'Z';
    };
    auto dateAt = [&]() {
        return digitsAt(t, 0, 4, y) && t[4] == '-' && digitsAt(t, 5, 2, mo) && t[7] == '-' &&
               digitsAt(t, 8, 2, d) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
    };
    if (t.size() == 13 && timeAt(0)) {
        const std::int64_t v = ((h * 60LL + mi) * 60 + s) * 1000 + ms;
        return SchemaAndValue{sdk::Time::schema(), Value(sdk::DateTime{v})};
    }
    if (t.size() == 10 && dateAt()) {
        const std::int64_t days = sdk::daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
        return SchemaAndValue{sdk::Date::schema(), Value(sdk::DateTime{days * sdk::kMillisPerDay})};
    }
    if (t.size() == 24 && dateAt() && t[10] == 'T' && timeAt(11)) {
        const std::int64_t days = sdk::daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
        const std::int64_t v = days * sdk::kMillisPerDay + ((h * 60LL + mi) * 60 + s) * 1000 + ms;
        return SchemaAndValue{sdk::Timestamp::schema(), Value(sdk::DateTime{v})};
    }
    return std::nullopt;
}

// Values.parseAsNumber: exact integers take the smallest integer type; other values FLOAT32 when
// finite as a float, else FLOAT64, else a Decimal with the text's scale.
std::optional<SchemaAndValue> parseNumber(std::string_view token)
{
    auto decimal = sdk::BigDecimal::parse(token);
    if (!decimal)
        return std::nullopt;
    const double d = decimal->toDouble();
    const bool whole = decimal->scale() <= 0 || decimal->signum() == 0 || [&] {
        // stripTrailingZeros().scale() <= 0: the fraction digits are all zero.
        const std::string plain = decimal->toPlainString();
        const auto dot = plain.find('.');
        return dot == std::string::npos || plain.find_first_not_of('0', dot + 1) == std::string::npos;
    }();
    const double absD = std::fabs(d);
    if (whole && absD <= 1e19) {
        // Integer part of the plain text, checked against the int64 range.
        std::string plain = decimal->toPlainString();
        if (const auto dot = plain.find('.'); dot != std::string::npos)
            plain.resize(dot);
        std::int64_t integral = 0;
        const auto res = std::from_chars(plain.data(), plain.data() + plain.size(), integral);
        if (res.ec == std::errc() && res.ptr == plain.data() + plain.size()) {
            if (integral >= INT8_MIN && integral <= INT8_MAX)
                return SchemaAndValue{Schema::int8Schema(), Value(static_cast<std::int8_t>(integral))};
            if (integral >= INT16_MIN && integral <= INT16_MAX)
                return SchemaAndValue{Schema::int16Schema(), Value(static_cast<std::int16_t>(integral))};
            if (integral >= INT32_MIN && integral <= INT32_MAX)
                return SchemaAndValue{Schema::int32Schema(), Value(static_cast<std::int32_t>(integral))};
            return SchemaAndValue{Schema::int64Schema(), Value(integral)};
        }
    }
    if (decimal->scale() != 0) {
        const auto f = static_cast<float>(d);
        if (!std::isinf(f))
            return SchemaAndValue{Schema::float32Schema(), Value(f)};
        if (!std::isinf(d))
            return SchemaAndValue{Schema::float64Schema(), Value(d)};
    }
    const std::int32_t scale = decimal->scale();
    return SchemaAndValue{sdk::Decimal::schema(scale), Value(std::move(*decimal))};
}

int numericRank(const Schema& s)
{
    if (s.name())
        return -1;
    switch (s.type()) {
    case SchemaType::Int8:
        return 0;
    case SchemaType::Int16:
        return 1;
    case SchemaType::Int32:
        return 2;
    case SchemaType::Int64:
        return 3;
    case SchemaType::Float32:
        return 4;
    case SchemaType::Float64:
        return 5;
    default:
        return -1;
    }
}

// SchemaMerger: equal schemas stay, numeric types widen, anything else has no common schema.
struct SchemaMerger {
    SchemaPtr common;
    bool compatible = true;

    void merge(const std::optional<SchemaAndValue>& latest)
    {
        if (!latest || !latest->schema || !compatible)
            return;
        if (!common) {
            common = latest->schema;
            return;
        }
        if (sdk::schemasEqual(common, latest->schema))
            return;
        const int a = numericRank(*common);
        const int b = numericRank(*latest->schema);
        if (a >= 0 && b >= 0) {
            common = a >= b ? common : latest->schema;
            return;
        }
        common = nullptr;
        compatible = false;
    }
    bool hasCommon() const { return compatible && common; }
};

Value convertNumber(const Value& v, const Schema& target)
{
    double d = 0;
    std::int64_t i = 0;
    bool isFloat = false;
    switch (v.kind()) {
    case ValueKind::Int8:
        // A numeric INT8, not a character: sign extension is intended (casting via unsigned char
        // would turn -1 into 255).
        i = v.as<std::int8_t>(); // NOLINT(bugprone-signed-char-misuse)
        break;
    case ValueKind::Int16:
        i = v.as<std::int16_t>();
        break;
    case ValueKind::Int32:
        i = v.as<std::int32_t>();
        break;
    case ValueKind::Int64:
        i = v.as<std::int64_t>();
        break;
    case ValueKind::Float32:
        d = v.as<float>();
        isFloat = true;
        break;
    case ValueKind::Float64:
        d = v.as<double>();
        isFloat = true;
        break;
    default:
        return v;
    }
    switch (target.type()) {
    case SchemaType::Int16:
        return Value(static_cast<std::int16_t>(i));
    case SchemaType::Int32:
        return Value(static_cast<std::int32_t>(i));
    case SchemaType::Int64:
        return Value(i);
    case SchemaType::Float32:
        return Value(isFloat ? static_cast<float>(d) : static_cast<float>(i));
    case SchemaType::Float64:
        return Value(isFloat ? d : static_cast<double>(i));
    default:
        return v;
    }
}

class ValuesParser {
public:
    explicit ValuesParser(std::string_view text) : m_text(text) {}

    // An embedded value; nullopt means null. Throws DataException on malformed input.
    std::optional<SchemaAndValue> parseEmbedded()
    {
        // Each bracket level recurses; hostile header text must not exhaust the stack.
        if (++m_depth > 256)
            throw DataException("Header value nested too deeply");
        struct DepthGuard {
            int& depth;
            ~DepthGuard() { --depth; }
        } guard{m_depth};
        skipSpace();
        if (atEnd())
            throw DataException("Unexpected end of header text");
        const char c = m_text[m_pos];
        if (c == '"')
            return parseQuoted();
        if (c == '[')
            return parseArray();
        if (c == '{')
            return parseMap();
        if (isDigit(c)) {
            for (std::size_t len : {24U, 13U, 10U}) {
                if (m_pos + len <= m_text.size() && isEndOfToken(m_pos + len)) {
                    if (auto t = parseTemporal(m_text.substr(m_pos, len))) {
                        m_pos += len;
                        return t;
                    }
                }
            }
        }
        const std::size_t start = m_pos;
        while (!atEnd() && !isDelimiter(m_text[m_pos]))
            ++m_pos;
        std::string_view token = trim(m_text.substr(start, m_pos - start));
        if (token == "null")
            return std::nullopt;
        if (token == "true")
            return SchemaAndValue{Schema::booleanSchema(), Value(true)};
        if (token == "false")
            return SchemaAndValue{Schema::booleanSchema(), Value(false)};
        if (!token.empty() && (isDigit(token[0]) || token[0] == '+' || token[0] == '-')) {
            if (auto n = parseNumber(token))
                return n;
        }
        throw DataException("Failed to parse embedded value");
    }

    bool trailingOnlySpace()
    {
        skipSpace();
        return atEnd();
    }

private:
    static bool isDelimiter(char c) { return c == ',' || c == ']' || c == '}' || c == ':' || c == '"'; }
    bool isEndOfToken(std::size_t p) const
    {
        return p >= m_text.size() || isDelimiter(m_text[p]) || m_text[p] == ' ' || m_text[p] == '[' ||
               m_text[p] == '{';
    }
    static std::string_view trim(std::string_view s)
    {
        while (!s.empty() &&
               (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
            s.remove_suffix(1);
        return s;
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    void skipSpace()
    {
        while (!atEnd() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                            m_text[m_pos] == '\r'))
            ++m_pos;
    }
    bool consume(char c)
    {
        skipSpace();
        if (!atEnd() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    SchemaAndValue parseQuoted()
    {
        ++m_pos; // opening quote
        std::string content;
        while (!atEnd() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            content.push_back(m_text[m_pos++]);
        }
        if (atEnd())
            throw DataException("Unterminated quoted string");
        ++m_pos;
        if (auto t = parseTemporal(content))
            return *t;
        return SchemaAndValue{Schema::stringSchema(), Value(std::move(content))};
    }

    SchemaAndValue parseArray()
    {
        ++m_pos; // [
        sdk::Array values;
        SchemaMerger merger;
        if (consume(']'))
            return SchemaAndValue{sdk::SchemaBuilder::arrayOfNull().build(), Value(std::move(values))};
        while (true) {
            if (consume(','))
                throw DataException("Unable to parse an empty array element");
            auto element = parseEmbedded();
            merger.merge(element);
            values.push_back(element ? std::move(element->value) : Value());
            if (consume(']'))
                break;
            if (!consume(','))
                throw DataException("Array elements missing ',' delimiter");
        }
        if (!merger.hasCommon())
            return SchemaAndValue{sdk::SchemaBuilder::arrayOfNull().build(), Value(std::move(values))};
        for (auto& v : values)
            v = convertNumber(v, *merger.common);
        return SchemaAndValue{sdk::SchemaBuilder::array(merger.common).build(), Value(std::move(values))};
    }

    SchemaAndValue parseMap()
    {
        ++m_pos; // {
        sdk::Map entries;
        SchemaMerger keys;
        SchemaMerger values;
        while (!consume('}')) {
            if (consume(','))
                throw DataException("Unable to parse a map entry with no key or value");
            auto key = parseEmbedded();
            if (!key || key->value.isNull())
                throw DataException("Map entry may not have a null key");
            if (!consume(':'))
                throw DataException("Map entry is missing ':'");
            auto value = parseEmbedded();
            keys.merge(key);
            values.merge(value);
            entries.emplace_back(std::move(key->value), value ? std::move(value->value) : Value());
            consume(',');
            skipSpace();
            if (atEnd())
                throw DataException("Map is missing terminating '}'");
        }
        SchemaPtr schema;
        if (keys.hasCommon() && values.hasCommon()) {
            for (auto& [k, v] : entries) {
                k = convertNumber(k, *keys.common);
                v = convertNumber(v, *values.common);
            }
            schema = sdk::SchemaBuilder::map(keys.common, values.common).build();
        } else if (keys.hasCommon()) {
            for (auto& entry : entries)
                entry.first = convertNumber(entry.first, *keys.common);
            schema = sdk::SchemaBuilder::mapWithNullValues(keys.common).build();
        } else {
            schema = sdk::SchemaBuilder::mapOfNull().build();
        }
        return SchemaAndValue{schema, Value(std::move(entries))};
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_depth = 0;
};

} // namespace

std::string valuesToString(const Value& value)
{
    std::string out;
    appendValue(out, value, false);
    return out;
}

SchemaAndValue valuesParseString(std::string_view text)
{
    if (text.empty())
        return {Schema::stringSchema(), Value(std::string())};
    std::string_view t = text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\n' || t.front() == '\r'))
        t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
        t.remove_suffix(1);
    if (t.empty())
        return {Schema::stringSchema(), Value(std::string(text))};
    if (t == "null")
        return {};
    if (t == "true")
        return {Schema::booleanSchema(), Value(true)};
    if (t == "false")
        return {Schema::booleanSchema(), Value(false)};
    if (t.front() == '[' || t.front() == '{') {
        try {
            ValuesParser parser(t);
            if (auto parsed = parser.parseEmbedded())
                return *parsed;
        } catch (const DataException&) {
            // Malformed brackets: the whole text is a string (Values falls back the same way).
        }
        return {Schema::stringSchema(), Value(std::string(text))};
    }
    if (isDigit(t.front())) {
        if (auto temporal = parseTemporal(t))
            return *temporal;
    }
    if (isDigit(t.front()) || t.front() == '+' || t.front() == '-') {
        // Values parses the first token only (up to a delimiter) as a number.
        std::size_t end = 0;
        while (end < t.size() && t[end] != ',' && t[end] != ':' && t[end] != ']' && t[end] != '}' &&
               t[end] != '[' && t[end] != '{' && t[end] != '"')
            ++end;
        std::string_view token = t.substr(0, end);
        while (!token.empty() && token.back() == ' ')
            token.remove_suffix(1);
        if (auto n = parseNumber(token))
            return *n;
    }
    return {Schema::stringSchema(), Value(std::string(text))};
}

sdk::ConverterPlugin SimpleHeaderConverter::plugin()
{
    sdk::ConverterPlugin p;
    p.className = kClassName;
    p.aliases = sdk::defaultPluginAliases(kClassName, "HeaderConverter");
    p.createHeaderConverter = [] { return std::make_unique<SimpleHeaderConverter>(); };
    // SimpleHeaderConverter.config() is an empty ConfigDef: it takes no settings.
    p.config = [] { return sdk::ConfigDef(); };
    return p;
}

std::optional<sdk::Bytes> SimpleHeaderConverter::fromConnectHeader(std::string_view, std::string_view,
                                                                   const SchemaPtr&, const Value& value)
{
    if (value.isNull())
        return std::nullopt;
    const std::string text = valuesToString(value);
    return sdk::Bytes(text.begin(), text.end());
}

SchemaAndValue SimpleHeaderConverter::toConnectHeader(std::string_view, std::string_view,
                                                      std::optional<sdk::ByteView> data)
{
    if (!data)
        return {};
    const std::string_view text(reinterpret_cast<const char*>(data->data()), data->size());
    try {
        return valuesParseString(text);
    } catch (const std::exception&) {
        // SimpleHeaderConverter falls back to the raw bytes when parsing fails unexpectedly.
        return {Schema::bytesSchema(), Value(sdk::Bytes(data->begin(), data->end()))};
    }
}

} // namespace connectdesk::converters
