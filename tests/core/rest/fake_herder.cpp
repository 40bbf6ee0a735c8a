#include "fake_herder.h"

#include <QString>

#include <algorithm>

namespace connectdesk::testing {

using namespace runtime;

namespace {

const std::string kSinkClass = "org.apache.kafka.connect.file.FileStreamSinkConnector";
const std::string kSourceClass = "org.apache.kafka.connect.file.FileStreamSourceConnector";
const std::string kVersion = "4.1.1";

// §6: full name, simple name, or the simple name without "Connector".
std::optional<std::string> resolveClass(const std::string& name)
{
    for (const std::string& full : {kSinkClass, kSourceClass}) {
        const std::string simple = full.substr(full.rfind('.') + 1);
        const std::string pruned = simple.substr(0, simple.size() - std::string("Connector").size());
        if (name == full || name == simple || name == pruned)
            return full;
    }
    return std::nullopt;
}

std::string javaMap(const ConfigMap& config)
{
    std::string text = "{";
    for (const auto& [key, value] : config) {
        if (text.size() > 1)
            text += ", ";
        text += key + "=" + value;
    }
    return text + "}";
}

ConfigKeyInfo key(const std::string& name, const std::string& type, bool required,
                  std::optional<std::string> defaultValue, const std::string& group, int order)
{
    ConfigKeyInfo info;
    info.name = name;
    info.type = type;
    info.required = required;
    info.defaultValue = std::move(defaultValue);
    info.importance = "HIGH";
    info.documentation = "Documentation of " + name;
    info.group = group.empty() ? std::nullopt : std::optional<std::string>(group);
    info.orderInGroup = order;
    info.width = "NONE";
    info.displayName = name;
    return info;
}

} // namespace

FakeHerder::FakeHerder() : m_thread([this] { run(); }) {}

FakeHerder::~FakeHerder()
{
    {
        std::lock_guard lock(m_queueMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void FakeHerder::setBlocked(bool blocked)
{
    std::lock_guard lock(m_mutex);
    m_blocked = blocked;
}

void FakeHerder::setReady(bool ready)
{
    std::lock_guard lock(m_mutex);
    m_ready = ready;
}

bool FakeHerder::ready() const
{
    std::lock_guard lock(m_mutex);
    return m_ready;
}

void FakeHerder::releaseParked()
{
    std::vector<std::function<void()>> parked;
    {
        std::lock_guard lock(m_mutex);
        parked.swap(m_parked);
    }
    for (auto& job : parked)
        post(std::move(job));
}

void FakeHerder::post(std::function<void()> job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_blocked) {
            m_parked.push_back(std::move(job));
            return;
        }
    }
    {
        std::lock_guard lock(m_queueMutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void FakeHerder::run()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_queueMutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        job();
    }
}

std::optional<HerderError> FakeHerder::validate(const ConfigMap& config, ConnectorType& type) const
{
    const auto cls = config.find("connector.class");
    if (cls == config.end())
        return HerderError{400, "Connector config " + javaMap(config) + " contains no connector type"};
    const auto full = resolveClass(cls->second);
    if (!full)
        return HerderError{400, "Failed to find any class that implements Connector and which name matches " +
                                    cls->second + ", available connectors are: PluginDesc{klass=class " +
                                    kSinkClass + ", name='" + kSinkClass + "', version='" + kVersion +
                                    "', encodedVersion=" + kVersion +
                                    ", type=sink, typeName='sink', location='classpath'}"};
    type = *full == kSinkClass ? ConnectorType::Sink : ConnectorType::Source;
    const ConfigInfos infos = infosFor(config);
    if (infos.errorCount == 0)
        return std::nullopt;
    std::string message = "Connector configuration is invalid and contains the following " +
                          std::to_string(infos.errorCount) + " error(s):";
    for (const auto& info : infos.configs)
        for (const auto& text : info.value->errors)
            message += "\n" + text;
    message += "\nYou can also find the above list of errors at the endpoint "
               "`/connector-plugins/{connectorType}/config/validate`";
    return HerderError{400, message};
}

ConfigInfos FakeHerder::infosFor(const ConfigMap& config) const
{
    ConfigInfos infos;
    const auto cls = config.find("connector.class");
    infos.name = cls == config.end() ? std::string() : cls->second;
    infos.groups = {"Common", "Transforms", "Predicates", "Error Handling"};
    const auto add = [&](ConfigKeyInfo definition, std::vector<std::string> errors) {
        ConfigValueInfo value;
        value.name = definition.name;
        const auto it = config.find(definition.name);
        if (it != config.end())
            value.value = it->second;
        else
            value.value = definition.defaultValue;
        value.errors = std::move(errors);
        infos.errorCount += static_cast<int>(value.errors.size());
        infos.configs.push_back(ConfigInfo{std::move(definition), std::move(value)});
    };
    std::vector<std::string> nameErrors;
    const auto name = config.find("name");
    if (name == config.end())
        nameErrors.push_back("Missing required configuration \"name\" which has no default value.");
    else if (name->second.empty())
        nameErrors.push_back("Invalid value  for configuration name: String may not be empty");
    add(key("name", "STRING", true, std::nullopt, "Common", 1), nameErrors);
    add(key("connector.class", "STRING", true, std::nullopt, "Common", 2), {});
    std::vector<std::string> taskErrors;
    if (const auto tasks = config.find("tasks.max"); tasks != config.end()) {
        bool ok = false;
        const int count = QString::fromStdString(tasks->second).toInt(&ok);
        if (!ok)
            taskErrors.push_back("Invalid value " + tasks->second +
                                 " for configuration tasks.max: Not a number of type INT");
        else if (count < 1)
            taskErrors.push_back("Invalid value " + tasks->second +
                                 " for configuration tasks.max: Value must be at least 1");
    }
    add(key("tasks.max", "INT", false, "1", "Common", 3), taskErrors);
    add(key("file", "STRING", false, std::nullopt, "", -1), {});
    return infos;
}

ConnectorInfo FakeHerder::infoOf(const std::string& name, const Connector& connector) const
{
    ConnectorInfo info{name, connector.config, {}, connector.type};
    if (connector.target != TargetState::Stopped)
        for (int i = 0; i < connector.tasks; ++i)
            info.tasks.push_back(TaskId{name, i});
    return info;
}

ConnectorStateInfo FakeHerder::statusOf(const std::string& name, const Connector& connector) const
{
    ConnectorStateInfo status;
    status.name = name;
    status.type = connector.type;
    status.connector.workerId = workerId();
    status.connector.version = kVersion;
    switch (connector.target) {
    case TargetState::Started:
        status.connector.state = State::Running;
        break;
    case TargetState::Paused:
        status.connector.state = State::Paused;
        break;
    case TargetState::Stopped:
        status.connector.state = State::Stopped;
        return status; // §5: a stopped connector has no tasks
    }
    for (int i = 0; i < connector.tasks; ++i) {
        TaskStateEntry task;
        task.id = i;
        task.state = status.connector.state;
        task.workerId = workerId();
        task.version = kVersion;
        status.tasks.push_back(task);
    }
    return status;
}

void FakeHerder::connectors(Callback<std::vector<std::string>> cb)
{
    post([this, cb] {
        std::vector<std::string> names;
        {
            std::lock_guard lock(m_mutex);
            for (const auto& entry : m_connectors)
                names.push_back(entry.first);
        }
        cb(Result<std::vector<std::string>>::success(names));
    });
}

#define FAKE_FIND(resultType, message)                                                                       \
    std::unique_lock lock(m_mutex);                                                                          \
    const auto it = m_connectors.find(name);                                                                 \
    if (it == m_connectors.end()) {                                                                          \
        lock.unlock();                                                                                       \
        cb(Result<resultType>::failure(404, message));                                                       \
        return;                                                                                              \
    }

void FakeHerder::connectorInfo(const std::string& name, Callback<ConnectorInfo> cb)
{
    post([this, name, cb] {
        FAKE_FIND(ConnectorInfo, "Connector " + name + " not found")
        const ConnectorInfo info = infoOf(name, it->second);
        lock.unlock();
        cb(Result<ConnectorInfo>::success(info));
    });
}

void FakeHerder::connectorConfig(const std::string& name, Callback<ConfigMap> cb)
{
    post([this, name, cb] {
        FAKE_FIND(ConfigMap, "Connector " + name + " not found")
        const ConfigMap config = it->second.config;
        lock.unlock();
        cb(Result<ConfigMap>::success(config));
    });
}

void FakeHerder::connectorStatus(const std::string& name, Callback<ConnectorStateInfo> cb)
{
    post([this, name, cb] {
        FAKE_FIND(ConnectorStateInfo, "No status found for connector " + name)
        const ConnectorStateInfo status = statusOf(name, it->second);
        lock.unlock();
        cb(Result<ConnectorStateInfo>::success(status));
    });
}

void FakeHerder::taskStatus(const TaskId& id, Callback<TaskStateEntry> cb)
{
    post([this, id, cb] {
        const std::string missing =
            "No status found for task " + id.connector + "-" + std::to_string(id.task);
        std::unique_lock lock(m_mutex);
        const auto it = m_connectors.find(id.connector);
        if (it == m_connectors.end()) {
            lock.unlock();
            cb(Result<TaskStateEntry>::failure(404, missing));
            return;
        }
        const ConnectorStateInfo status = statusOf(id.connector, it->second);
        lock.unlock();
        for (const auto& task : status.tasks) {
            if (task.id == id.task) {
                cb(Result<TaskStateEntry>::success(task));
                return;
            }
        }
        cb(Result<TaskStateEntry>::failure(404, missing));
    });
}

void FakeHerder::taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb)
{
    post([this, name, cb] {
        FAKE_FIND(std::vector<TaskInfo>, "Connector " + name + " not found")
        std::vector<TaskInfo> tasks;
        for (const auto& id : infoOf(name, it->second).tasks) {
            ConfigMap config = it->second.config;
            config["task.class"] = "org.apache.kafka.connect.file.FileStreamSinkTask";
            tasks.push_back(TaskInfo{id, config});
        }
        lock.unlock();
        cb(Result<std::vector<TaskInfo>>::success(tasks));
    });
}

void FakeHerder::putConnectorConfig(const std::string& name, const ConfigMap& config,
                                    std::optional<TargetState> initialState, bool allowReplace,
                                    Callback<PutConfigOutcome> cb)
{
    post([this, name, config, initialState, allowReplace, cb] {
        ConnectorType type = ConnectorType::Unknown;
        if (const auto problem = validate(config, type)) {
            cb(Result<PutConfigOutcome>::failure(problem->status, problem->message));
            return;
        }
        std::unique_lock lock(m_mutex);
        const auto it = m_connectors.find(name);
        if (it != m_connectors.end() && !allowReplace) {
            lock.unlock();
            cb(Result<PutConfigOutcome>::failure(409, "Connector " + name + " already exists"));
            return;
        }
        const bool created = it == m_connectors.end();
        Connector& connector = m_connectors[name];
        connector.config = config;
        connector.type = type;
        const auto tasks = config.find("tasks.max");
        connector.tasks = tasks == config.end() ? 1 : std::stoi(tasks->second);
        if (created && initialState)
            connector.target = *initialState;
        PutConfigOutcome outcome{created, infoOf(name, connector)};
        // A new connector has no tasks yet (§3.3): Apache's create answer shows [].
        if (created)
            outcome.info.tasks.clear();
        lock.unlock();
        cb(Result<PutConfigOutcome>::success(outcome));
    });
}

void FakeHerder::patchConnectorConfig(const std::string& name, const ConfigMap& patch,
                                      Callback<ConnectorInfo> cb)
{
    post([this, name, patch, cb] {
        ConfigMap merged;
        {
            FAKE_FIND(ConnectorInfo, "Connector " + name + " not found")
            merged = it->second.config;
        }
        for (const auto& [k, v] : patch)
            merged[k] = v;
        ConnectorType type = ConnectorType::Unknown;
        if (const auto problem = validate(merged, type)) {
            cb(Result<ConnectorInfo>::failure(problem->status, problem->message));
            return;
        }
        std::unique_lock lock(m_mutex);
        Connector& connector = m_connectors[name];
        connector.config = merged;
        const ConnectorInfo info = infoOf(name, connector);
        lock.unlock();
        cb(Result<ConnectorInfo>::success(info));
    });
}

void FakeHerder::deleteConnector(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        FAKE_FIND(Empty, "Connector " + name + " not found")
        m_connectors.erase(it);
        lock.unlock();
        cb(Result<Empty>::success({}));
    });
}

