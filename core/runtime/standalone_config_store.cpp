#include "runtime/standalone_config_store.h"

#include "runtime/atomic_file.h"

namespace connectdesk::runtime {

namespace {
constexpr const char* kFormat = "connectdesk-connectors";

std::optional<TargetState> parseTargetState(const std::string& s)
{
    if (s == "STARTED") {
        return TargetState::Started;
    }
    if (s == "PAUSED") {
        return TargetState::Paused;
    }
    if (s == "STOPPED") {
        return TargetState::Stopped;
    }
    return std::nullopt;
}
} // namespace

const char* targetStateName(TargetState state)
{
    switch (state) {
    case TargetState::Started:
        return "STARTED";
    case TargetState::Paused:
        return "PAUSED";
    case TargetState::Stopped:
        return "STOPPED";
    }
    return "STARTED";
}

StandaloneConfigStore::StandaloneConfigStore(std::string path) : m_path(std::move(path)) {}

std::string StandaloneConfigStore::load()
{
    std::lock_guard lock(m_mutex);
    m_connectors.clear();
    if (m_path.empty()) {
        return {};
    }
    return loadJsonStateFile(
        m_path, kFormat, "connectors",
        [this](const rapidjson::Value& row) {
            if (!row.IsObject() || !row.HasMember("name") || !row["name"].IsString() ||
                !row.HasMember("config") || !row["config"].IsObject()) {
                return;
            }
            StoredConnector c;
            for (auto it = row["config"].MemberBegin(); it != row["config"].MemberEnd(); ++it) {
                if (it->value.IsString()) {
                    c.config.emplace(it->name.GetString(), it->value.GetString());
                }
            }
            if (row.HasMember("target_state") && row["target_state"].IsString()) {
                c.targetState =
                    parseTargetState(row["target_state"].GetString()).value_or(TargetState::Started);
            }
            m_connectors.emplace(row["name"].GetString(), std::move(c));
        },
        [this](const std::string& aside) {
            return "Connector store " + m_path + " is unreadable; moved to " + aside + " and starting empty";
        });
}

bool StandaloneConfigStore::putConnector(const std::string& name, const StoredConnector& connector,
                                         std::string* error)
{
    std::lock_guard lock(m_mutex);
    auto next = m_connectors;
    next[name] = connector;
    return persist(next, error);
}

bool StandaloneConfigStore::removeConnector(const std::string& name, std::string* error)
{
    std::lock_guard lock(m_mutex);
    auto next = m_connectors;
    next.erase(name);
    return persist(next, error);
}

bool StandaloneConfigStore::setTargetState(const std::string& name, TargetState state, std::string* error)
{
    std::lock_guard lock(m_mutex);
    auto next = m_connectors;
    auto it = next.find(name);
    if (it == next.end()) {
        return true;
    }
    it->second.targetState = state;
    return persist(next, error);
}

bool StandaloneConfigStore::persist(const std::map<std::string, StoredConnector>& next, std::string* error)
{
    if (!m_path.empty()) {
        const bool written = writeJsonStateFile(
            m_path, kFormat, "connectors",
            [&next](JsonStateWriter& w) {
                for (const auto& [name, c] : next) {
                    w.StartObject();
                    writeStringMember(w, "name", name);
                    writeStringMember(w, "target_state", targetStateName(c.targetState));
                    w.Key("config");
                    w.StartObject();
                    for (const auto& [k, v] : c.config) {
                        writeStringMember(w, k, v);
                    }
                    w.EndObject();
                    w.EndObject();
                }
            },
            error);
        if (!written) {
            return false;
        }
    }
    m_connectors = next;
    return true;
}

} // namespace connectdesk::runtime
