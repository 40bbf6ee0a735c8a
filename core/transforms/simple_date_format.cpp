#include "transforms/simple_date_format.h"

#include <array>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace connectdesk::transforms {

namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};
constexpr std::string_view kLetters = "GyYMLdDEuaHkKhmsSzZX";
using sdk::kMillisPerDay;

bool isNumericLetter(char c, int count)
{
    switch (c) {
    case 'y':
    case 'Y':
    case 'd':
    case 'D':
    case 'u':
    case 'H':
    case 'k':
    case 'K':
    case 'h':
    case 'm':
    case 's':
    case 'S':
        return true;
    case 'M':
    case 'L':
        return count <= 2;
    default:
        return false;
    }
}

void pad(std::string& out, std::int64_t v, int width)
{
    std::string digits = std::to_string(v < 0 ? -v : v);
    if (v < 0) {
        out += '-';
    }
    for (int i = static_cast<int>(digits.size()); i < width; ++i) {
        out += '0';
    }
    out += digits;
}

bool startsWithIgnoreCase(std::string_view text, std::size_t pos, std::string_view word)
{
    if (text.size() - pos < word.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[pos + i])) !=
            std::tolower(static_cast<unsigned char>(word[i]))) {
            return false;
        }
    }
    return true;
}

// The index of the month or day name at pos, full or in its three-letter short form, any case
// (SimpleDateFormat's lenient text fields); pos is moved past it. nullopt when none matches.
template <std::size_t N>
std::optional<std::size_t> matchName(std::string_view text, std::size_t& pos,
                                     const std::array<const char*, N>& names)
{
    for (std::size_t i = 0; i < N; ++i) {
        const std::string_view full = names[i];
        for (std::string_view candidate : {full, full.substr(0, 3)}) {
            if (startsWithIgnoreCase(text, pos, candidate)) {
                pos += candidate.size();
                return i;
            }
        }
    }
    return std::nullopt;
}

} // namespace

SimpleDateFormat::SimpleDateFormat(std::string_view pattern) : m_pattern(pattern)
{
    for (std::size_t i = 0; i < pattern.size();) {
        const char c = pattern[i];
        if (c == '\'') {
            // '' is a literal quote; 'text' is quoted text in which '' is a quote too.
            if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
                m_tokens.push_back({0, 0, "'"});
                i += 2;
                continue;
            }
            std::string lit;
            std::size_t j = i + 1;
            for (;; ++j) {
                if (j >= pattern.size()) {
                    throw std::invalid_argument("Unterminated quote");
                }
                if (pattern[j] == '\'') {
                    if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
                        lit += '\'';
                        ++j;
                        continue;
                    }
                    break;
                }
                lit += pattern[j];
            }
            m_tokens.push_back({0, 0, lit});
            i = j + 1;
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            if (kLetters.find(c) == std::string_view::npos) {
                throw std::invalid_argument(std::string("Illegal pattern character '") + c + "'");
            }
            std::size_t j = i;
            while (j < pattern.size() && pattern[j] == c) {
                ++j;
            }
            m_tokens.push_back({c, static_cast<int>(j - i), {}});
            i = j;
        } else {
            m_tokens.push_back({0, 0, std::string(1, c)});
            ++i;
        }
    }
}