void FakeHerder::pauseConnector(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        FAKE_FIND(Empty, "Unknown connector " + name)
        it->second.target = TargetState::Paused;
        lock.unlock();
        cb(Result<Empty>::success({}));
    });
}

void FakeHerder::resumeConnector(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        FAKE_FIND(Empty, "Unknown connector " + name)
        it->second.target = TargetState::Started;
        lock.unlock();
        cb(Result<Empty>::success({}));
    });
}

void FakeHerder::stopConnector(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        std::unique_lock lock(m_mutex);
        const auto it = m_connectors.find(name);
        if (it == m_connectors.end()) {
            lock.unlock();
            // §2.5: standalone's stop of an unknown connector is a 500.
            cb(Result<Empty>::failure(500, "No connector `" + name + "` configured"));
            return;
        }
        it->second.target = TargetState::Stopped;
        lock.unlock();
        cb(Result<Empty>::success({}));
    });
}

void FakeHerder::restartConnector(const std::string& name, bool includeTasks, bool onlyFailed,
                                  Callback<RestartOutcome> cb)
{
    post([this, name, includeTasks, onlyFailed, cb] {
        FAKE_FIND(RestartOutcome, "Unknown connector: " + name)
        RestartOutcome outcome;
        if (includeTasks || onlyFailed) {
            ConnectorStateInfo plan = statusOf(name, it->second);
            if (!onlyFailed || plan.connector.state == State::Failed)
                plan.connector.state = State::Restarting;
            for (auto& task : plan.tasks)
                if (includeTasks && (!onlyFailed || task.state == State::Failed))
                    task.state = State::Restarting;
            outcome.status = plan;
        }
        lock.unlock();
        cb(Result<RestartOutcome>::success(outcome));
    });
}

