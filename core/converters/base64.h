// Standard base64 (RFC 4648, `+` `/`, `=` padding, no line breaks): how Connect's JSON and header
// text forms carry BYTES and Decimal values (spec §2.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::converters {

void appendBase64(std::string& out, const std::uint8_t* data, std::size_t size);
// Writes base64Length(size) chars to out.
constexpr std::size_t base64Length(std::size_t size)
{
    return (size + 2) / 3 * 4;
}
void encodeBase64(char* out, const std::uint8_t* data, std::size_t size);
void appendBase64(std::vector<std::uint8_t>& out, const std::uint8_t* data, std::size_t size);
// Accepts padded or unpadded input and skips whitespace (Jackson's MIME variant does too);
// nullopt when a character is outside the alphabet or the length is impossible.
std::optional<std::vector<std::uint8_t>> decodeBase64(std::string_view text);

} // namespace connectdesk::converters
