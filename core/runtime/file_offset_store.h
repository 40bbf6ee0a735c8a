// Source offsets of a standalone worker, kept in offset.storage.file.filename: the same key and
// value bytes as Connect's offset store (spec §8.3–8.4) in a JSON file rewritten crash-safely on
// every flush. Thread-safe: task threads read and flush concurrently.
#pragma once

#include <connectdesk/sdk/source_record.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace connectdesk::runtime {

class FileOffsetStore {
public:
    explicit FileOffsetStore(std::string path);

    // Reads the file. A missing file is an empty store; an unreadable or corrupt one is renamed
    // to <file>.corrupt-<time> (kept, never deleted) and the store starts empty; the message says so.
    std::string load();

    std::optional<sdk::OffsetMap> get(const std::string& connector, const sdk::OffsetMap& partition) const;
    // Applies the entries (nullopt offset = delete) and persists the whole map. On an I/O failure
    // nothing changes, in memory or on disk, and error says why.
    bool put(const std::string& connector,
             const std::vector<std::pair<sdk::OffsetMap, std::optional<sdk::OffsetMap>>>& entries,
             std::string* error);
    // Every (partition, offset) of one connector, in key order.
    std::vector<std::pair<sdk::OffsetMap, sdk::OffsetMap>>
    connectorOffsets(const std::string& connector) const;
    // Deletes every offset of the connector (DELETE /connectors/{c}/offsets).
    bool resetConnector(const std::string& connector, std::string* error);

    const std::string& path() const { return m_path; }

private:
    bool persistLocked(const std::map<std::string, std::string>& data, std::string* error) const;

    std::string m_path;
    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_data; // key JSON → value JSON
};

} // namespace connectdesk::runtime
