// A Connect value: a variant over null, the primitive types, bytes, arrays, maps, structs and the
// logical-type values; cheap to move, one allocation per payload (spec/connect-data-and-config.md §1.1).
#pragma once

#include "connectdesk/sdk/big_decimal.h"
#include "connectdesk/sdk/schema_type.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace connectdesk::sdk {

class Schema;
class Field;
class Value;
// A null SchemaPtr means "no schema" (schemaless data), as a null Schema does in Connect.
using SchemaPtr = std::shared_ptr<const Schema>;

// Which alternative a Value holds; the order matches Value::Variant.
enum class ValueKind : std::uint8_t {
    Null,
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    String,
    Bytes,
    Array,
    Map,
    Struct,
    Decimal,
    DateTime
};

using Bytes = std::vector<std::uint8_t>;
using Array = std::vector<Value>;
// Maps keep insertion order and allow any key type (Connect map keys may be ints or even structs).
using Map = std::vector<std::pair<Value, Value>>;

// The value of the Date, Time and Timestamp logical types: milliseconds since the Unix epoch,
// UTC (Java's java.util.Date, which Connect uses for all three).
struct DateTime {
    std::int64_t epochMillis = 0;
    bool operator==(const DateTime&) const = default;
};

// A struct value bound to exactly one STRUCT schema; values are stored by field index, so a
// struct costs one allocation however many fields it has (Connect's Struct, spec §1.2).
class Struct {
public:
    // Throws DataException when the schema is null or not a STRUCT.
    explicit Struct(SchemaPtr schema);
    Struct(const Struct&);
    Struct(Struct&&) noexcept;
    Struct& operator=(const Struct&);
    Struct& operator=(Struct&&) noexcept;
    ~Struct();

    const SchemaPtr& schema() const { return m_schema; }

    // The stored value, or the field's default when the stored value is null (Struct.get).
    // Unknown field names throw DataException.
    const Value& get(std::string_view fieldName) const;
    const Value& get(const Field& field) const;
    // The stored value without substituting defaults (Struct.getWithoutDefault).
    const Value& getWithoutDefault(std::string_view fieldName) const;
    const Value& getWithoutDefault(std::size_t fieldIndex) const;

    // Validates the value against the field's schema (ConnectSchema.validateValue) then stores it.
    Struct& put(std::string_view fieldName, Value value);
    Struct& put(const Field& field, Value value);
    // Stores without validation: for converters and transforms that built the value from the
    // field's own schema. The index must be < number of fields.
    void putUnchecked(std::size_t fieldIndex, Value value);

    // Typed getters (Struct.getInt32 etc.): throw DataException when the field's schema type differs.
    std::int8_t getInt8(std::string_view fieldName) const;
    std::int16_t getInt16(std::string_view fieldName) const;
    std::int32_t getInt32(std::string_view fieldName) const;
    std::int64_t getInt64(std::string_view fieldName) const;
    float getFloat32(std::string_view fieldName) const;
    double getFloat64(std::string_view fieldName) const;
    bool getBoolean(std::string_view fieldName) const;
    const std::string& getString(std::string_view fieldName) const;
    const Bytes& getBytes(std::string_view fieldName) const;
    const Array& getArray(std::string_view fieldName) const;
    const Map& getMap(std::string_view fieldName) const;
    const Struct& getStruct(std::string_view fieldName) const;

    // Every required field without default must be non-null (Struct.validate); throws DataException.
    void validate() const;

    const std::vector<Value>& values() const { return m_values; }

    // Equal schemas and equal stored values (Struct.equals).
    bool operator==(const Struct& other) const;

private:
    const Field& lookupField(std::string_view fieldName) const;

    SchemaPtr m_schema;
    std::vector<Value> m_values;
};

// Name of a value kind for error messages (`INT32`, `STRING`, `Decimal`, `null` ...).
std::string_view valueKindName(ValueKind kind);

class Value {
public:
    using Variant = std::variant<std::monostate, bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t,
                                 float, double, std::string, Bytes, Array, Map, Struct, BigDecimal, DateTime>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(const char* text) : m_data(std::in_place_type<std::string>, text) {}
    Value(std::string_view text) : m_data(std::in_place_type<std::string>, text) {}
    // Any type one alternative accepts without narrowing (std::variant's converting constructor):
    // Value(std::int32_t{1}), Value(std::string(...)), Value(Array{...}), Value(Struct(...)).
    // The requires-clause excludes Value itself, so this never hides the copy and move constructors;
    // clang-tidy 14 ignores requires-clauses, hence the NOLINT below.
    template <class T>
    requires(!std::is_same_v<std::remove_cvref_t<T>, Value> && !std::is_pointer_v<std::remove_cvref_t<T>> &&
             std::is_constructible_v<Variant, T&&>)
        Value(T&& v) // NOLINT(bugprone-forwarding-reference-overload)
        : m_data(std::forward<T>(v))
    {
    }

    ValueKind kind() const { return static_cast<ValueKind>(m_data.index()); }
    bool isNull() const { return m_data.index() == 0; }

    template <class T>
    bool is() const
    {
        return std::holds_alternative<T>(m_data);
    }
    template <class T>
    const T* getIf() const
    {
        return std::get_if<T>(&m_data);
    }
    template <class T>
    T* getIf()
    {
        return std::get_if<T>(&m_data);
    }
    // The held T; throws DataException naming the expected and actual kinds otherwise.
    template <class T>
    const T& as() const
    {
        if (const T* p = std::get_if<T>(&m_data))
            return *p;
        throwWrongKind(kindOf<T>());
    }
    template <class T>
    static constexpr ValueKind kindOf()
    {
        return kindOfImpl<T>(static_cast<Variant*>(nullptr));
    }

    const Variant& variant() const { return m_data; }
    Variant& variant() { return m_data; }

    bool operator==(const Value& other) const;

private:
    template <class T, class... Ts>
    static constexpr ValueKind kindOfImpl(std::variant<Ts...>*)
    {
        constexpr bool same[] = {std::is_same_v<T, Ts>...};
        std::size_t i = 0;
        while (i < sizeof...(Ts) && !same[i])
            ++i;
        static_assert(((std::is_same_v<T, Ts> ? 1 : 0) + ...) == 1, "not a Value alternative");
        return static_cast<ValueKind>(i);
    }
    [[noreturn]] void throwWrongKind(ValueKind expected) const;

    Variant m_data;
};

} // namespace connectdesk::sdk
