// Connect record headers: an ordered multimap of key -> (schema, value), duplicates allowed,
// insertion order kept (ConnectHeaders, spec/connect-data-and-config.md §1.5).
#pragma once

#include "connectdesk/sdk/schema_and_value.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::sdk {

class Header {
public:
    Header(std::string key, SchemaAndValue schemaAndValue)
        : m_key(std::move(key)), m_data(std::move(schemaAndValue))
    {
    }

    const std::string& key() const { return m_key; }
    const SchemaPtr& schema() const { return m_data.schema; }
    const Value& value() const { return m_data.value; }
    const SchemaAndValue& schemaAndValue() const { return m_data; }

    Header with(SchemaPtr schema, Value value) const
    {
        return Header(m_key, {std::move(schema), std::move(value)});
    }
    Header rename(std::string key) const { return Header(std::move(key), m_data); }

    bool operator==(const Header& other) const = default;

private:
    std::string m_key;
    SchemaAndValue m_data;
};

class Headers {
public:
    using const_iterator = std::vector<Header>::const_iterator;
    // Returns the replacement header (same or other key/schema/value); used by apply().
    using Transform = std::function<Header(const Header&)>;

    std::size_t size() const { return m_headers.size(); }
    bool isEmpty() const { return m_headers.empty(); }
    const_iterator begin() const { return m_headers.begin(); }
    const_iterator end() const { return m_headers.end(); }
    const Header& at(std::size_t i) const { return m_headers.at(i); }

    // Every header with the key, in insertion order.
    std::vector<const Header*> allWithName(std::string_view key) const;
    // The last header with the key or nullptr.
    const Header* lastWithName(std::string_view key) const;

    // A schema'd value is validated (DataException on mismatch; null needs an optional schema).
    Headers& add(Header header);
    Headers& add(std::string key, SchemaAndValue schemaAndValue);
    Headers& add(std::string key, Value value, SchemaPtr schema);
    // Typed helpers attach the fixed schemas of ConnectHeaders (optional ones for null).
    Headers& addString(std::string key, std::optional<std::string> value);
    Headers& addBytes(std::string key, std::optional<Bytes> value);
    Headers& addBoolean(std::string key, bool value);
    Headers& addByte(std::string key, std::int8_t value);
    Headers& addShort(std::string key, std::int16_t value);
    Headers& addInt(std::string key, std::int32_t value);
    Headers& addLong(std::string key, std::int64_t value);
    Headers& addFloat(std::string key, float value);
    Headers& addDouble(std::string key, double value);
    // Logical helpers check encodability (scale matches, date at midnight, time within a day).
    Headers& addDecimal(std::string key, const BigDecimal& value);
    Headers& addDate(std::string key, DateTime value);
    Headers& addTime(std::string key, DateTime value);
    Headers& addTimestamp(std::string key, DateTime value);

    Headers& remove(std::string_view key);
    // Keeps only the last header with this key.
    Headers& retainLatest(std::string_view key);
    // Keeps only the last header of every key (the survivors keep their relative order).
    Headers& retainLatest();
    Headers& clear();
    Headers duplicate() const { return *this; }
    // Replaces every header (or every header with `key`) by transform(header).
    Headers& apply(const Transform& transform);
    Headers& apply(std::string_view key, const Transform& transform);

    bool operator==(const Headers& other) const = default;

private:
    std::vector<Header> m_headers;
};

} // namespace connectdesk::sdk