void FakeHerder::restartTask(const TaskId& id, Callback<Empty> cb)
{
    post([this, id, cb] {
        const std::string name = id.connector;
        FAKE_FIND(Empty, "Connector " + name + " not found")
        const bool known =
            it->second.target != TargetState::Stopped && id.task >= 0 && id.task < it->second.tasks;
        lock.unlock();
        if (!known) {
            cb(Result<Empty>::failure(404, "Task " + name + "-" + std::to_string(id.task) + " not found"));
            return;
        }
        cb(Result<Empty>::success({}));
    });
}

void FakeHerder::activeTopics(const std::string&, Callback<std::vector<std::string>> cb)
{
    post([cb] { cb(Result<std::vector<std::string>>::success({})); });
}

void FakeHerder::resetActiveTopics(const std::string&, Callback<Empty> cb)
{
    post([cb] { cb(Result<Empty>::success({})); });
}

void FakeHerder::connectorOffsets(const std::string& name, Callback<std::vector<ConnectorOffset>> cb)
{
    post([this, name, cb] {
        FAKE_FIND(std::vector<ConnectorOffset>, "Connector " + name + " not found")
        const auto offsets = it->second.offsets;
        lock.unlock();
        cb(Result<std::vector<ConnectorOffset>>::success(offsets));
    });
}

