#include "runtime/offset_json.h"

#include <connectdesk/sdk/errors.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace connectdesk::runtime {

namespace {

void writeValue(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& key, const sdk::Value& v)
{
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                w.Null();
            } else if constexpr (std::is_same_v<T, bool>) {
                w.Bool(x);
            } else if constexpr (std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                                 std::is_same_v<T, std::int32_t>) {
                w.Int(x);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                w.Int64(x);
            } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
                w.Double(static_cast<double>(x));
            } else if constexpr (std::is_same_v<T, std::string>) {
                w.String(x.data(), static_cast<rapidjson::SizeType>(x.size()));
            } else {
                throw sdk::DataException("Invalid type for offset or partition value of key " + key +
                                         ": only null and primitive values are allowed");
            }
        },
        v.variant());
}

void writeMap(rapidjson::Writer<rapidjson::StringBuffer>& w, const sdk::OffsetMap& map)
{
    w.StartObject();
    for (const auto& [k, v] : map) {
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        writeValue(w, k, v);
    }
    w.EndObject();
}

std::optional<sdk::OffsetMap> fromObject(const rapidjson::Value& obj, std::string* error)
{
    sdk::OffsetMap out;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        const std::string key(it->name.GetString(), it->name.GetStringLength());
        const auto& v = it->value;
        if (v.IsNull()) {
            out.emplace(key, sdk::Value());
        } else if (v.IsBool()) {
            out.emplace(key, sdk::Value(v.GetBool()));
        } else if (v.IsInt64()) {
            out.emplace(key, sdk::Value(static_cast<std::int64_t>(v.GetInt64())));
        } else if (v.IsNumber()) {
            out.emplace(key, sdk::Value(v.GetDouble()));
        } else if (v.IsString()) {
            out.emplace(key, sdk::Value(std::string(v.GetString(), v.GetStringLength())));
        } else {
            if (error != nullptr) {
                *error =
                    "The value of key '" + key + "' must be null or a primitive (string, number, boolean)";
            }
            return std::nullopt;
        }
    }
    return out;
}

} // namespace

std::string offsetMapToJson(const sdk::OffsetMap& map)
{
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    writeMap(w, map);
    return std::string(buf.GetString(), buf.GetSize());
}

std::string offsetKeyJson(const std::string& connector, const sdk::OffsetMap& partition)
{
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartArray();
    w.String(connector.data(), static_cast<rapidjson::SizeType>(connector.size()));
    writeMap(w, partition);
    w.EndArray();
    return std::string(buf.GetString(), buf.GetSize());
}

std::optional<sdk::OffsetMap> offsetMapFromJson(const std::string& json, std::string* error)
{
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        if (error != nullptr) {
            *error = "Expected a JSON object but got: " + json;
        }
        return std::nullopt;
    }
    return fromObject(doc, error);
}

std::optional<std::pair<std::string, sdk::OffsetMap>> parseOffsetKey(const std::string& json)
{
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsArray() || doc.Size() != 2 || !doc[0].IsString() ||
        !(doc[1].IsObject() || doc[1].IsNull())) {
        return std::nullopt;
    }
    std::optional<sdk::OffsetMap> partition =
        doc[1].IsNull() ? sdk::OffsetMap{} : fromObject(doc[1], nullptr);
    if (!partition) {
        return std::nullopt;
    }
    return std::make_pair(std::string(doc[0].GetString(), doc[0].GetStringLength()), std::move(*partition));
}

} // namespace connectdesk::runtime
