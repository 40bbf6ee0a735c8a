// Writes a bracketed, separated list of items: the frame of arrays, maps and structs that
// StringConverter (Java's toString) and SimpleHeaderConverter (JSON-like text) share, spec §3.
#pragma once

#include <string>
#include <string_view>

namespace connectdesk::converters {

// `open item separator item ... close`; appendItem writes one item to out.
template <class Range, class AppendItem>
void appendJoined(std::string& out, char open, const Range& items, std::string_view separator, char close,
                  AppendItem&& appendItem)
{
    out.push_back(open);
    bool first = true;
    for (const auto& item : items) {
        if (!first)
            out += separator;
        first = false;
        appendItem(item);
    }
    out.push_back(close);
}

} // namespace connectdesk::converters
