// The four logical types (Decimal, Date, Time, Timestamp): their schemas and the conversions
// between logical values and physical encodings (spec/connect-data-and-config.md §1.3).
#pragma once

#include "connectdesk/sdk/schema_builder.h"

#include <cstdint>
#include <string_view>

namespace connectdesk::sdk {

// BYTES with parameter `scale`; the value is a BigDecimal whose scale must equal the schema's.
struct Decimal {
    static constexpr std::string_view kLogicalName = "org.apache.kafka.connect.data.Decimal";
    static constexpr std::string_view kScaleField = "scale";

    static SchemaBuilder builder(std::int32_t scale);
    static SchemaPtr schema(std::int32_t scale);
    // The schema's `scale` parameter; DataException when missing or not an integer.
    static std::int32_t scale(const Schema& schema);
    // Minimal two's-complement bytes of the unscaled value; DataException on a scale mismatch.
    static Bytes fromLogical(const Schema& schema, const BigDecimal& value);
    static BigDecimal toLogical(const Schema& schema, const Bytes& bytes);
};

// INT32 days since the epoch; the value must be exactly midnight UTC.
struct Date {
    static constexpr std::string_view kLogicalName = "org.apache.kafka.connect.data.Date";

    static SchemaBuilder builder();
    static SchemaPtr schema();
    static std::int32_t fromLogical(const Schema& schema, DateTime value);
    static DateTime toLogical(const Schema& schema, std::int32_t days);
};

// INT32 milliseconds since midnight UTC, 0..86 400 000.
struct Time {
    static constexpr std::string_view kLogicalName = "org.apache.kafka.connect.data.Time";

    static SchemaBuilder builder();
    static SchemaPtr schema();
    static std::int32_t fromLogical(const Schema& schema, DateTime value);
    static DateTime toLogical(const Schema& schema, std::int32_t millisOfDay);
};

// INT64 milliseconds since the epoch (negative allowed).
struct Timestamp {
    static constexpr std::string_view kLogicalName = "org.apache.kafka.connect.data.Timestamp";

    static SchemaBuilder builder();
    static SchemaPtr schema();
    static std::int64_t fromLogical(const Schema& schema, DateTime value);
    static DateTime toLogical(const Schema& schema, std::int64_t epochMillis);
};

inline constexpr std::int64_t kMillisPerDay = 24LL * 60 * 60 * 1000;

// Calendar arithmetic in UTC on the proleptic Gregorian calendar, as converters and transforms
// need it to print and parse Date/Time/Timestamp values (H. Hinnant's days-from-civil algorithms).
struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1; // 1..12
    unsigned day = 1;   // 1..31
};
// Floor division, so instants before 1970 fall on the earlier day.
constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);
CivilDate civilFromDays(std::int64_t daysSinceEpoch);

// An instant broken down into its UTC date and time of day.
struct UtcFields {
    std::int64_t daysSinceEpoch = 0;
    CivilDate date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
};
UtcFields utcFields(std::int64_t epochMillis);

// Which logical type a schema name denotes; None for other names (then the physical type rules).
enum class LogicalType : std::uint8_t { None, Decimal, Date, Time, Timestamp };
LogicalType logicalTypeOf(const Schema& schema);

} // namespace connectdesk::sdk
