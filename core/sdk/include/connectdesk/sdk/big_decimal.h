// An arbitrary-precision decimal (unscaled integer × 10^-scale): the value type of the Decimal
// logical type, matching Java's BigDecimal (spec/connect-data-and-config.md §1.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::sdk {

class BigDecimal {
public:
    // Zero with scale 0.
    BigDecimal();
    // unscaledBytes: big-endian two's-complement bytes (Java BigInteger.toByteArray); empty means 0.
    BigDecimal(std::vector<std::uint8_t> unscaledBytes, std::int32_t scale);
    static BigDecimal fromUnscaled(std::int64_t unscaled, std::int32_t scale);
    // Parses decimal text as Java's `new BigDecimal(String)` does: optional sign, digits with an
    // optional fraction, optional exponent (`12.30`, `-1E-7`, `1.5e+3`). Nullopt when not a number.
    static std::optional<BigDecimal> parse(std::string_view text);

    // Minimal big-endian two's-complement bytes of the unscaled value (0 -> {0x00}).
    const std::vector<std::uint8_t>& unscaledBytes() const { return m_unscaled; }
    std::int32_t scale() const { return m_scale; }
    // The unscaled value when it fits in 64 bits.
    std::optional<std::int64_t> unscaledInt64() const;
    int signum() const;

    // Java BigDecimal.toString(): plain notation unless the scale is negative or the adjusted
    // exponent is below -6, then scientific (`1E-7`, `1.23E+5`).
    std::string toString() const;
    // Plain notation always (BigDecimal.toPlainString()).
    std::string toPlainString() const;
    double toDouble() const;

    // Java BigDecimal.equals: the same unscaled value AND the same scale (1.0 != 1.00).
    bool operator==(const BigDecimal& other) const = default;

private:
    std::vector<std::uint8_t> m_unscaled;
    std::int32_t m_scale = 0;
};

} // namespace connectdesk::sdk
