// The herder's public face: every operation the REST API and the cluster client need on the
// connectors of one worker. Implemented by StandaloneHerder; the REST server depends on this only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::runtime {

using ConfigMap = std::map<std::string, std::string>;

// Lifecycle states as Apache writes them in status (spec/connect-rest-api.md §5).
enum class State { Unassigned, Running, Paused, Stopped, Failed, Restarting, Destroyed };
const char* stateName(State state);

// The state a connector is asked to be in; kept across worker restarts.
enum class TargetState { Started, Paused, Stopped };

enum class ConnectorType { Source, Sink, Unknown };
const char* connectorTypeName(ConnectorType type); // "source" | "sink" | "unknown"

struct TaskId {
    std::string connector;
    int task = 0;
    bool operator==(const TaskId&) const = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): false positive of clang-tidy 14 on a defaulted operator<=>
    auto operator<=>(const TaskId&) const = default;
};

struct ConnectorInfo {
    std::string name;
    ConfigMap config; // raw, unresolved, includes "name"
    std::vector<TaskId> tasks;
    ConnectorType type = ConnectorType::Unknown;
};

struct TaskInfo {
    TaskId id;
    ConfigMap config;
};

struct StateEntry {
    State state = State::Unassigned;
    std::string workerId;
    std::string trace; // empty: omitted on the wire
    std::string version;
};

struct TaskStateEntry : StateEntry {
    int id = 0;
};

struct ConnectorStateInfo {
    std::string name;
    StateEntry connector;
    std::vector<TaskStateEntry> tasks; // sorted by id
    ConnectorType type = ConnectorType::Unknown;
};

// Errors carry the HTTP status and the exact message Apache Kafka Connect gives
// (spec/connect-rest-api.md §2.5), so the REST layer maps them in one place.
struct HerderError {
    int status = 500;
    std::string message;
};

template <typename T>
struct Result {
    std::optional<T> value;
    std::optional<HerderError> error;
    bool ok() const { return !error.has_value(); }
    static Result success(T v) { return Result{std::move(v), std::nullopt}; }
    static Result failure(int status, std::string message)
    {
        return Result{std::nullopt, HerderError{status, std::move(message)}};
    }
};

struct Empty {};

// Outcome of POST /connectors/{c}/restart: either nothing to report (204) or the state after
// the restart was requested (202 with a body), spec §4.11.
struct RestartOutcome {
    std::optional<ConnectorStateInfo> status;
};

struct PutConfigOutcome {
    bool created = false;
    ConnectorInfo info;
};

// Config validation result in Apache's ConfigInfos shape (spec §3.8–3.10).
struct ConfigKeyInfo {
    std::string name;
    std::string type; // BOOLEAN STRING INT SHORT LONG DOUBLE LIST CLASS PASSWORD
    bool required = false;
    std::optional<std::string> defaultValue;
    std::string importance = "LOW";
    std::optional<std::string> documentation;
    std::optional<std::string> group;
    int orderInGroup = -1;
    std::string width = "NONE";
    std::string displayName;
    std::vector<std::string> dependents;
};

struct ConfigValueInfo {
    std::string name;
    std::optional<std::string> value;
    std::vector<std::string> recommendedValues;
    std::vector<std::string> errors;
    bool visible = true;
};

struct ConfigInfo {
    std::optional<ConfigKeyInfo> definition;
    std::optional<ConfigValueInfo> value;
};

struct ConfigInfos {
    std::string name;
    int errorCount = 0;
    std::vector<std::string> groups;
    std::vector<ConfigInfo> configs;
};

struct PluginInfo {
    std::string className;
    std::string type; // source sink converter header_converter transformation predicate
    std::string version;
};

// Offsets in the generic REST shape: partition and offset are JSON objects, kept as text so the
// runtime stays free of a JSON DOM in this interface. offsetJson "null" means reset.
struct ConnectorOffset {
    std::string partitionJson;
    std::string offsetJson;
};

// Metric values under Apache's names (spec/connect-data-and-config.md §10), keyed by metric name.
using MetricValues = std::map<std::string, double>;

// One connector's connector-metrics (text values, §10.1) and its per-connector counts of the
// connect-worker-metrics group (§10.6, tag connector).
struct ConnectorMetrics {
    std::string name;
    std::string status;         // lower case: unassigned running paused stopped failed restarting
    std::string connectorType;  // source | sink | unknown
    std::string connectorClass; // as configured
    std::string connectorVersion;
    MetricValues workerGroup; // connector-total-task-count, connector-running-task-count, ...
};

