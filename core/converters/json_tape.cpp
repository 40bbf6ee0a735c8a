#include "json_tape.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cstring>

namespace connectdesk::converters {

namespace {

class TapeHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TapeHandler> {
public:
    static constexpr std::size_t kMaxDepth = 512;

    TapeHandler(std::vector<JsonNode>& nodes, std::vector<std::uint32_t>& open,
                rapidjson::InsituStringStream& stream)
        : m_nodes(nodes), m_stream(stream), m_open(open)
    {
        m_open.clear();
    }

    bool tooDeep() const { return m_tooDeep; }
    bool Null() { return leaf(JsonKind::Null); }
    bool Bool(bool b) { return leaf(b ? JsonKind::True : JsonKind::False); }
    bool RawNumber(const char* str, rapidjson::SizeType length, bool)
    {
        JsonNode& n = push(JsonKind::Number, str, length);
        n.integral = std::memchr(str, '.', length) == nullptr && std::memchr(str, 'e', length) == nullptr &&
                     std::memchr(str, 'E', length) == nullptr;
        return true;
    }
    bool String(const char* str, rapidjson::SizeType length, bool)
    {
        push(JsonKind::String, str, length);
        return true;
    }
    bool Key(const char* str, rapidjson::SizeType length, bool copy) { return String(str, length, copy); }
    bool StartObject() { return open(JsonKind::Object); }
    bool EndObject(rapidjson::SizeType count) { return close(count); }
    bool StartArray() { return open(JsonKind::Array); }
    bool EndArray(rapidjson::SizeType count) { return close(count); }

private:
    JsonNode& push(JsonKind kind, const char* text, std::uint32_t length)
    {
        JsonNode& n = m_nodes.emplace_back();
        n.kind = kind;
        n.text = text;
        n.length = length;
        n.next = static_cast<std::uint32_t>(m_nodes.size());
        return n;
    }
    bool leaf(JsonKind kind)
    {
        push(kind, nullptr, 0);
        return true;
    }
    bool open(JsonKind kind)
    {
        // RapidJSON's reader recurses per level; a cap keeps hostile input from exhausting the stack.
        if (m_open.size() >= kMaxDepth) {
            m_tooDeep = true;
            return false;
        }
        m_open.push_back(static_cast<std::uint32_t>(m_nodes.size()));
        JsonNode& n = push(kind, nullptr, 0);
        // The reader has consumed the bracket already.
        n.sourceBegin = static_cast<std::uint32_t>(m_stream.Tell() - 1);
        return true;
    }
    bool close(rapidjson::SizeType count)
    {
        JsonNode& n = m_nodes[m_open.back()];
        m_open.pop_back();
        n.count = count;
        n.next = static_cast<std::uint32_t>(m_nodes.size());
        n.length = static_cast<std::uint32_t>(m_stream.Tell()) - n.sourceBegin;
        return true;
    }

    std::vector<JsonNode>& m_nodes;
    rapidjson::InsituStringStream& m_stream;
    std::vector<std::uint32_t>& m_open;
    bool m_tooDeep = false;
};

} // namespace

std::optional<std::string> JsonTape::parse(const std::uint8_t* data, std::size_t size)
{
    m_nodes.clear();
    m_source = std::string_view(reinterpret_cast<const char*>(data), size);
    std::size_t i = 0;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        ++i;
    if (i == size)
        return std::nullopt;
    if (size > UINT32_MAX / 2)
        return std::string("input too large");
    m_buffer.assign(m_source);
    rapidjson::InsituStringStream stream(m_buffer.data());
    TapeHandler handler(m_nodes, m_open, stream);
    rapidjson::Reader reader;
    constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag |
                                rapidjson::kParseStopWhenDoneFlag;
    const rapidjson::ParseResult result = reader.Parse<kFlags>(stream, handler);
    if (result.IsError()) {
        m_nodes.clear();
        if (handler.tooDeep())
            return "JSON nested deeper than " + std::to_string(TapeHandler::kMaxDepth) + " levels";
        return std::string(rapidjson::GetParseError_En(result.Code())) + " at offset " +
               std::to_string(result.Offset());
    }
    return std::nullopt;
}

std::uint32_t JsonTape::member(std::uint32_t object, std::string_view name) const
{
    std::uint32_t found = kMissing;
    std::uint32_t i = object + 1;
    for (std::uint32_t k = 0; k < m_nodes[object].count; ++k) {
        const std::uint32_t valueIndex = i + 1;
        if (text(i) == name)
            found = valueIndex;
        i = m_nodes[valueIndex].next;
    }
    return found;
}

} // namespace connectdesk::converters
