// In-memory Herder test double: keeps connectors in a map and answers on its own thread, as the
// real herder does, with Apache's status codes and messages (spec/connect-rest-api.md §2.5), so
// the REST server's routing, codes and bodies can be exercised without a worker.
#pragma once

#include "runtime/herder.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace connectdesk::testing {

class FakeHerder : public runtime::Herder {
public:
    FakeHerder();
    ~FakeHerder() override;

    // While blocked, callbacks are parked and never run (a herder that stopped answering).
    void setBlocked(bool blocked);
    void setReady(bool ready);
    // Runs parked callbacks (so nothing leaks at the end of a test).
    void releaseParked();

    std::string workerId() const override { return "127.0.0.1:8083"; }
    std::string kafkaClusterId() const override { return "fake-cluster-id"; }
    bool ready() const override;

    void connectors(runtime::Callback<std::vector<std::string>> cb) override;
    void connectorInfo(const std::string& name, runtime::Callback<runtime::ConnectorInfo> cb) override;
    void connectorConfig(const std::string& name, runtime::Callback<runtime::ConfigMap> cb) override;
    void connectorStatus(const std::string& name, runtime::Callback<runtime::ConnectorStateInfo> cb) override;
    void taskStatus(const runtime::TaskId& id, runtime::Callback<runtime::TaskStateEntry> cb) override;
    void taskConfigs(const std::string& name, runtime::Callback<std::vector<runtime::TaskInfo>> cb) override;
    void putConnectorConfig(const std::string& name, const runtime::ConfigMap& config,
                            std::optional<runtime::TargetState> initialState, bool allowReplace,
                            runtime::Callback<runtime::PutConfigOutcome> cb) override;
    void patchConnectorConfig(const std::string& name, const runtime::ConfigMap& patch,
                              runtime::Callback<runtime::ConnectorInfo> cb) override;
    void deleteConnector(const std::string& name, runtime::Callback<runtime::Empty> cb) override;
    void pauseConnector(const std::string& name, runtime::Callback<runtime::Empty> cb) override;
    void resumeConnector(const std::string& name, runtime::Callback<runtime::Empty> cb) override;
    void stopConnector(const std::string& name, runtime::Callback<runtime::Empty> cb) override;
    void restartConnector(const std::string& name, bool includeTasks, bool onlyFailed,
                          runtime::Callback<runtime::RestartOutcome> cb) override;
    void restartTask(const runtime::TaskId& id, runtime::Callback<runtime::Empty> cb) override;
    void activeTopics(const std::string& name, runtime::Callback<std::vector<std::string>> cb) override;
    void resetActiveTopics(const std::string& name, runtime::Callback<runtime::Empty> cb) override;
    void connectorOffsets(const std::string& name,
                          runtime::Callback<std::vector<runtime::ConnectorOffset>> cb) override;
    void alterConnectorOffsets(const std::string& name, const std::vector<runtime::ConnectorOffset>& offsets,
                               runtime::Callback<std::string> cb) override;
    void resetConnectorOffsets(const std::string& name, runtime::Callback<std::string> cb) override;
    void validateConnectorConfig(const runtime::ConfigMap& config,
                                 runtime::Callback<runtime::ConfigInfos> cb) override;
    std::vector<runtime::PluginInfo> plugins(bool connectorsOnly) const override;
    runtime::Result<std::vector<runtime::ConfigKeyInfo>>
    pluginConfig(const std::string& plugin) const override;

private:
    struct Connector {
        runtime::ConfigMap config;
        runtime::TargetState target = runtime::TargetState::Started;
        runtime::ConnectorType type = runtime::ConnectorType::Sink;
        int tasks = 1;
        std::vector<runtime::ConnectorOffset> offsets;
    };

    void post(std::function<void()> job);
    void run();
    // Apache's validation of a full config; empty when valid, else the 400 message.
    std::optional<runtime::HerderError> validate(const runtime::ConfigMap& config,
                                                 runtime::ConnectorType& type) const;
    runtime::ConfigInfos infosFor(const runtime::ConfigMap& config) const;
    runtime::ConnectorInfo infoOf(const std::string& name, const Connector& connector) const;
    runtime::ConnectorStateInfo statusOf(const std::string& name, const Connector& connector) const;

    mutable std::mutex m_mutex;
    std::map<std::string, Connector> m_connectors;
    bool m_ready = true;
    bool m_blocked = false;
    std::vector<std::function<void()>> m_parked;

    std::mutex m_queueMutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace connectdesk::testing