// One task's metrics, by Apache metric group (the JMX type= of kafka.connect:type=<group>,
// connector=<c>,task=<n>): "connector-task-metrics", "source-task-metrics" or "sink-task-metrics",
// "task-error-metrics". Rates, avg and max are over the worker's sample window (§10:
// metrics.sample.window.ms × metrics.num.samples); totals are cumulative since the task started.
struct TaskMetrics {
    TaskId id;
    std::string status; // connector-task-metrics "status", lower case
    ConnectorType type = ConnectorType::Unknown;
    std::map<std::string, MetricValues> groups;
};

struct MetricsReport {
    MetricValues worker;                      // connect-worker-metrics without tags (§10.6)
    std::vector<ConnectorMetrics> connectors; // sorted by name
    std::vector<TaskMetrics> tasks;           // sorted by (connector, task)
};

// All calls are asynchronous: the callback runs exactly once, on a herder thread, never on the
// caller's stack while a herder lock is held. Callers that live on another thread (REST, GUI)
// marshal the result back themselves.
template <typename T>
using Callback = std::function<void(Result<T>)>;

class Herder {
public:
    virtual ~Herder() = default;

    virtual std::string workerId() const = 0;
    virtual std::string kafkaClusterId() const = 0;
    // False while starting up; /health answers 503 until true.
    virtual bool ready() const = 0;

    virtual void connectors(Callback<std::vector<std::string>> cb) = 0;
    virtual void connectorInfo(const std::string& name, Callback<ConnectorInfo> cb) = 0;
    virtual void connectorConfig(const std::string& name, Callback<ConfigMap> cb) = 0;
    virtual void connectorStatus(const std::string& name, Callback<ConnectorStateInfo> cb) = 0;
    virtual void taskStatus(const TaskId& id, Callback<TaskStateEntry> cb) = 0;
    virtual void taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb) = 0;

    // PUT config / POST create. allowReplace=false gives 409 when it exists.
    virtual void putConnectorConfig(const std::string& name, const ConfigMap& config,
                                    std::optional<TargetState> initialState, bool allowReplace,
                                    Callback<PutConfigOutcome> cb) = 0;
    virtual void patchConnectorConfig(const std::string& name, const ConfigMap& patch,
                                      Callback<ConnectorInfo> cb) = 0;
    virtual void deleteConnector(const std::string& name, Callback<Empty> cb) = 0;

    virtual void pauseConnector(const std::string& name, Callback<Empty> cb) = 0;
    virtual void resumeConnector(const std::string& name, Callback<Empty> cb) = 0;
    virtual void stopConnector(const std::string& name, Callback<Empty> cb) = 0;
    virtual void restartConnector(const std::string& name, bool includeTasks, bool onlyFailed,
                                  Callback<RestartOutcome> cb) = 0;
    virtual void restartTask(const TaskId& id, Callback<Empty> cb) = 0;

    virtual void activeTopics(const std::string& name, Callback<std::vector<std::string>> cb) = 0;
    virtual void resetActiveTopics(const std::string& name, Callback<Empty> cb) = 0;

    virtual void connectorOffsets(const std::string& name, Callback<std::vector<ConnectorOffset>> cb) = 0;
    virtual void alterConnectorOffsets(const std::string& name, const std::vector<ConnectorOffset>& offsets,
                                       Callback<std::string> cb) = 0; // message
    virtual void resetConnectorOffsets(const std::string& name, Callback<std::string> cb) = 0;

    virtual void validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) = 0;
    virtual std::vector<PluginInfo> plugins(bool connectorsOnly) const = 0;
    // Config definition of one plugin, by class name or alias; 404 "Unknown plugin <p>." otherwise.
    virtual Result<std::vector<ConfigKeyInfo>> pluginConfig(const std::string& plugin) const = 0;

    // Worker, connector and task metrics (a ConnectDesk extension; Apache exposes them over JMX
    // only). The default answers 404 so herders without metrics (test doubles) need no change.
    // By value like every call here: implementations keep the callback to run it on their thread.
    virtual void metrics(Callback<MetricsReport> cb) // NOLINT(performance-unnecessary-value-param)
    {
        cb(Result<MetricsReport>::failure(404, "Metrics are not available from this worker"));
    }
};

} // namespace connectdesk::runtime
