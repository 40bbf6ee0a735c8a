#include "runtime/file_offset_store.h"

#include "runtime/atomic_file.h"
#include "runtime/offset_json.h"

namespace connectdesk::runtime {

namespace {
constexpr const char* kFormat = "connectdesk-offsets";
}

FileOffsetStore::FileOffsetStore(std::string path) : m_path(std::move(path)) {}

std::string FileOffsetStore::load()
{
    std::lock_guard lock(m_mutex);
    m_data.clear();
    return loadJsonStateFile(
        m_path, kFormat, "offsets",
        [this](const rapidjson::Value& row) {
            if (row.IsObject() && row.HasMember("key") && row["key"].IsString() && row.HasMember("value") &&
                row["value"].IsString()) {
                m_data.emplace(std::string(row["key"].GetString(), row["key"].GetStringLength()),
                               std::string(row["value"].GetString(), row["value"].GetStringLength()));
            }
        },
        [this](const std::string& aside) {
            return "Offsets file " + m_path + " is not a ConnectDesk offsets file; moved to " + aside +
                   " and starting with no offsets";
        });
}

std::optional<sdk::OffsetMap> FileOffsetStore::get(const std::string& connector,
                                                   const sdk::OffsetMap& partition) const
{
    const std::string key = offsetKeyJson(connector, partition);
    std::lock_guard lock(m_mutex);
    auto it = m_data.find(key);
    if (it == m_data.end()) {
        return std::nullopt;
    }
    return offsetMapFromJson(it->second, nullptr);
}

bool FileOffsetStore::put(
    const std::string& connector,
    const std::vector<std::pair<sdk::OffsetMap, std::optional<sdk::OffsetMap>>>& entries, std::string* error)
{
    // Serialize outside the lock: it can throw DataException for non-primitive values.
    std::vector<std::pair<std::string, std::optional<std::string>>> rows;
    rows.reserve(entries.size());
    for (const auto& [partition, offset] : entries) {
        rows.emplace_back(offsetKeyJson(connector, partition),
                          offset ? std::optional<std::string>(offsetMapToJson(*offset)) : std::nullopt);
    }
    std::lock_guard lock(m_mutex);
    auto next = m_data;
    for (auto& [k, v] : rows) {
        if (v) {
            next[k] = std::move(*v);
        } else {
            next.erase(k);
        }
    }
    if (!persistLocked(next, error)) {
        return false;
    }
    m_data = std::move(next);
    return true;
}

std::vector<std::pair<sdk::OffsetMap, sdk::OffsetMap>>
FileOffsetStore::connectorOffsets(const std::string& connector) const
{
    std::vector<std::pair<sdk::OffsetMap, sdk::OffsetMap>> out;
    std::lock_guard lock(m_mutex);
    for (const auto& [k, v] : m_data) {
        auto key = parseOffsetKey(k);
        if (!key || key->first != connector) {
            continue;
        }
        if (auto offset = offsetMapFromJson(v, nullptr)) {
            out.emplace_back(std::move(key->second), std::move(*offset));
        }
    }
    return out;
}

bool FileOffsetStore::resetConnector(const std::string& connector, std::string* error)
{
    std::lock_guard lock(m_mutex);
    auto next = m_data;
    for (auto it = next.begin(); it != next.end();) {
        auto key = parseOffsetKey(it->first);
        it = key && key->first == connector ? next.erase(it) : std::next(it);
    }
    if (!persistLocked(next, error)) {
        return false;
    }
    m_data = std::move(next);
    return true;
}

bool FileOffsetStore::persistLocked(const std::map<std::string, std::string>& data, std::string* error) const
{
    return writeJsonStateFile(
        m_path, kFormat, "offsets",
        [&data](JsonStateWriter& w) {
            for (const auto& [k, v] : data) {
                w.StartObject();
                writeStringMember(w, "key", k);
                writeStringMember(w, "value", v);
                w.EndObject();
            }
        },
        error);
}

} // namespace connectdesk::runtime
