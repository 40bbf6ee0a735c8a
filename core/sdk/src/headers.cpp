#include "connectdesk/sdk/headers.h"

#include "connectdesk/sdk/errors.h"
#include "connectdesk/sdk/logical_types.h"

#include <algorithm>
#include <unordered_set>

namespace connectdesk::sdk {

namespace {

// ConnectHeaders.checkSchemaMatches.
void checkSchemaMatches(const SchemaAndValue& sv)
{
    if (!sv.schema)
        return;
    if (sv.value.isNull() && !sv.schema->isOptional())
        throw DataException("A null value requires an optional schema but was " + sv.schema->toString());
    if (!sv.value.isNull())
        Schema::validateValue(sv.schema, sv.value);
}

} // namespace

std::vector<const Header*> Headers::allWithName(std::string_view key) const
{
    std::vector<const Header*> out;
    for (const Header& h : m_headers) {
        if (h.key() == key)
            out.push_back(&h);
    }
    return out;
}

const Header* Headers::lastWithName(std::string_view key) const
{
    for (auto it = m_headers.rbegin(); it != m_headers.rend(); ++it) {
        if (it->key() == key)
            return &*it;
    }
    return nullptr;
}

Headers& Headers::add(Header header)
{
    checkSchemaMatches(header.schemaAndValue());
    m_headers.push_back(std::move(header));
    return *this;
}

Headers& Headers::add(std::string key, SchemaAndValue schemaAndValue)
{
    return add(Header(std::move(key), std::move(schemaAndValue)));
}

Headers& Headers::add(std::string key, Value value, SchemaPtr schema)
{
    return add(Header(std::move(key), SchemaAndValue{std::move(schema), std::move(value)}));
}

Headers& Headers::addString(std::string key, std::optional<std::string> value)
{
    if (!value)
        return add(std::move(key), Value(), Schema::optionalStringSchema());
    return add(std::move(key), Value(std::move(*value)), Schema::stringSchema());
}

Headers& Headers::addBytes(std::string key, std::optional<Bytes> value)
{
    if (!value)
        return add(std::move(key), Value(), Schema::optionalBytesSchema());
    return add(std::move(key), Value(std::move(*value)), Schema::bytesSchema());
}

Headers& Headers::addBoolean(std::string key, bool value)
{
    return add(std::move(key), Value(value), Schema::booleanSchema());
}
Headers& Headers::addByte(std::string key, std::int8_t value)
{
    return add(std::move(key), Value(value), Schema::int8Schema());
}
Headers& Headers::addShort(std::string key, std::int16_t value)
{
    return add(std::move(key), Value(value), Schema::int16Schema());
}
Headers& Headers::addInt(std::string key, std::int32_t value)
{
    return add(std::move(key), Value(value), Schema::int32Schema());
}
Headers& Headers::addLong(std::string key, std::int64_t value)
{
    return add(std::move(key), Value(value), Schema::int64Schema());
}
Headers& Headers::addFloat(std::string key, float value)
{
    return add(std::move(key), Value(value), Schema::float32Schema());
}
Headers& Headers::addDouble(std::string key, double value)
{
    return add(std::move(key), Value(value), Schema::float64Schema());
}

Headers& Headers::addDecimal(std::string key, const BigDecimal& value)
{
    SchemaPtr schema = Decimal::schema(value.scale());
    Decimal::fromLogical(*schema, value);
    m_headers.emplace_back(std::move(key), SchemaAndValue{std::move(schema), Value(value)});
    return *this;
}

Headers& Headers::addDate(std::string key, DateTime value)
{
    Date::fromLogical(*Date::schema(), value);
    m_headers.emplace_back(std::move(key), SchemaAndValue{Date::schema(), Value(value)});
    return *this;
}

Headers& Headers::addTime(std::string key, DateTime value)
{
    Time::fromLogical(*Time::schema(), value);
    m_headers.emplace_back(std::move(key), SchemaAndValue{Time::schema(), Value(value)});
    return *this;
}

Headers& Headers::addTimestamp(std::string key, DateTime value)
{
    m_headers.emplace_back(std::move(key), SchemaAndValue{Timestamp::schema(), Value(value)});
    return *this;
}

Headers& Headers::remove(std::string_view key)
{
    std::erase_if(m_headers, [key](const Header& h) { return h.key() == key; });
    return *this;
}

Headers& Headers::retainLatest(std::string_view key)
{
    const Header* last = lastWithName(key);
    if (!last)
        return *this;
    const auto lastIndex = static_cast<std::size_t>(last - m_headers.data());
    std::vector<Header> kept;
    kept.reserve(m_headers.size());
    for (std::size_t i = 0; i < m_headers.size(); ++i) {
        if (m_headers[i].key() != key || i == lastIndex)
            kept.push_back(std::move(m_headers[i]));
    }
    m_headers = std::move(kept);
    return *this;
}

Headers& Headers::retainLatest()
{
    std::unordered_set<std::string_view> seen;
    std::vector<bool> keep(m_headers.size(), false);
    for (std::size_t i = m_headers.size(); i-- > 0;)
        keep[i] = seen.insert(m_headers[i].key()).second;
    std::vector<Header> kept;
    for (std::size_t i = 0; i < m_headers.size(); ++i) {
        if (keep[i])
            kept.push_back(std::move(m_headers[i]));
    }
    m_headers = std::move(kept);
    return *this;
}

Headers& Headers::clear()
{
    m_headers.clear();
    return *this;
}

Headers& Headers::apply(const Transform& transform)
{
    for (Header& h : m_headers)
        h = transform(h);
    return *this;
}

Headers& Headers::apply(std::string_view key, const Transform& transform)
{
    for (Header& h : m_headers) {
        if (h.key() == key)
            h = transform(h);
    }
    return *this;
}

} // namespace connectdesk::sdk
