// A flat, reusable JSON document ("tape") parsed with RapidJSON's SAX reader: one node per value,
// numbers kept as their source text so decimals and int64 are read exactly (spec §2.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectdesk::converters {

enum class JsonKind : std::uint8_t { Null, False, True, Number, String, Array, Object };

struct JsonNode {
    JsonKind kind = JsonKind::Null;
    // Numbers: no '.', 'e' or 'E' in the text (Jackson's isIntegralNumber).
    bool integral = false;
    // Members (object) or elements (array).
    std::uint32_t count = 0;
    // Index of the first node after this value's subtree.
    std::uint32_t next = 0;
    // String / number text (strings already unescaped), or for containers the raw source range.
    std::uint32_t length = 0;
    std::uint32_t sourceBegin = 0;
    const char* text = nullptr;
};

// Object layout: [object][key][value subtree][key][value subtree]...; arrays: [array][elem]...
class JsonTape {
public:
    static constexpr std::uint32_t kMissing = UINT32_MAX;

    // Parses one JSON value; trailing content after it is ignored, as Jackson's readTree does.
    // Returns an error message on malformed input, nullopt on success. Empty or whitespace-only
    // input parses to an empty tape (Jackson's "missing" node).
    std::optional<std::string> parse(const std::uint8_t* data, std::size_t size);

    bool empty() const { return m_nodes.empty(); }
    const JsonNode& node(std::uint32_t i) const { return m_nodes[i]; }
    std::string_view text(std::uint32_t i) const { return {m_nodes[i].text, m_nodes[i].length}; }
    // The original bytes of a value (containers only), e.g. to key a schema cache.
    std::string_view source(std::uint32_t i) const
    {
        return {m_source.data() + m_nodes[i].sourceBegin, m_nodes[i].length};
    }

    // Value index of the member named `name` (the last one if repeated, like Jackson), or kMissing.
    std::uint32_t member(std::uint32_t object, std::string_view name) const;
    // First element / member-key index of a container, then advance with node(i).next.
    static std::uint32_t firstChild(std::uint32_t container) { return container + 1; }

    // Used by the parser's handler.
    std::vector<JsonNode>& nodes() { return m_nodes; }

private:
    std::vector<JsonNode> m_nodes;
    std::vector<std::uint32_t> m_open; // the parser's open containers, kept from parse to parse
    std::string m_buffer;              // in-situ copy: strings are unescaped in place
    std::string_view m_source;
};

} // namespace connectdesk::converters
