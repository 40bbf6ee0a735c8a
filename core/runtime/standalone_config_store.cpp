#include "runtime/standalone_config_store.h"

#include "runtime/atomic_file.h"

#include <chrono>
#include <cstdio>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

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
    std::string error;
    const auto text = readWholeFile(m_path, &error);
    if (!text) {
        return error;
    }
    rapidjson::Document doc;
    doc.Parse(text->data(), text->size());
    const bool ok = !doc.HasParseError() && doc.IsObject() && doc.HasMember("format") &&
                    doc["format"].IsString() && std::string(doc["format"].GetString()) == kFormat &&
                    doc.HasMember("connectors") && doc["connectors"].IsArray();
    if (!ok) {
        const std::string aside =
            m_path + ".corrupt-" +
            std::to_string(std::chrono::system_clock::now().time_since_epoch() / std::chrono::seconds(1));
        std::rename(m_path.c_str(), aside.c_str());
        return "Connector store " + m_path + " is unreadable; moved to " + aside + " and starting empty";
    }
    for (const auto& row : doc["connectors"].GetArray()) {
        if (!row.IsObject() || !row.HasMember("name") || !row["name"].IsString() ||
            !row.HasMember("config") || !row["config"].IsObject()) {
            continue;
        }
        StoredConnector c;
        for (auto it = row["config"].MemberBegin(); it != row["config"].MemberEnd(); ++it) {
            if (it->value.IsString()) {
                c.config.emplace(it->name.GetString(), it->value.GetString());
            }
        }
        if (row.HasMember("target_state") && row["target_state"].IsString()) {
            c.targetState = parseTargetState(row["target_state"].GetString()).value_or(TargetState::Started);
        }
        m_connectors.emplace(row["name"].GetString(), std::move(c));
    }
    return {};
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
        rapidjson::StringBuffer buf;
        rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
        w.StartObject();
        w.Key("format");
        w.String(kFormat);
        w.Key("version");
        w.Int(1);
        w.Key("connectors");
        w.StartArray();
        for (const auto& [name, c] : next) {
            w.StartObject();
            w.Key("name");
            w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
            w.Key("target_state");
            w.String(targetStateName(c.targetState));
            w.Key("config");
            w.StartObject();
            for (const auto& [k, v] : c.config) {
                w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
                w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
            }
            w.EndObject();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        if (!atomicWriteFile(m_path, std::string(buf.GetString(), buf.GetSize()) + "\n", error)) {
            return false;
        }
    }
    m_connectors = next;
    return true;
}

} // namespace connectdesk::runtime
