// Connector configs and target states of a standalone worker, persisted so they come back after a
// restart (unlike Apache's standalone mode, which keeps them in memory only; spec §4.2). One JSON
// file rewritten crash-safely on every change.
#pragma once

#include "runtime/herder.h"

#include <map>
#include <mutex>
#include <string>

namespace connectdesk::runtime {

struct StoredConnector {
    ConfigMap config;
    TargetState targetState = TargetState::Started;
};

class StandaloneConfigStore {
public:
    // Empty path: nothing is persisted (the in-memory behaviour of Apache's standalone herder).
    explicit StandaloneConfigStore(std::string path);

    // Reads the file; a corrupt file is moved aside (never deleted) and reported.
    std::string load();
    const std::map<std::string, StoredConnector>& connectors() const { return m_connectors; }

    // Each change is applied only when it was persisted; error says why otherwise.
    bool putConnector(const std::string& name, const StoredConnector& connector, std::string* error);
    bool removeConnector(const std::string& name, std::string* error);
    bool setTargetState(const std::string& name, TargetState state, std::string* error);

    const std::string& path() const { return m_path; }

private:
    bool persist(const std::map<std::string, StoredConnector>& next, std::string* error);

    std::string m_path;
    std::mutex m_mutex;
    std::map<std::string, StoredConnector> m_connectors;
};

const char* targetStateName(TargetState state); // STARTED PAUSED STOPPED (spec §8.2 state.v2)

} // namespace connectdesk::runtime
