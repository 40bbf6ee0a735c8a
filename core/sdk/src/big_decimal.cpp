#include "connectdesk/sdk/big_decimal.h"

#include <algorithm>
#include <cstdlib>

namespace connectdesk::sdk {

namespace {

using ByteVec = std::vector<std::uint8_t>;

// Drops redundant sign bytes so the encoding is minimal, like BigInteger.toByteArray.
void minimise(ByteVec& bytes)
{
    if (bytes.empty()) {
        bytes.push_back(0);
        return;
    }
    std::size_t drop = 0;
    while (drop + 1 < bytes.size()) {
        const std::uint8_t b = bytes[drop];
        const bool nextNegative = (bytes[drop + 1] & 0x80) != 0;
        if ((b == 0x00 && !nextNegative) || (b == 0xFF && nextNegative))
            ++drop;
        else
            break;
    }
    bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(drop));
}

void negateInPlace(ByteVec& bytes)
{
    for (auto& b : bytes)
        b = static_cast<std::uint8_t>(~b);
    for (std::size_t i = bytes.size(); i-- > 0;) {
        if (++bytes[i] != 0)
            break;
    }
}

// Magnitude (big-endian, unsigned) of a two's-complement number.
ByteVec magnitudeOf(const ByteVec& twos, bool& negative)
{
    negative = !twos.empty() && (twos[0] & 0x80) != 0;
    ByteVec mag = twos;
    if (negative) {
        mag.insert(mag.begin(), 0xFF);
        negateInPlace(mag);
    }
    return mag;
}

ByteVec twosFromMagnitude(ByteVec mag, bool negative)
{
    mag.insert(mag.begin(), 0x00);
    if (negative)
        negateInPlace(mag);
    minimise(mag);
    return mag;
}

// Decimal digits of an unsigned big-endian magnitude.
std::string magnitudeToDigits(ByteVec mag)
{
    std::string digits;
    auto isZero = [&mag] {
        return std::all_of(mag.begin(), mag.end(), [](std::uint8_t b) { return b == 0; });
    };
    if (isZero())
        return "0";
    while (!isZero()) {
        unsigned remainder = 0;
        for (auto& b : mag) {
            const unsigned cur = (remainder << 8) | b;
            b = static_cast<std::uint8_t>(cur / 10);
            remainder = cur % 10;
        }
        digits.push_back(static_cast<char>('0' + remainder));
    }
    std::reverse(digits.begin(), digits.end());
    return digits;
}

ByteVec digitsToMagnitude(std::string_view digits)
{
    ByteVec mag{0};
    for (char c : digits) {
        unsigned carry = static_cast<unsigned>(c - '0');
        for (std::size_t i = mag.size(); i-- > 0;) {
            const unsigned cur = mag[i] * 10U + carry;
            mag[i] = static_cast<std::uint8_t>(cur & 0xFF);
            carry = cur >> 8;
        }
        while (carry != 0) {
            mag.insert(mag.begin(), static_cast<std::uint8_t>(carry & 0xFF));
            carry >>= 8;
        }
    }
    return mag;
}

} // namespace

BigDecimal::BigDecimal() : m_unscaled{0} {}

BigDecimal::BigDecimal(std::vector<std::uint8_t> unscaledBytes, std::int32_t scale)
    : m_unscaled(std::move(unscaledBytes)), m_scale(scale)
{
    minimise(m_unscaled);
}

BigDecimal BigDecimal::fromUnscaled(std::int64_t unscaled, std::int32_t scale)
{
    ByteVec bytes(8);
    auto u = static_cast<std::uint64_t>(unscaled);
    for (int i = 7; i >= 0; --i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(u & 0xFF);
        u >>= 8;
    }
    return BigDecimal(std::move(bytes), scale);
}

std::optional<BigDecimal> BigDecimal::parse(std::string_view text)
{
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        ++i;
    }
    std::string digits;
    std::int64_t fractionDigits = 0;
    bool seenPoint = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            if (seenPoint)
                ++fractionDigits;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (digits.empty())
        return std::nullopt;
    std::int64_t exponent = 0;
    if (i < text.size()) {
        if (text[i] != 'e' && text[i] != 'E')
            return std::nullopt;
        ++i;
        bool expNegative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            expNegative = text[i] == '-';
            ++i;
        }
        if (i == text.size())
            return std::nullopt;
        for (; i < text.size(); ++i) {
            if (text[i] < '0' || text[i] > '9' || exponent > 1'000'000'000)
                return std::nullopt;
            exponent = exponent * 10 + (text[i] - '0');
        }
        if (expNegative)
            exponent = -exponent;
    }
    const std::int64_t scale = fractionDigits - exponent;
    if (scale > INT32_MAX || scale < INT32_MIN)
        return std::nullopt;
    return BigDecimal(twosFromMagnitude(digitsToMagnitude(digits), negative),
                      static_cast<std::int32_t>(scale));
}

std::optional<std::int64_t> BigDecimal::unscaledInt64() const
{
    if (m_unscaled.size() > 8)
        return std::nullopt;
    std::uint64_t u = (m_unscaled[0] & 0x80) ? ~std::uint64_t{0} : 0;
    for (auto b : m_unscaled)
        u = (u << 8) | b;
    return static_cast<std::int64_t>(u);
}

int BigDecimal::signum() const
{
    if (m_unscaled[0] & 0x80)
        return -1;
    return (m_unscaled.size() == 1 && m_unscaled[0] == 0) ? 0 : 1;
}

std::string BigDecimal::toString() const
{
    bool negative = false;
    const std::string coeff = magnitudeToDigits(magnitudeOf(m_unscaled, negative));
    std::string out = negative ? "-" : "";
    if (m_scale == 0)
        return out + coeff;
    const std::int64_t adjusted =
        -static_cast<std::int64_t>(m_scale) + static_cast<std::int64_t>(coeff.size()) - 1;
    if (m_scale > 0 && adjusted >= -6) {
        const auto scale = static_cast<std::size_t>(m_scale);
        if (coeff.size() > scale)
            return out + coeff.substr(0, coeff.size() - scale) + "." + coeff.substr(coeff.size() - scale);
        return out + "0." + std::string(scale - coeff.size(), '0') + coeff;
    }
    out += coeff.substr(0, 1);
    if (coeff.size() > 1)
        out += "." + coeff.substr(1);
    out += "E";
    if (adjusted > 0)
        out += "+";
    out += std::to_string(adjusted);
    return out;
}

std::string BigDecimal::toPlainString() const
{
    if (m_scale > 0)
        return toString().find('E') == std::string::npos ? toString() : [this] {
            bool negative = false;
            const std::string coeff = magnitudeToDigits(magnitudeOf(m_unscaled, negative));
            const auto scale = static_cast<std::size_t>(m_scale);
            std::string out = negative ? "-" : "";
            if (coeff.size() > scale)
                return out + coeff.substr(0, coeff.size() - scale) + "." + coeff.substr(coeff.size() - scale);
            return out + "0." + std::string(scale - coeff.size(), '0') + coeff;
        }();
    bool negative = false;
    std::string coeff = magnitudeToDigits(magnitudeOf(m_unscaled, negative));
    if (coeff == "0")
        return coeff;
    return (negative ? "-" : "") + coeff +
           std::string(static_cast<std::size_t>(-static_cast<std::int64_t>(m_scale)), '0');
}

double BigDecimal::toDouble() const
{
    return std::strtod(toString().c_str(), nullptr);
}

} // namespace connectdesk::sdk
