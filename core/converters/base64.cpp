#include "base64.h"

#include <array>

namespace connectdesk::converters {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> makeDecodeTable()
{
    std::array<std::int8_t, 256> t{};
    for (auto& v : t)
        v = -1;
    for (int i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
constexpr auto kDecode = makeDecodeTable();

template <class Char>
void encodeTo(Char* p, const std::uint8_t* data, std::size_t size)
{
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const std::uint32_t v =
            (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
        *p++ = static_cast<Char>(kAlphabet[(v >> 18) & 63]);
        *p++ = static_cast<Char>(kAlphabet[(v >> 12) & 63]);
        *p++ = static_cast<Char>(kAlphabet[(v >> 6) & 63]);
        *p++ = static_cast<Char>(kAlphabet[v & 63]);
    }
    if (i < size) {
        std::uint32_t v = std::uint32_t{data[i]} << 16;
        if (i + 1 < size)
            v |= std::uint32_t{data[i + 1]} << 8;
        *p++ = static_cast<Char>(kAlphabet[(v >> 18) & 63]);
        *p++ = static_cast<Char>(kAlphabet[(v >> 12) & 63]);
        *p++ = static_cast<Char>(i + 1 < size ? kAlphabet[(v >> 6) & 63] : '=');
        *p++ = static_cast<Char>('=');
    }
}

template <class Out>
void encode(Out& out, const std::uint8_t* data, std::size_t size)
{
    const std::size_t start = out.size();
    out.resize(start + base64Length(size));
    encodeTo(out.data() + start, data, size);
}

} // namespace

void encodeBase64(char* out, const std::uint8_t* data, std::size_t size)
{
    encodeTo(out, data, size);
}

void appendBase64(std::string& out, const std::uint8_t* data, std::size_t size)
{
    encode(out, data, size);
}

void appendBase64(std::vector<std::uint8_t>& out, const std::uint8_t* data, std::size_t size)
{
    encode(out, data, size);
}

std::optional<std::vector<std::uint8_t>> decodeBase64(std::string_view text)
{
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t padding = 0;
    std::size_t symbols = 0;
    for (char c : text) {
        const auto uc = static_cast<unsigned char>(c);
        if (uc <= ' ')
            continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding > 0)
            return std::nullopt; // data after padding
        const std::int8_t v = kDecode[uc];
        if (v < 0)
            return std::nullopt;
        ++symbols;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
        }
    }
    if (symbols % 4 == 1 || padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0))
        return std::nullopt;
    return out;
}

} // namespace connectdesk::converters