std::string SimpleDateFormat::format(std::int64_t epochMillis) const
{
    const sdk::UtcFields f = sdk::utcFields(epochMillis);
    const std::int64_t days = f.daysSinceEpoch;
    const std::int64_t year = f.date.year;
    const unsigned month = f.date.month;
    const unsigned day = f.date.day;
    const int hour = f.hour;
    const int minute = f.minute;
    const int second = f.second;
    const int millis = f.millis;
    const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday; 0 = Monday

    std::string out;
    out.reserve(m_pattern.size() + 8);
    for (const Token& t : m_tokens) {
        switch (t.letter) {
        case 0:
            out += t.literal;
            break;
        case 'G':
            out += year > 0 ? "AD" : "BC";
            break;
        case 'y':
        case 'Y': {
            const std::int64_t y = year > 0 ? year : 1 - year;
            if (t.count == 2) {
                pad(out, y % 100, 2);
            } else {
                pad(out, y, t.count);
            }
            break;
        }
        case 'M':
        case 'L':
            if (t.count >= 4) {
                out += kMonths[month - 1];
            } else if (t.count == 3) {
                out += std::string_view(kMonths[month - 1]).substr(0, 3);
            } else {
                pad(out, month, t.count);
            }
            break;
        case 'd':
            pad(out, day, t.count);
            break;
        case 'D':
            pad(out, days - daysFromCivil(year, 1, 1) + 1, t.count);
            break;
        case 'E':
            out += t.count >= 4 ? std::string_view(kDays[weekday])
                                : std::string_view(kDays[weekday]).substr(0, 3);
            break;
        case 'u':
            pad(out, weekday + 1, t.count);
            break;
        case 'a':
            out += hour < 12 ? "AM" : "PM";
            break;
        case 'H':
            pad(out, hour, t.count);
            break;
        case 'k':
            pad(out, hour == 0 ? 24 : hour, t.count);
            break;
        case 'K':
            pad(out, hour % 12, t.count);
            break;
        case 'h':
            pad(out, hour % 12 == 0 ? 12 : hour % 12, t.count);
            break;
        case 'm':
            pad(out, minute, t.count);
            break;
        case 's':
            pad(out, second, t.count);
            break;
        case 'S':
            pad(out, millis, t.count);
            break;
        case 'z':
            out += t.count >= 4 ? "Coordinated Universal Time" : "UTC";
            break;
        case 'Z':
            out += "+0000";
            break;
        case 'X':
            out += "Z";
            break;
        default:
            break;
        }
    }
    return out;
}

