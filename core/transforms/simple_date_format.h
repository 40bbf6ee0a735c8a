// Java SimpleDateFormat patterns in UTC, for TimestampRouter's `timestamp.format` and
// TimestampConverter's `format` (spec §9): formatting and lenient parsing of epoch milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::transforms {

class SimpleDateFormat {
public:
    // Throws std::invalid_argument ("Illegal pattern character 'q'", "Unterminated quote") as
    // Java's constructor throws IllegalArgumentException.
    explicit SimpleDateFormat(std::string_view pattern);

    std::string format(std::int64_t epochMillis) const;
    // DateFormat.parse: nullopt when the text does not fit the pattern (trailing text is ignored,
    // out-of-range fields roll over, as Java's lenient default does).
    std::optional<std::int64_t> parse(std::string_view text) const;

    const std::string& pattern() const { return m_pattern; }

private:
    struct Token {
        char letter = 0; // 0 for literal text
        int count = 0;
        std::string literal;
    };
    std::string m_pattern;
    std::vector<Token> m_tokens;
};

// Civil-calendar helpers (proleptic Gregorian, UTC) shared with TimestampConverter.
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);
void civilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day);
// Floor division: epoch millis before 1970 round towards the earlier day.
inline std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

} // namespace connectdesk::transforms
