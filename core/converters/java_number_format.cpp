#include "java_number_format.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <variant>

namespace connectdesk::converters {

namespace {

// Java prints plain notation for 1e-3 <= |v| < 1e7 and computerized scientific notation
// otherwise, always with at least one fraction digit. JDK 19+ uses the shortest digits that
// round-trip, which is what std::to_chars produces.
// A tiny char-buffer sink so the formatter is shared by the std::string and raw-buffer forms.
struct CharSink {
    char* p;
    void push_back(char c) { *p++ = c; }
    void append(std::string_view s)
    {
        std::memcpy(p, s.data(), s.size());
        p += s.size();
    }
    void append(std::size_t n, char c)
    {
        std::memset(p, c, n);
        p += n;
    }
    void append(const char* s, std::size_t n) { append(std::string_view(s, n)); }
    CharSink& operator+=(const char* s)
    {
        append(std::string_view(s));
        return *this;
    }
};

template <class T>
void appendJava(CharSink& out, T value)
{
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-Infinity" : "Infinity";
        return;
    }
    if (value == 0) {
        out += std::signbit(value) ? "-0.0" : "0.0";
        return;
    }
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const char* p = buf;
    const char* const end = res.ptr;
    bool negative = false;
    if (*p == '-') {
        negative = true;
        ++p;
    }
    // Shortest digits without the decimal point, then the decimal exponent after 'e'.
    char digitBuf[32];
    std::size_t n = 0;
    for (; p < end && *p != 'e'; ++p) {
        if (*p != '.')
            digitBuf[n++] = *p;
    }
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exponent);
    const std::string_view digits(digitBuf, n);
    if (negative)
        out.push_back('-');
    if (exponent >= -3 && exponent < 7) {
        if (exponent >= 0) {
            const auto intDigits = static_cast<std::size_t>(exponent) + 1;
            if (digits.size() <= intDigits) {
                out.append(digits);
                out.append(intDigits - digits.size(), '0');
                out += ".0";
            } else {
                out.append(digits.substr(0, intDigits));
                out.push_back('.');
                out.append(digits.substr(intDigits));
            }
        } else {
            out += "0.";
            out.append(static_cast<std::size_t>(-exponent - 1), '0');
            out.append(digits);
        }
        return;
    }
    out.push_back(digits[0]);
    out.push_back('.');
    if (digits.size() > 1)
        out.append(digits.substr(1));
    else
        out.push_back('0');
    out.push_back('E');
    char expBuf[8];
    const auto expRes = std::to_chars(expBuf, expBuf + sizeof expBuf, exponent);
    out.append(expBuf, static_cast<std::size_t>(expRes.ptr - expBuf));
}

} // namespace

std::size_t formatJavaDouble(char* out, double value)
{
    CharSink sink{out};
    appendJava(sink, value);
    return static_cast<std::size_t>(sink.p - out);
}

std::size_t formatJavaFloat(char* out, float value)
{
    CharSink sink{out};
    appendJava(sink, value);
    return static_cast<std::size_t>(sink.p - out);
}

void appendJavaDouble(std::string& out, double value)
{
    char buf[40];
    out.append(buf, formatJavaDouble(buf, value));
}

void appendJavaFloat(std::string& out, float value)
{
    char buf[40];
    out.append(buf, formatJavaFloat(buf, value));
}

bool appendJavaScalar(std::string& out, const sdk::Value& value)
{
    return std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                out += "null";
            else if constexpr (std::is_same_v<T, bool>)
                out += v ? "true" : "false";
            else if constexpr (std::is_integral_v<T>)
                out += std::to_string(v);
            else if constexpr (std::is_same_v<T, float>)
                appendJavaFloat(out, v);
            else if constexpr (std::is_same_v<T, double>)
                appendJavaDouble(out, v);
            else if constexpr (std::is_same_v<T, sdk::BigDecimal>)
                out += v.toString();
            else
                return false;
            return true;
        },
        value.variant());
}

} // namespace connectdesk::converters
