// The herder of a standalone worker: owns every connector's lifecycle and its tasks, keeps their
// states (spec/connect-rest-api.md §5), persists configs/target states and source offsets, and
// answers the Herder interface asynchronously. All herder state lives on one herder thread;
// connector lifecycle calls run on their own threads with timeouts, so a connector that hangs in
// start/stop/taskConfigs never blocks the herder or other connectors.
#pragma once

#include "runtime/file_offset_store.h"
#include "runtime/herder.h"
#include "runtime/kafka_clients.h"
#include "runtime/plugins.h"
#include "runtime/sink_offsets.h"
#include "runtime/stage_tracker.h"
#include "runtime/standalone_config_store.h"
#include "runtime/worker_config.h"
#include "runtime/worker_task.h"
#include "transforms/transform_registry.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace connectdesk::runtime {

class StandaloneHerder : public Herder {
public:
    struct Options {
        // How long a connector's start/stop/taskConfigs/validate may take before the connector is
        // marked FAILED and the call abandoned on its thread.
        std::chrono::milliseconds connectorCallTimeout{30000};
    };

    // plugins must outlive the herder. bootstrapServers is the resolved address (sandbox or real).
    StandaloneHerder(WorkerConfig config, const Plugins& plugins, std::string workerId,
                     std::string bootstrapServers, std::string kafkaClusterId, Options options);
    StandaloneHerder(WorkerConfig config, const Plugins& plugins, std::string workerId,
                     std::string bootstrapServers, std::string kafkaClusterId);
    ~StandaloneHerder() override;

    // Loads the offsets and connector stores and starts the persisted connectors; messages about
    // unreadable files are returned (and logged). Ready afterwards.
    std::vector<std::string> start();
    // Stops every task and connector, within task.shutdown.graceful.timeout.ms for the tasks.
    void stop();

    std::string workerId() const override { return m_workerId; }
    // Before start() only: the id once the REST listener knows its port (listeners on port 0).
    void setWorkerId(std::string workerId) { m_workerId = std::move(workerId); }
    std::string kafkaClusterId() const override { return m_clusterId; }
    bool ready() const override { return m_ready.load(); }

    void connectors(Callback<std::vector<std::string>> cb) override;
    void connectorInfo(const std::string& name, Callback<ConnectorInfo> cb) override;
    void connectorConfig(const std::string& name, Callback<ConfigMap> cb) override;
    void connectorStatus(const std::string& name, Callback<ConnectorStateInfo> cb) override;
    void taskStatus(const TaskId& id, Callback<TaskStateEntry> cb) override;
    void taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb) override;
    void putConnectorConfig(const std::string& name, const ConfigMap& config,
                            std::optional<TargetState> initialState, bool allowReplace,
                            Callback<PutConfigOutcome> cb) override;
    void patchConnectorConfig(const std::string& name, const ConfigMap& patch,
                              Callback<ConnectorInfo> cb) override;
    void deleteConnector(const std::string& name, Callback<Empty> cb) override;
    void pauseConnector(const std::string& name, Callback<Empty> cb) override;
    void resumeConnector(const std::string& name, Callback<Empty> cb) override;
    void stopConnector(const std::string& name, Callback<Empty> cb) override;
    void restartConnector(const std::string& name, bool includeTasks, bool onlyFailed,
                          Callback<RestartOutcome> cb) override;
    void restartTask(const TaskId& id, Callback<Empty> cb) override;
    void activeTopics(const std::string& name, Callback<std::vector<std::string>> cb) override;
    void resetActiveTopics(const std::string& name, Callback<Empty> cb) override;
    void connectorOffsets(const std::string& name, Callback<std::vector<ConnectorOffset>> cb) override;
    void alterConnectorOffsets(const std::string& name, const std::vector<ConnectorOffset>& offsets,
                               Callback<std::string> cb) override;
    void resetConnectorOffsets(const std::string& name, Callback<std::string> cb) override;
    void validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) override;
    std::vector<PluginInfo> plugins(bool connectorsOnly) const override;
    Result<std::vector<ConfigKeyInfo>> pluginConfig(const std::string& plugin) const override;
    void metrics(Callback<MetricsReport> cb) override;

    // In-process metrics (spec §10): per task (connector-task, source/sink-task, task-error
    // groups) and the worker group. Safe from any thread; blocks only on the herder queue.
    std::map<TaskId, MetricsSnapshot> taskMetrics();
    MetricsSnapshot workerMetrics();

    // What the herder is doing for a connector (empty: for the worker), in Apache's Stage wording,
    // for REST timeout messages (spec REST §2.4). Safe from any thread; never blocks on the herder.
    std::optional<OperationStage> stage(const std::string& connector) const
    {
        return m_stages->lookup(connector);
    }

    struct Connector;
    struct Holder;
    struct TaskSlot;