void FakeHerder::alterConnectorOffsets(const std::string& name, const std::vector<ConnectorOffset>& offsets,
                                       Callback<std::string> cb)
{
    post([this, name, offsets, cb] {
        FAKE_FIND(std::string, "Connector " + name + " not found")
        if (it->second.target != TargetState::Stopped) {
            lock.unlock();
            cb(Result<std::string>::failure(
                400,
                "Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                "done for the specified connector by issuing a 'PUT' request to the '/connectors/" +
                    name + "/stop' endpoint"));
            return;
        }
        it->second.offsets = offsets;
        lock.unlock();
        cb(Result<std::string>::success("The offsets for this connector have been altered successfully"));
    });
}

void FakeHerder::resetConnectorOffsets(const std::string& name, Callback<std::string> cb)
{
    post([this, name, cb] {
        FAKE_FIND(std::string, "Connector " + name + " not found")
        if (it->second.target != TargetState::Stopped) {
            lock.unlock();
            cb(Result<std::string>::failure(
                400,
                "Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                "done for the specified connector by issuing a 'PUT' request to the '/connectors/" +
                    name + "/stop' endpoint"));
            return;
        }
        it->second.offsets.clear();
        lock.unlock();
        cb(Result<std::string>::success("The offsets for this connector have been reset successfully"));
    });
}

void FakeHerder::validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb)
{
    post([this, config, cb] {
        const auto cls = config.find("connector.class");
        if (cls != config.end() && !resolveClass(cls->second)) {
            ConnectorType ignored;
            const auto problem = validate(config, ignored);
            cb(Result<ConfigInfos>::failure(problem->status, problem->message));
            return;
        }
        cb(Result<ConfigInfos>::success(infosFor(config)));
    });
}

std::vector<PluginInfo> FakeHerder::plugins(bool connectorsOnly) const
{
    std::vector<PluginInfo> list{{kSinkClass, "sink", kVersion}, {kSourceClass, "source", kVersion}};
    if (!connectorsOnly)
        list.push_back({"org.apache.kafka.connect.json.JsonConverter", "converter", kVersion});
    return list;
}

Result<std::vector<ConfigKeyInfo>> FakeHerder::pluginConfig(const std::string& plugin) const
{
    if (!resolveClass(plugin))
        return Result<std::vector<ConfigKeyInfo>>::failure(404, "Unknown plugin " + plugin + ".");
    return Result<std::vector<ConfigKeyInfo>>::success(
        {key("file", "STRING", false, std::nullopt, "", -1),
         key("name", "STRING", true, std::nullopt, "Common", 1),
         key("tasks.max", "INT", false, "1", "Common", 3)});
}

} // namespace connectdesk::testing