std::optional<std::int64_t> SimpleDateFormat::parse(std::string_view text) const
{
    std::int64_t year = 1970;
    std::int64_t month = 1;
    std::int64_t day = 1;
    std::int64_t dayOfYear = -1;
    std::int64_t hour = 0;
    std::int64_t minute = 0;
    std::int64_t second = 0;
    std::int64_t millis = 0;
    std::int64_t offsetMinutes = 0;
    int ampm = -1;
    bool hour12 = false;
    bool bc = false;
    std::size_t pos = 0;

    for (std::size_t ti = 0; ti < m_tokens.size(); ++ti) {
        const Token& t = m_tokens[ti];
        if (t.letter == 0) {
            if (text.substr(pos, t.literal.size()) != t.literal) {
                return std::nullopt;
            }
            pos += t.literal.size();
            continue;
        }
        if (isNumericLetter(t.letter, t.count)) {
            // Abutting numeric fields take exactly `count` digits; otherwise as many as present.
            const bool abutting = ti + 1 < m_tokens.size() && m_tokens[ti + 1].letter != 0 &&
                                  isNumericLetter(m_tokens[ti + 1].letter, m_tokens[ti + 1].count);
            bool negative = false;
            if (pos < text.size() && (text[pos] == '-' || text[pos] == '+') &&
                (t.letter == 'y' || t.letter == 'Y')) {
                negative = text[pos] == '-';
                ++pos;
            }
            const std::size_t start = pos;
            std::int64_t v = 0;
            while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) &&
                   (!abutting || pos - start < static_cast<std::size_t>(t.count)) && pos - start < 18) {
                v = v * 10 + (text[pos] - '0');
                ++pos;
            }
            if (pos == start) {
                return std::nullopt;
            }
            if (negative) {
                v = -v;
            }
            switch (t.letter) {
            case 'y':
            case 'Y':
                if (t.count <= 2 && pos - start == 2 && !negative) {
                    // Two-digit years land within 80 years before and 20 after now (Java's default century).
                    const auto now = std::chrono::system_clock::now();
                    const auto nowMs =
                        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
                    const std::int64_t cy = sdk::civilFromDays(floorDiv(nowMs, kMillisPerDay)).year;
                    const std::int64_t startYear = cy - 80;
                    std::int64_t candidate = (startYear / 100) * 100 + v;
                    if (candidate < startYear) {
                        candidate += 100;
                    }
                    v = candidate;
                }
                year = v;
                break;
            case 'M':
            case 'L':
                month = v;
                break;
            case 'd':
                day = v;
                break;
            case 'D':
                dayOfYear = v;
                break;
            case 'u':
                break;
            case 'H':
                hour = v;
                break;
            case 'k':
                hour = v == 24 ? 0 : v;
                break;
            case 'K':
                hour = v;
                hour12 = true;
                break;
            case 'h':
                hour = v == 12 ? 0 : v;
                hour12 = true;
                break;
            case 'm':
                minute = v;
                break;
            case 's':
                second = v;
                break;
            case 'S':
                millis = v;
                break;
            default:
                break;
            }
            continue;
        }
        switch (t.letter) {
        case 'G':
            if (startsWithIgnoreCase(text, pos, "AD")) {
                pos += 2;
            } else if (startsWithIgnoreCase(text, pos, "BC")) {
                bc = true;
                pos += 2;
            } else {
                return std::nullopt;
            }
            break;
        case 'M':
        case 'L': {
            const auto index = matchName(text, pos, kMonths);
            if (!index) {
                return std::nullopt;
            }
            month = static_cast<std::int64_t>(*index) + 1;
            break;
        }
        case 'E':
            if (!matchName(text, pos, kDays)) {
                return std::nullopt;
            }
            break;
        case 'a':
            if (startsWithIgnoreCase(text, pos, "AM")) {
                ampm = 0;
            } else if (startsWithIgnoreCase(text, pos, "PM")) {
                ampm = 1;
            } else {
                return std::nullopt;
            }
            pos += 2;
            break;
        case 'z':
        case 'Z':
        case 'X': {
            if (startsWithIgnoreCase(text, pos, "UTC") || startsWithIgnoreCase(text, pos, "GMT")) {
                pos += 3;
                if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
                    break;
                }
            } else if (pos < text.size() && text[pos] == 'Z') {
                ++pos;
                break;
            }
            if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
                return std::nullopt;
            }
            const int sign = text[pos] == '-' ? -1 : 1;
            ++pos;
            int digits[4] = {0, 0, 0, 0};
            int n = 0;
            while (pos < text.size() && n < 4) {
                if (text[pos] == ':' && n == 2) {
                    ++pos;
                    continue;
                }
                if (!std::isdigit(static_cast<unsigned char>(text[pos]))) {
                    break;
                }
                digits[n++] = text[pos++] - '0';
            }
            if (n != 2 && n != 4) {
                return std::nullopt;
            }
            offsetMinutes =
                std::int64_t{sign} * ((digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3]);
            break;
        }
        default:
            return std::nullopt;
        }
    }
    if (hour12 && ampm == 1) {
        hour += 12;
    }
    if (bc) {
        year = 1 - year;
    }
    // Lenient roll-over: normalise the month into the year, then count days from the 1st.
    const std::int64_t monthIndex = month - 1;
    const std::int64_t y = year + floorDiv(monthIndex, 12);
    const auto m = static_cast<unsigned>(monthIndex - floorDiv(monthIndex, 12) * 12 + 1);
    std::int64_t days =
        dayOfYear >= 0 ? daysFromCivil(year, 1, 1) + dayOfYear - 1 : daysFromCivil(y, m, 1) + day - 1;
    return days * kMillisPerDay + hour * 3600000 + minute * 60000 + second * 1000 + millis -
           offsetMinutes * 60000;
}

} // namespace connectdesk::transforms
