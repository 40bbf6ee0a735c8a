#include "java_number_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace connectdesk::converters {

namespace {

// Java prints plain notation for 1e-3 <= |v| < 1e7 and computerized scientific notation
// otherwise, always with at least one fraction digit. JDK 19+ uses the shortest digits that
// round-trip, which is what std::to_chars produces.
template <class T>
void appendJava(std::string& out, T value)
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
    std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    bool negative = false;
    if (sci.front() == '-') {
        negative = true;
        sci.remove_prefix(1);
    }
    const auto ePos = sci.find('e');
    std::string digits;
    digits.reserve(20);
    for (char c : sci.substr(0, ePos)) {
        if (c != '.')
            digits.push_back(c);
    }
    const int exponent = std::atoi(std::string(sci.substr(ePos + 1)).c_str());
    if (negative)
        out.push_back('-');
    if (exponent >= -3 && exponent < 7) {
        if (exponent >= 0) {
            const auto intDigits = static_cast<std::size_t>(exponent) + 1;
            if (digits.size() <= intDigits) {
                out += digits;
                out.append(intDigits - digits.size(), '0');
                out += ".0";
            } else {
                out.append(digits, 0, intDigits);
                out.push_back('.');
                out.append(digits, intDigits);
            }
        } else {
            out += "0.";
            out.append(static_cast<std::size_t>(-exponent - 1), '0');
            out += digits;
        }
        return;
    }
    out.push_back(digits[0]);
    out.push_back('.');
    if (digits.size() > 1)
        out.append(digits, 1);
    else
        out.push_back('0');
    out.push_back('E');
    out += std::to_string(exponent);
}

} // namespace

void appendJavaDouble(std::string& out, double value)
{
    appendJava(out, value);
}

void appendJavaFloat(std::string& out, float value)
{
    appendJava(out, value);
}

} // namespace connectdesk::converters