private:
    class TaskProxy;

    void post(std::function<void()> fn);
    void postDelayed(std::chrono::milliseconds delay, std::function<void()> fn);
    void loop();
    // Runs call on its own thread; then(errorTrace or "") on the herder thread unless the
    // connector's generation changed or the call timed out first.
    void connectorCall(Connector& c, const char* what, const std::function<void(Holder&)>& call,
                       const std::function<void(const std::string& error)>& then);

    // Validation of a config on a detached thread; continuation on the herder thread.
    void validateAsync(const ConfigMap& config,
                       const std::function<void(Result<ConfigInfos>, ConnectorType)>& then);

    Connector* find(const std::string& name);
    // A config as connectors and tasks are handed it: config provider references resolved
    // (spec §4.1). Throws sdk::ConfigException when a provider cannot read its source.
    ConfigMap resolved(const ConfigMap& config, const std::string& connector) const;
    // GET tasks: answered once the connector's task configs are known (or it failed/stopped).
    void answerTaskConfigs(const std::string& name, const Callback<std::vector<TaskInfo>>& cb,
                           std::chrono::steady_clock::time_point deadline);
    void startConnector(Connector& c);
    void reconfigureTasks(Connector& c);
    void startTasks(Connector& c);
    void startTask(Connector& c, int index);
    // Stops tasks without blocking the herder; then runs once they ended or the graceful budget passed.
    void stopTasksAsync(std::vector<std::unique_ptr<TaskSlot>> tasks, std::function<void()> then);
    std::vector<std::unique_ptr<TaskSlot>> takeTasks(Connector& c, std::optional<int> only = std::nullopt);
    void stopConnectorObject(Connector& c, std::function<void()> then);
    void failConnector(Connector& c, const std::string& trace);
    void onTaskState(const std::string& connector, int task, std::uint64_t taskGeneration, State state,
                     const std::string& trace);
    ConnectorStateInfo statusOf(const Connector& c) const;
    // On the herder thread: the whole MetricsReport (spec §10).
    MetricsReport buildMetrics() const;
    ConnectorInfo infoOf(const Connector& c) const;
    bool persistTarget(Connector& c, TargetState target, std::string* error);
    // pauseConnector / resumeConnector: target is Paused or Started.
    void pauseOrResume(const std::string& name, TargetState target, const Callback<Empty>& cb);
    // The connector whose offsets an alter/reset request may change (spec REST §2.5: it must be
    // STOPPED with no tasks); otherwise answers cb with 404/400 and returns nullptr.
    Connector* findStoppedForOffsets(const std::string& name, const Callback<std::string>& cb);
    // KIP-875 for a stopped sink: alter (changes) or reset (nullopt) its consumer group's committed
    // offsets through the Admin API, off the herder thread.
    void modifySinkOffsets(Connector& c, const std::optional<SinkOffsetChanges>& changes,
                           const Callback<std::string>& cb);

    WorkerConfig m_config;
    const Plugins& m_plugins;
    std::string m_workerId;
    std::string m_bootstrap;
    std::string m_clusterId;
    Options m_options;
    FileOffsetStore m_offsets;
    StandaloneConfigStore m_store;
    transforms::TransformRegistry m_transforms = transforms::TransformRegistry::withBuiltins();
    std::atomic<bool> m_ready{false};
    // Shared with connector-call threads, which may outlive the herder when a call hangs.
    std::shared_ptr<StageTracker> m_stages = std::make_shared<StageTracker>();

    std::mutex m_queueMutex;
    std::condition_variable m_queueCv;
    std::deque<std::function<void()>> m_queue;
    std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> m_timers;
    bool m_quit = false;
    std::thread m_thread;

    std::map<std::string, std::unique_ptr<Connector>> m_connectors;
    std::uint64_t m_nextGeneration = 1;
    // Tasks asked to stop that have not finished yet (stopTasksAsync): kept alive until their thread
    // ends, then destroyed on a thread of their own. They point into this herder (m_config, m_offsets,
    // m_transforms), so stop() waits for them within the shutdown budget; once it has given up, the
    // ones still running are abandoned when they end, never destroyed.
    struct StoppingTasks {
        std::mutex mutex;
        std::condition_variable finished;
        std::atomic<int> count{0};
        bool herderGone = false; // under mutex
    };
    std::shared_ptr<StoppingTasks> m_stoppingTasks = std::make_shared<StoppingTasks>();

    // connect-worker-metrics counters (herder thread only).
    double m_connectorStartupAttempts = 0;
    double m_connectorStartupSuccess = 0;
    double m_connectorStartupFailure = 0;
    double m_taskStartupAttempts = 0;
    double m_taskStartupSuccess = 0;
    double m_taskStartupFailure = 0;
};

} // namespace connectdesk::runtime
