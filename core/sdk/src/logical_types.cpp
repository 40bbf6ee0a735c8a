#include "connectdesk/sdk/logical_types.h"

#include "connectdesk/sdk/errors.h"

#include <charconv>

namespace connectdesk::sdk {

namespace {

void requireName(const Schema& schema, std::string_view logicalName, std::string_view what)
{
    if (!schema.name() || *schema.name() != logicalName)
        throw DataException("Requested conversion of " + std::string(what) +
                            " object but the schema does not match.");
}

} // namespace

SchemaBuilder Decimal::builder(std::int32_t scale)
{
    SchemaBuilder b = SchemaBuilder::bytes();
    b.name(std::string(kLogicalName)).parameter(std::string(kScaleField), std::to_string(scale)).version(1);
    return b;
}

SchemaPtr Decimal::schema(std::int32_t scale)
{
    return builder(scale).build();
}

std::int32_t Decimal::scale(const Schema& schema)
{
    const std::string* text = schema.parameter(kScaleField);
    if (!text)
        throw DataException("Invalid Decimal schema: scale parameter not found.");
    std::int32_t scale = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), scale);
    if (ec != std::errc() || end != text->data() + text->size())
        throw DataException("Invalid scale parameter found in Decimal schema: " + *text);
    return scale;
}

Bytes Decimal::fromLogical(const Schema& schema, const BigDecimal& value)
{
    if (value.scale() != scale(schema))
        throw DataException("BigDecimal has mismatching scale value for given Decimal schema (value scale " +
                            std::to_string(value.scale()) + ", schema scale " +
                            std::to_string(scale(schema)) + ")");
    return value.unscaledBytes();
}

BigDecimal Decimal::toLogical(const Schema& schema, const Bytes& bytes)
{
    return BigDecimal(bytes, scale(schema));
}

SchemaBuilder Date::builder()
{
    SchemaBuilder b = SchemaBuilder::int32();
    b.name(std::string(kLogicalName)).version(1);
    return b;
}

SchemaPtr Date::schema()
{
    static const SchemaPtr s = builder().build();
    return s;
}

std::int32_t Date::fromLogical(const Schema& schema, DateTime value)
{
    requireName(schema, kLogicalName, "Date");
    if (value.epochMillis % kMillisPerDay != 0)
        throw DataException(
            "Kafka Connect Date type should not have any time fields set to non-zero values.");
    return static_cast<std::int32_t>(value.epochMillis / kMillisPerDay);
}

DateTime Date::toLogical(const Schema& schema, std::int32_t days)
{
    requireName(schema, kLogicalName, "Date");
    return DateTime{static_cast<std::int64_t>(days) * kMillisPerDay};
}

SchemaBuilder Time::builder()
{
    SchemaBuilder b = SchemaBuilder::int32();
    b.name(std::string(kLogicalName)).version(1);
    return b;
}

SchemaPtr Time::schema()
{
    static const SchemaPtr s = builder().build();
    return s;
}

std::int32_t Time::fromLogical(const Schema& schema, DateTime value)
{
    requireName(schema, kLogicalName, "Time");
    if (value.epochMillis < 0 || value.epochMillis > kMillisPerDay)
        throw DataException(
            "Kafka Connect Time type should not have any date fields set to non-zero values.");
    return static_cast<std::int32_t>(value.epochMillis);
}

DateTime Time::toLogical(const Schema& schema, std::int32_t millisOfDay)
{
    requireName(schema, kLogicalName, "Time");
    if (millisOfDay < 0 || millisOfDay > kMillisPerDay)
        throw DataException(
            "Time values must use number of milliseconds greater than 0 and less than 86400000");
    return DateTime{millisOfDay};
}

SchemaBuilder Timestamp::builder()
{
    SchemaBuilder b = SchemaBuilder::int64();
    b.name(std::string(kLogicalName)).version(1);
    return b;
}

SchemaPtr Timestamp::schema()
{
    static const SchemaPtr s = builder().build();
    return s;
}

std::int64_t Timestamp::fromLogical(const Schema& schema, DateTime value)
{
    requireName(schema, kLogicalName, "Timestamp");
    return value.epochMillis;
}

DateTime Timestamp::toLogical(const Schema& schema, std::int64_t epochMillis)
{
    requireName(schema, kLogicalName, "Timestamp");
    return DateTime{epochMillis};
}

LogicalType logicalTypeOf(const Schema& schema)
{
    const auto& name = schema.name();
    // Fast reject: every logical name starts with "org.apache.kafka.connect.data." and is at least 34 long.
    if (!name || name->size() < 34 || (*name)[0] != 'o')
        return LogicalType::None;
    if (*name == Decimal::kLogicalName)
        return LogicalType::Decimal;
    if (*name == Date::kLogicalName)
        return LogicalType::Date;
    if (*name == Time::kLogicalName)
        return LogicalType::Time;
    if (*name == Timestamp::kLogicalName)
        return LogicalType::Timestamp;
    return LogicalType::None;
}

std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = floorDiv(year, 400);
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civilFromDays(std::int64_t daysSinceEpoch)
{
    const std::int64_t z = daysSinceEpoch + 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    CivilDate out;
    out.day = doy - (153 * mp + 2) / 5 + 1;
    out.month = mp < 10 ? mp + 3 : mp - 9;
    out.year = static_cast<std::int64_t>(yoe) + era * 400 + (out.month <= 2 ? 1 : 0);
    return out;
}

UtcFields utcFields(std::int64_t epochMillis)
{
    UtcFields f;
    f.daysSinceEpoch = floorDiv(epochMillis, kMillisPerDay);
    const std::int64_t msOfDay = epochMillis - f.daysSinceEpoch * kMillisPerDay;
    f.date = civilFromDays(f.daysSinceEpoch);
    f.hour = static_cast<int>(msOfDay / 3600000);
    f.minute = static_cast<int>(msOfDay / 60000 % 60);
    f.second = static_cast<int>(msOfDay / 1000 % 60);
    f.millis = static_cast<int>(msOfDay % 1000);
    return f;
}

} // namespace connectdesk::sdk
