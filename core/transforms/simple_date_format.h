// Java SimpleDateFormat patterns in UTC, for TimestampRouter's `timestamp.format` and
// TimestampConverter's `format` (spec §9): formatting and lenient parsing of epoch milliseconds.
#pragma once

#include <connectdesk/sdk/logical_types.h>

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

// Calendar helpers live in the SDK (logical_types.h); TimestampConverter uses floorDiv too.
using sdk::daysFromCivil;
using sdk::floorDiv;

} // namespace connectdesk::transforms
