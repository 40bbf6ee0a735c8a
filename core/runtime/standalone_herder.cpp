#include "runtime/standalone_herder.h"

#include "runtime/config_providers.h"
#include "runtime/connector_config.h"
#include "runtime/logging.h"
#include "runtime/offset_json.h"
#include "runtime/sink_offsets.h"
#include "runtime/task_setup.h"
#include "runtime/topic_creation.h"
#include "runtime/worker_sink_task.h"
#include "runtime/worker_source_task.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/sink_connector.h>
#include <connectdesk/sdk/source_connector.h>

#include <algorithm>
#include <cctype>
#include <future>
#include <set>

namespace connectdesk::runtime {

using Clock = std::chrono::steady_clock;

// Budget of each admin request behind the offsets endpoints.
constexpr std::chrono::milliseconds kOffsetsAdminTimeout{30000};

namespace {

// Apache's wording when no plugin on plugin.path provides the task class.
[[noreturn]] void throwTaskClassNotFound(const char* kind, const std::string& taskClass)
{
    throw sdk::ConnectException("Failed to find any class that implements " + std::string(kind) +
                                " and which name matches " + taskClass);
}

// A handle other threads use to post to the herder; detached once the herder is gone, so a
// connector call that returns late (after a timeout, after shutdown) posts into nothing.
struct Link {
    std::mutex mutex;
    std::function<void(std::function<void()>)> post;
    void send(std::function<void()> fn)
    {
        std::lock_guard lock(mutex);
        if (post) {
            post(std::move(fn));
        }
    }
};

std::shared_ptr<Link>& linkOf(const void* herder)
{
    static std::mutex mutex;
    static std::map<const void*, std::shared_ptr<Link>> links;
    std::lock_guard lock(mutex);
    auto& l = links[herder];
    if (!l) {
        l = std::make_shared<Link>();
    }
    return l;
}

sdk::ConfigMap toSdk(const ConfigMap& m)
{
    return sdk::ConfigMap(m.begin(), m.end());
}

ConfigMap fromSdk(const sdk::ConfigMap& m)
{
    return ConfigMap(m.begin(), m.end());
}

// java.util.AbstractMap.toString of the config, as in Apache's "contains no connector type".
std::string javaMapText(const ConfigMap& m)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : m) {
        if (!first)
            out += ", ";
        out += k;
        out += '=';
        out += v;
        first = false;
    }
    return out + "}";
}

ConnectorType typeOf(const Plugins::ConnectorEntry* e)
{
    if (e == nullptr) {
        return ConnectorType::Unknown;
    }
    return e->plugin.kind == sdk::ConnectorKind::Source ? ConnectorType::Source : ConnectorType::Sink;
}

} // namespace

struct StandaloneHerder::Holder : public sdk::SourceConnectorContext,
                                  public sdk::SinkConnectorContext,
                                  public sdk::OffsetStorageReader {
    std::unique_ptr<sdk::Connector> connector;
    std::mutex callMutex;
    std::shared_ptr<Link> link;
    std::function<void()> onReconfigure;
    std::function<void(std::string)> onError;
    FileOffsetStore* offsets = nullptr;
    std::string name;
    bool started = false;

    void requestTaskReconfiguration() override { link->send(onReconfigure); }
    void raiseError(const std::string& message) override
    {
        auto f = onError;
        link->send([f, message] { f("org.apache.kafka.connect.errors.ConnectException: " + message); });
    }
    sdk::OffsetStorageReader& offsetStorageReader() override { return *this; }
    std::optional<sdk::OffsetMap> offset(const sdk::OffsetMap& partition) override
    {
        return offsets->get(name, partition);
    }
};

class StandaloneHerder::TaskProxy : public TaskStatusListener {
public:
    TaskProxy(std::shared_ptr<Link> link, StandaloneHerder* herder, std::string connector, int task,
              std::uint64_t generation)
        : m_link(std::move(link)), m_herder(herder), m_connector(std::move(connector)), m_task(task),
          m_generation(generation)
    {
    }
    void onTaskStartup(const TaskId&) override { send(State::Running, {}); }
    void onTaskPause(const TaskId&) override { send(State::Paused, {}); }
    void onTaskResume(const TaskId&) override { send(State::Running, {}); }
    void onTaskFailure(const TaskId&, const std::string& trace) override { send(State::Failed, trace); }
    void onTaskShutdown(const TaskId&) override { send(State::Unassigned, {}); }

private:
    void send(State s, const std::string& trace)
    {
        auto* h = m_herder;
        m_link->send([h, c = m_connector, t = m_task, g = m_generation, s, trace] {
            h->onTaskState(c, t, g, s, trace);
        });
    }
    std::shared_ptr<Link> m_link;
    StandaloneHerder* m_herder;
    std::string m_connector;
    int m_task;
    std::uint64_t m_generation;
};

struct StandaloneHerder::TaskSlot {
    std::unique_ptr<TaskProxy> proxy; // declared first: destroyed after the task
    std::unique_ptr<WorkerTask> task;
    std::uint64_t generation = 0;
    bool reportedStartup = false;
};

struct StandaloneHerder::Connector {
    std::string name;
    ConfigMap config;
    TargetState target = TargetState::Started;
    ConnectorType type = ConnectorType::Unknown;
    const Plugins::ConnectorEntry* plugin = nullptr;
    std::uint64_t generation = 0;
    std::shared_ptr<Holder> holder;
    StateEntry state;
    std::vector<ConfigMap> taskConfigs;
    std::vector<std::unique_ptr<TaskSlot>> tasks; // index = task id
    std::map<int, TaskStateEntry> taskStates;
    std::set<std::string> topics;
    // The running instance has generated its task configs (GET tasks waits for that, §2.4).
    bool tasksKnown = false;
};

StandaloneHerder::StandaloneHerder(WorkerConfig config, const Plugins& plugins, std::string workerId,
                                   std::string bootstrapServers, std::string kafkaClusterId)
    : StandaloneHerder(std::move(config), plugins, std::move(workerId), std::move(bootstrapServers),
                       std::move(kafkaClusterId), Options{})
{
}

StandaloneHerder::StandaloneHerder(WorkerConfig config, const Plugins& plugins, std::string workerId,
                                   std::string bootstrapServers, std::string kafkaClusterId, Options options)
    : m_config(std::move(config)), m_plugins(plugins), m_workerId(std::move(workerId)),
      m_bootstrap(std::move(bootstrapServers)), m_clusterId(std::move(kafkaClusterId)), m_options(options),
      m_offsets(m_config.offsetStorageFile), m_store(m_config.connectorStorageFile)
{
    auto link = linkOf(this);
    {
        std::lock_guard lock(link->mutex);
        link->post = [this](std::function<void()> fn) { post(std::move(fn)); };
    }
    m_thread = std::thread([this] { loop(); });
}

StandaloneHerder::~StandaloneHerder()
{
    stop();
    {
        auto link = linkOf(this);
        std::lock_guard lock(link->mutex);
        link->post = nullptr;
    }
    {
        std::lock_guard lock(m_queueMutex);
        m_quit = true;
    }
    m_queueCv.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void StandaloneHerder::post(std::function<void()> fn)
{
    {
        std::lock_guard lock(m_queueMutex);
        m_queue.push_back(std::move(fn));
    }
    m_queueCv.notify_all();
}

void StandaloneHerder::postDelayed(std::chrono::milliseconds delay, std::function<void()> fn)
{
    {
        std::lock_guard lock(m_queueMutex);
        m_timers.emplace(Clock::now() + delay, std::move(fn));
    }
    m_queueCv.notify_all();
}

void StandaloneHerder::loop()
{
    auto log = areaLogger("herder");
    std::unique_lock lock(m_queueMutex);
    while (true) {
        const auto now = Clock::now();
        while (!m_timers.empty() && m_timers.begin()->first <= now) {
            m_queue.push_back(std::move(m_timers.begin()->second));
            m_timers.erase(m_timers.begin());
        }
        if (!m_queue.empty()) {
            auto fn = std::move(m_queue.front());
            m_queue.pop_front();
            lock.unlock();
            try {
                fn();
            } catch (...) {
                log->error("Herder operation failed: {}", currentExceptionTrace());
            }
            lock.lock();
            continue;
        }
        if (m_quit) {
            return;
        }
        if (m_timers.empty()) {
            m_queueCv.wait(lock);
        } else {
            m_queueCv.wait_until(lock, m_timers.begin()->first);
        }
    }
}

StandaloneHerder::Connector* StandaloneHerder::find(const std::string& name)
{
    auto it = m_connectors.find(name);
    return it == m_connectors.end() ? nullptr : it->second.get();
}

ConfigMap StandaloneHerder::resolved(const ConfigMap& config, const std::string& connector) const
{
    return m_config.configProviders ? m_config.configProviders->transform(config, connector) : config;
}

std::vector<std::string> StandaloneHerder::start()
{
    std::vector<std::string> messages;
    if (auto m = m_offsets.load(); !m.empty()) {
        messages.push_back(m);
    }
    if (auto m = m_store.load(); !m.empty()) {
        messages.push_back(m);
    }
    auto log = areaLogger("herder");
    for (const auto& m : messages) {
        log->warn("{}", m);
    }
    std::promise<void> done;
    auto fut = done.get_future();
    post([this, &done] {
        for (const auto& [name, stored] : m_store.connectors()) {
            auto c = std::make_unique<Connector>();
            c->name = name;
            c->config = stored.config;
            c->target = stored.targetState;
            std::string error;
            c->plugin = m_plugins.findConnector(
                stored.config.count("connector.class") ? stored.config.at("connector.class") : std::string(),
                &error);
            c->type = typeOf(c->plugin);
            c->state.workerId = m_workerId;
            auto& ref = *c;
            m_connectors[name] = std::move(c);
            if (ref.plugin == nullptr) {
                failConnector(ref, "org.apache.kafka.connect.errors.ConnectException: " + error);
                continue;
            }
            startConnector(ref);
        }
        m_ready = true;
        done.set_value();
    });
    fut.wait();
    log->info("Standalone herder started with {} connector(s) restored from {}", m_store.connectors().size(),
              m_store.path());
    return messages;
}

void StandaloneHerder::stop()
{
    if (!m_thread.joinable()) {
        return;
    }
    auto log = areaLogger("herder");
    std::promise<std::vector<std::unique_ptr<TaskSlot>>> tasksPromise;
    auto tasksFuture = tasksPromise.get_future();
    std::vector<std::shared_ptr<Holder>> holders;
    post([&] {
        m_ready = false;
        std::vector<std::unique_ptr<TaskSlot>> all;
        for (auto& [name, c] : m_connectors) {
            auto t = takeTasks(*c);
            for (auto& s : t) {
                all.push_back(std::move(s));
            }
            if (c->holder) {
                holders.push_back(std::exchange(c->holder, nullptr));
            }
            c->generation = 0;
        }
        tasksPromise.set_value(std::move(all));
    });
    auto tasks = tasksFuture.get();
    // task.shutdown.graceful.timeout.ms is the total budget for all tasks, waited sequentially
    // (spec §4.1).
    for (auto& s : tasks) {
        s->task->stop();
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(m_config.taskShutdownGracefulTimeoutMs);
    std::vector<std::unique_ptr<TaskSlot>> hung;
    for (auto& s : tasks) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (!s->task->awaitStop(std::max(left, std::chrono::milliseconds(0)))) {
            log->error("Graceful stop of task {}-{} failed", s->task->id().connector, s->task->id().task);
            hung.push_back(std::move(s));
        }
    }
    tasks.clear();
    // Tasks that did not stop in time are left running on their threads, never destroyed under them.
    for (auto& s : hung) {
        // Deliberately leaked: the slot must outlive its still-running task thread.
        (void)s.release();
    }
    // Tasks of connectors deleted, stopped or restarted just before finish on threads of their own
    // (stopTasksAsync) and point into this herder: they get what is left of the same budget.
    {
        auto& stopping = *m_stoppingTasks;
        std::unique_lock lock(stopping.mutex);
        if (!stopping.finished.wait_until(lock, deadline, [&] { return stopping.count.load() == 0; })) {
            log->error("{} task(s) of deleted or reconfigured connectors did not stop in time; abandoned",
                       stopping.count.load());
        }
        stopping.herderGone = true;
    }
    for (auto& h : holders) {
        if (!h->started) {
            continue;
        }
        auto done = std::make_shared<std::promise<void>>();
        auto f = done->get_future();
        std::thread([h, done] {
            std::lock_guard lock(h->callMutex);
            try {
                h->connector->stop();
            } catch (...) {
            }
            done->set_value();
        }).detach();
        if (f.wait_for(std::chrono::milliseconds(m_config.taskShutdownGracefulTimeoutMs)) !=
            std::future_status::ready) {
            log->error("Connector {} did not stop in time; abandoned", h->name);
        }
    }
}

void StandaloneHerder::connectorCall(Connector& c, const char* what, const std::function<void(Holder&)>& call,
                                     const std::function<void(const std::string&)>& then)
{
    auto holder = c.holder;
    const auto generation = c.generation;
    const std::string name = c.name;
    auto done = std::make_shared<std::atomic<bool>>(false);
    auto link = linkOf(this);
    auto guarded = [this, name, generation, then](const std::string& error) {
        Connector* cc = find(name);
        if (cc != nullptr && cc->generation == generation) {
            then(error);
        }
    };
    if (!holder) {
        post([guarded] {
            guarded("org.apache.kafka.connect.errors.ConnectException: connector not instantiated");
        });
        return;
    }
    // Apache's stage wording (spec REST §2.4), visible to REST timeouts while the call runs.
    const std::string description = std::string(what) == "start" ? "starting the connector"
                                    : std::string(what) == "taskConfigs"
                                        ? "generating task configs for the connector"
                                        : std::string("calling ") + what + " on the connector";
    auto stages = m_stages;
    const auto stageId = stages->begin(name, description);
    std::thread([holder, call, done, link, guarded, stages, stageId] {
        std::string error;
        {
            std::lock_guard lock(holder->callMutex);
            try {
                call(*holder);
            } catch (...) {
                error = currentExceptionTrace();
            }
        }
        stages->complete(stageId);
        if (!done->exchange(true)) {
            link->send([guarded, error] { guarded(error); });
        }
    }).detach();
    const auto timeout = m_options.connectorCallTimeout;
    postDelayed(timeout, [this, done, guarded, name, generation, what, timeout] {
        if (done->exchange(true)) {
            return;
        }
        // Abandon the hung instance: a later restart creates a fresh one.
        if (Connector* cc = find(name); cc != nullptr && cc->generation == generation) {
            cc->holder.reset();
        }
        guarded("org.apache.kafka.connect.errors.ConnectException: Connector " + name + " did not complete " +
                what + " within " + std::to_string(timeout.count()) + " ms");
    });
}

void StandaloneHerder::failConnector(Connector& c, const std::string& trace)
{
    areaLogger("herder")->error("[{}] Connector failed: {}", c.name, trace);
    c.state.state = State::Failed;
    c.state.trace = trace;
    c.state.workerId = m_workerId;
}

void StandaloneHerder::startConnector(Connector& c)
{
    c.generation = m_nextGeneration++;
    c.tasksKnown = false;
    c.state =
        StateEntry{State::Unassigned, m_workerId, {}, c.plugin ? c.plugin->plugin.version : std::string()};
    if (c.target == TargetState::Stopped) {
        // KIP-875: a stopped connector has no connector instance and no tasks.
        c.state.state = State::Stopped;
        c.taskConfigs.clear();
        c.holder.reset();
        return;
    }
    ++m_connectorStartupAttempts;
    sdk::ConfigMap config;
    try {
        config = toSdk(resolved(c.config, c.name));
    } catch (...) {
        ++m_connectorStartupFailure;
        failConnector(c, currentExceptionTrace());
        return;
    }
    auto holder = std::make_shared<Holder>();
    holder->link = linkOf(this);
    holder->offsets = &m_offsets;
    holder->name = c.name;
    const auto generation = c.generation;
    const std::string name = c.name;
    holder->onReconfigure = [this, name, generation] {
        if (Connector* cc = find(name); cc != nullptr && cc->generation == generation) {
            reconfigureTasks(*cc);
        }
    };
    holder->onError = [this, name, generation](const std::string& trace) {
        if (Connector* cc = find(name); cc != nullptr && cc->generation == generation) {
            failConnector(*cc, trace);
        }
    };
    try {
        holder->connector = c.plugin->plugin.create();
    } catch (...) {
        ++m_connectorStartupFailure;
        failConnector(c, currentExceptionTrace());
        return;
    }
    if (!holder->connector) {
        ++m_connectorStartupFailure;
        failConnector(
            c, "org.apache.kafka.connect.errors.ConnectException: plugin returned no connector instance");
        return;
    }
    if (c.type == ConnectorType::Source) {
        holder->connector->initialize(static_cast<sdk::SourceConnectorContext&>(*holder));
    } else {
        holder->connector->initialize(static_cast<sdk::SinkConnectorContext&>(*holder));
    }
    c.holder = holder;
    connectorCall(
        c, "start",
        [config](Holder& h) {
            h.connector->start(config);
            h.started = true;
        },
        [this, name](const std::string& error) {
            Connector* cc = find(name);
            if (!error.empty()) {
                ++m_connectorStartupFailure;
                failConnector(*cc, error);
                return;
            }
            ++m_connectorStartupSuccess;
            cc->state.state = cc->target == TargetState::Paused ? State::Paused : State::Running;
            cc->state.trace.clear();
            areaLogger("herder")->info("[{}] Connector started ({})", name, stateName(cc->state.state));
            reconfigureTasks(*cc);
        });
}

void StandaloneHerder::reconfigureTasks(Connector& c)
{
    if (c.target == TargetState::Stopped || c.state.state == State::Failed || !c.holder) {
        return;
    }
    int tasksMax = 1;
    bool enforce = true;
    try {
        const auto parsed = ConnectorConfig::parse(c.type, resolved(c.config, c.name));
        tasksMax = parsed.tasksMax;
        enforce = parsed.tasksMaxEnforce;
    } catch (...) {
        failConnector(c, currentExceptionTrace());
        return;
    }
    auto out = std::make_shared<std::pair<std::vector<ConfigMap>, std::string>>();
    const std::string name = c.name;
    connectorCall(
        c, "taskConfigs",
        [out, tasksMax](Holder& h) {
            for (const auto& t : h.connector->taskConfigs(tasksMax)) {
                out->first.push_back(fromSdk(t));
            }
            out->second = h.connector->taskClass();
        },
        [this, name, out, tasksMax, enforce](const std::string& error) {
            Connector* cc = find(name);
            if (!error.empty()) {
                failConnector(*cc, error);
                return;
            }
            auto configs = out->first;
            cc->tasksKnown = true;
            if (static_cast<int>(configs.size()) > tasksMax) {
                if (enforce) {
                    failConnector(
                        *cc, "org.apache.kafka.connect.errors.TooManyTasksException: The connector " + name +
                                 " has generated " + std::to_string(configs.size()) +
                                 " tasks, which is greater than " + std::to_string(tasksMax) +
                                 ", the maximum number of tasks it is configured to create. This behaviour "
                                 "should be considered a bug and is disallowed. If necessary, it can be "
                                 "permitted by reconfiguring the connector with 'tasks.max.enforce' set to "
                                 "false; however, this option will be removed in a future release of Kafka "
                                 "Connect.");
                    return;
                }
                areaLogger("herder")->warn("[{}] Connector generated {} task configs, more than tasks.max={}",
                                           name, configs.size(), tasksMax);
            }
            for (auto& t : configs) {
                // Worker.connectorTaskConfigs: task.class, and the sink's topics (spec §5.1).
                t["task.class"] = out->second;
                if (cc->type == ConnectorType::Sink) {
                    for (const char* k : {"topics", "topics.regex"}) {
                        if (auto it = cc->config.find(k); it != cc->config.end()) {
                            t[k] = it->second;
                        }
                    }
                }
                // Stored and shown task configs keep the provider references the connector was
                // handed resolved (AbstractHerder.reverseTransform); tasks resolve them on start.
                t = ConfigProviders::reverseTransform(cc->config, std::move(t));
            }
            const bool allAlive =
                std::all_of(cc->tasks.begin(), cc->tasks.end(), [](const auto& s) { return s != nullptr; }) &&
                cc->tasks.size() == configs.size();
            if (configs == cc->taskConfigs && allAlive) {
                return;
            }
            cc->taskConfigs = configs;
            const auto generation = cc->generation;
            stopTasksAsync(takeTasks(*cc), [this, name, generation] {
                Connector* c2 = find(name);
                if (c2 != nullptr && c2->generation == generation) {
                    startTasks(*c2);
                }
            });
        });
}

std::vector<std::unique_ptr<StandaloneHerder::TaskSlot>> StandaloneHerder::takeTasks(Connector& c,
                                                                                     std::optional<int> only)
{
    std::vector<std::unique_ptr<TaskSlot>> out;
    for (std::size_t i = 0; i < c.tasks.size(); ++i) {
        if (only && static_cast<int>(i) != *only) {
            continue;
        }
        if (c.tasks[i]) {
            out.push_back(std::move(c.tasks[i]));
        }
    }
    if (!only) {
        c.tasks.clear();
        c.taskStates.clear();
    }
    return out;
}

void StandaloneHerder::stopTasksAsync(std::vector<std::unique_ptr<TaskSlot>> tasks,
                                      std::function<void()> then)
{
    if (tasks.empty()) {
        post(std::move(then));
        return;
    }
    for (auto& s : tasks) {
        s->task->stop();
    }
    auto shared = std::make_shared<std::vector<std::unique_ptr<TaskSlot>>>(std::move(tasks));
    auto link = linkOf(this);
    auto stopping = m_stoppingTasks;
    const auto budget = std::chrono::milliseconds(m_config.taskShutdownGracefulTimeoutMs);
    ++stopping->count;
    std::thread([shared, link, then, budget, stopping] {
        const auto deadline = Clock::now() + budget;
        for (auto& s : *shared) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            s->task->awaitStop(std::max(left, std::chrono::milliseconds(0)));
        }
        link->send(then);
        // Past the budget the herder moves on; a task still running is destroyed only once its
        // thread has really finished.
        for (auto& s : *shared) {
            while (!s->task->awaitStop(std::chrono::seconds(1))) {
            }
        }
        {
            // Destroyed under the lock, so stop() never returns while one is being destroyed.
            std::lock_guard lock(stopping->mutex);
            if (stopping->herderGone) {
                // What the tasks point into is gone with the herder: abandoned, like hung tasks.
                for (auto& s : *shared) {
                    (void)s.release();
                }
            }
            shared->clear();
            --stopping->count;
        }
        stopping->finished.notify_all();
    }).detach();
}

void StandaloneHerder::startTasks(Connector& c)
{
    c.tasks.resize(c.taskConfigs.size());
    for (std::size_t i = 0; i < c.taskConfigs.size(); ++i) {
        if (!c.tasks[i]) {
            startTask(c, static_cast<int>(i));
        }
    }
}

void StandaloneHerder::startTask(Connector& c, int index)
{
    ++m_taskStartupAttempts;
    auto& st = c.taskStates[index];
    st.id = index;
    st.workerId = m_workerId;
    st.version = c.plugin ? c.plugin->plugin.version : std::string();
    st.trace.clear();
    st.state = State::Unassigned;
    try {
        TaskSetup setup;
        setup.id = TaskId{c.name, index};
        setup.connector = ConnectorConfig::parse(c.type, resolved(c.config, c.name));
        setup.taskConfig = resolved(c.taskConfigs.at(static_cast<std::size_t>(index)), c.name);
        setup.worker = &m_config;
        setup.bootstrapServers = m_bootstrap;
        setup.plugins = &m_plugins;
        setup.offsets = &m_offsets;
        setup.transforms = &m_transforms;
        const std::string taskClass = setup.taskConfig["task.class"];
        auto slot = std::make_unique<TaskSlot>();
        slot->generation = m_nextGeneration++;
        slot->proxy = std::make_unique<TaskProxy>(linkOf(this), this, c.name, index, slot->generation);
        const TargetState initial =
            c.target == TargetState::Paused ? TargetState::Paused : TargetState::Started;
        if (c.type == ConnectorType::Source) {
            auto task = m_plugins.newSourceTask(taskClass);
            if (!task) {
                throwTaskClassNotFound("SourceTask", taskClass);
            }
            slot->task =
                std::make_unique<WorkerSourceTask>(std::move(setup), std::move(task), *slot->proxy, initial);
        } else {
            auto task = m_plugins.newSinkTask(taskClass);
            if (!task) {
                throwTaskClassNotFound("SinkTask", taskClass);
            }
            slot->task =
                std::make_unique<WorkerSinkTask>(std::move(setup), std::move(task), *slot->proxy, initial);
        }
        if (c.tasks.size() <= static_cast<std::size_t>(index)) {
            c.tasks.resize(static_cast<std::size_t>(index) + 1);
        }
        slot->task->start();
        c.tasks[static_cast<std::size_t>(index)] = std::move(slot);
    } catch (...) {
        ++m_taskStartupFailure;
        st.state = State::Failed;
        st.trace = currentExceptionTrace();
        areaLogger("herder")->error("[{}|task-{}] Failed to start task: {}", c.name, index, st.trace);
    }
}

void StandaloneHerder::onTaskState(const std::string& connector, int task, std::uint64_t generation,
                                   State state, const std::string& trace)
{
    Connector* c = find(connector);
    if (c == nullptr || task < 0 || static_cast<std::size_t>(task) >= c->tasks.size() ||
        !c->tasks[static_cast<std::size_t>(task)] ||
        c->tasks[static_cast<std::size_t>(task)]->generation != generation) {
        return; // a task instance that has since been replaced or removed
    }
    auto& slot = *c->tasks[static_cast<std::size_t>(task)];
    auto& st = c->taskStates[task];
    if (!slot.reportedStartup &&
        (state == State::Running || state == State::Paused || state == State::Failed)) {
        slot.reportedStartup = true;
        state == State::Failed ? ++m_taskStartupFailure : ++m_taskStartupSuccess;
    }
    if (st.state == State::Failed && state == State::Unassigned) {
        return; // keep the failure (and its trace) until restarted
    }
    st.state = state;
    st.trace = trace;
}

ConnectorStateInfo StandaloneHerder::statusOf(const Connector& c) const
{
    ConnectorStateInfo info;
    info.name = c.name;
    info.connector = c.state;
    info.type = c.type;
    if (c.target != TargetState::Stopped) {
        for (const auto& [id, st] : c.taskStates) {
            info.tasks.push_back(st);
        }
    }
    return info;
}

ConnectorInfo StandaloneHerder::infoOf(const Connector& c) const
{
    ConnectorInfo info;
    info.name = c.name;
    info.config = c.config;
    info.type = c.type;
    if (c.target != TargetState::Stopped) {
        for (std::size_t i = 0; i < c.taskConfigs.size(); ++i) {
            info.tasks.push_back({c.name, static_cast<int>(i)});
        }
    }
    return info;
}

bool StandaloneHerder::persistTarget(Connector& c, TargetState target, std::string* error)
{
    if (!m_store.setTargetState(c.name, target, error)) {
        return false;
    }
    c.target = target;
    return true;
}

void StandaloneHerder::connectors(Callback<std::vector<std::string>> cb)
{
    post([this, cb] {
        std::vector<std::string> names;
        for (const auto& [n, c] : m_connectors) {
            names.push_back(n);
        }
        cb(Result<std::vector<std::string>>::success(names));
    });
}

void StandaloneHerder::connectorInfo(const std::string& name, Callback<ConnectorInfo> cb)
{
    post([this, name, cb] {
        const Connector* c = find(name);
        c ? cb(Result<ConnectorInfo>::success(infoOf(*c)))
          : cb(Result<ConnectorInfo>::failure(404, "Connector " + name + " not found"));
    });
}

void StandaloneHerder::connectorConfig(const std::string& name, Callback<ConfigMap> cb)
{
    post([this, name, cb] {
        const Connector* c = find(name);
        c ? cb(Result<ConfigMap>::success(c->config))
          : cb(Result<ConfigMap>::failure(404, "Connector " + name + " not found"));
    });
}

void StandaloneHerder::connectorStatus(const std::string& name, Callback<ConnectorStateInfo> cb)
{
    post([this, name, cb] {
        const Connector* c = find(name);
        c ? cb(Result<ConnectorStateInfo>::success(statusOf(*c)))
          : cb(Result<ConnectorStateInfo>::failure(404, "No status found for connector " + name));
    });
}

void StandaloneHerder::taskStatus(const TaskId& id, Callback<TaskStateEntry> cb)
{
    post([this, id, cb] {
        const Connector* c = find(id.connector);
        if (c != nullptr && c->target != TargetState::Stopped) {
            if (auto it = c->taskStates.find(id.task); it != c->taskStates.end()) {
                cb(Result<TaskStateEntry>::success(it->second));
                return;
            }
        }
        cb(Result<TaskStateEntry>::failure(404, "No status found for task " + id.connector + "-" +
                                                    std::to_string(id.task)));
    });
}

void StandaloneHerder::taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb)
{
    const auto deadline = Clock::now() + 2 * m_options.connectorCallTimeout + std::chrono::seconds(1);
    post([this, name, cb, deadline] { answerTaskConfigs(name, cb, deadline); });
}

void StandaloneHerder::answerTaskConfigs(const std::string& name, const Callback<std::vector<TaskInfo>>& cb,
                                         Clock::time_point deadline)
{
    const Connector* c = find(name);
    if (c == nullptr) {
        cb(Result<std::vector<TaskInfo>>::failure(404, "Connector " + name + " not found"));
        return;
    }
    // A connector still starting has no task configs yet: the answer needs that stage to end,
    // and a REST timeout meanwhile names it (spec REST §2.4). Re-checked on the herder thread.
    const bool settling = c->target != TargetState::Stopped && c->state.state != State::Failed &&
                          c->plugin != nullptr && !c->tasksKnown;
    if (settling && Clock::now() < deadline) {
        postDelayed(std::chrono::milliseconds(20),
                    [this, name, cb, deadline] { answerTaskConfigs(name, cb, deadline); });
        return;
    }
    std::vector<TaskInfo> out;
    if (c->target != TargetState::Stopped) {
        for (std::size_t i = 0; i < c->taskConfigs.size(); ++i) {
            out.push_back({{name, static_cast<int>(i)}, c->taskConfigs[i]});
        }
    }
    cb(Result<std::vector<TaskInfo>>::success(out));
}

void StandaloneHerder::validateAsync(const ConfigMap& config,
                                     const std::function<void(Result<ConfigInfos>, ConnectorType)>& then)
{
    auto it = config.find("connector.class");
    if (it == config.end() || it->second.empty()) {
        post([then, config] {
            then(Result<ConfigInfos>::failure(400, "Connector config " + javaMapText(config) +
                                                       " contains no connector type"),
                 ConnectorType::Unknown);
        });
        return;
    }
    std::string error;
    const Plugins::ConnectorEntry* entry = m_plugins.findConnector(it->second, &error);
    if (entry == nullptr) {
        // 400 as Connect 4.1+ answers (≤4.0 gave 500), spec REST §2.5.
        post([then, error] { then(Result<ConfigInfos>::failure(400, error), ConnectorType::Unknown); });
        return;
    }
    const ConnectorType type = typeOf(entry);
    auto done = std::make_shared<std::atomic<bool>>(false);
    auto link = linkOf(this);
    const Plugins* plugins = &m_plugins;
    const transforms::TransformRegistry* transformsRegistry = &m_transforms;
    const std::string className = it->second;
    const auto providers = m_config.configProviders;
    auto stages = m_stages;
    const bool topicCreationEnable = m_config.topicCreationEnable;
    const ClientOverridePolicy overridePolicy = m_config.clientOverridePolicy;
    ConverterCatalog catalog;
    catalog.workerKeyConverter = m_config.keyConverter;
    catalog.workerValueConverter = m_config.valueConverter;
    catalog.workerHeaderConverter = m_config.headerConverter;
    for (const auto& info : m_plugins.pluginInfos(false)) {
        if (info.type == "converter") {
            catalog.converters.push_back(info.className);
        } else if (info.type == "header_converter") {
            catalog.headerConverters.push_back(info.className);
        }
    }
    catalog.fullClassName = [plugins](const std::string& name) {
        const sdk::ConverterPlugin* converter = plugins->findConverter(name);
        return converter != nullptr ? converter->className : std::string();
    };
    std::thread([entry, type, config, done, link, then, plugins, transformsRegistry, className, providers,
                 stages, topicCreationEnable, overridePolicy, catalog = std::move(catalog)] {
        Result<ConfigInfos> result;
        try {
            const auto nameIt = config.find("name");
            const std::string name = nameIt != config.end() ? nameIt->second : std::string();
            ConfigMap effective = config;
            if (providers && !providers->empty()) {
                StageTracker::Scope stage(*stages, name,
                                          "resolving transformed configuration properties for the connector");
                effective = providers->transform(config, name);
            }
            auto connector = entry->plugin.create();
            std::vector<sdk::ConfigDef::ConfigValue> values;
            {
                StageTracker::Scope stage(*stages, name,
                                          "performing multi-property validation for the connector");
                values = connector->validate(toSdk(effective));
            }
            sdk::ConfigDef def;
            {
                StageTracker::Scope stage(*stages, name,
                                          "retrieving the configuration definition from the connector");
                def = connector->config();
            }
            result = Result<ConfigInfos>::success(validateConnectorProps(
                className, type, def, values, effective,
                [plugins, transformsRegistry](const std::string& kind, const std::string& cls) {
                    if (kind == "transformation") {
                        return transformsRegistry->findTransformation(cls) != nullptr;
                    }
                    if (kind == "predicate") {
                        return transformsRegistry->findPredicate(cls) != nullptr;
                    }
                    return plugins->classExists(kind, cls);
                },
                &catalog));
            // Errors found past the connector's own validation go on the key's entry, which is
            // added (with `definition`) when the connector does not define that key.
            const auto addError = [&infos = *result.value, &effective](const std::string& key,
                                                                       const std::string& message,
                                                                       const ConfigKeyInfo& definition) {
                auto found =
                    std::find_if(infos.configs.begin(), infos.configs.end(),
                                 [&key](const ConfigInfo& ci) { return ci.value && ci.value->name == key; });
                if (found == infos.configs.end()) {
                    ConfigInfo ci;
                    ci.definition = definition;
                    ci.value = ConfigValueInfo{};
                    ci.value->name = key;
                    if (auto v = effective.find(key); v != effective.end()) {
                        ci.value->value = v->second;
                    }
                    infos.configs.push_back(std::move(ci));
                    found = std::prev(infos.configs.end());
                }
                found->value->errors.push_back(message);
                ++infos.errorCount;
            };
            // topic.creation.* of a source (SourceConnectorConfig): refused here rather than when
            // the task first sends.
            if (type == ConnectorType::Source) {
                for (const auto& [key, message] : TopicCreation::validate(topicCreationEnable, effective)) {
                    ConfigKeyInfo definition;
                    definition.name = key;
                    const std::string suffix = ".partitions";
                    const bool isPartitions =
                        key.size() > suffix.size() &&
                        key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
                    definition.type = isPartitions ? "INT" : "SHORT";
                    definition.required = true;
                    definition.group = "Topic Creation";
                    definition.displayName = key;
                    addError(key, message, definition);
                }
            }
            // connector.client.config.override.policy: each refused *.override.* key gets its error
            // (AbstractHerder.validateClientOverrides).
            for (const auto& [key, message] : overridePolicy.violations(effective, type)) {
                ConfigKeyInfo definition;
                definition.name = key;
                definition.type = "STRING";
                definition.displayName = key;
                addError(key, message, definition);
            }
            // The connector's own converters check their keys now (KIP-769), so a bad
            // value.converter.schemas.enable refuses the config instead of failing the task later.
            appendConverterConfigInfos(*result.value, effective, [plugins](const std::string& cls) {
                return plugins->converterConfig(cls);
            });
            // Validation saw resolved values; the answer shows the references, never secrets.
            for (auto& ci : result.value->configs) {
                if (!ci.value) {
                    continue;
                }
                if (auto raw = config.find(ci.value->name);
                    raw != config.end() && ConfigProviders::hasReference(raw->second)) {
                    ci.value->value = raw->second;
                }
            }
        } catch (...) {
            result = Result<ConfigInfos>::failure(500, currentExceptionTrace());
        }
        if (!done->exchange(true)) {
            link->send([then, result, type] { then(result, type); });
        }
    }).detach();
    postDelayed(m_options.connectorCallTimeout, [done, then, type] {
        if (!done->exchange(true)) {
            then(Result<ConfigInfos>::failure(500,
                                              "Request timed out. The worker is currently validating the "
                                              "connector configuration"),
                 type);
        }
    });
}

void StandaloneHerder::validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb)
{
    validateAsync(config, [cb](Result<ConfigInfos> r, ConnectorType) { cb(std::move(r)); });
}

void StandaloneHerder::putConnectorConfig(const std::string& name, const ConfigMap& configIn,
                                          std::optional<TargetState> initialState, bool allowReplace,
                                          Callback<PutConfigOutcome> cb)
{
    post([this, name, configIn, initialState, allowReplace, cb] {
        ConfigMap config = configIn;
        if (auto it = config.find("name"); it != config.end() && it->second != name) {
            cb(Result<PutConfigOutcome>::failure(400, "Connector name configuration (" + it->second +
                                                          ") doesn't match connector name in the URL (" +
                                                          name + ")"));
            return;
        }
        config["name"] = name;
        if (find(name) != nullptr && !allowReplace) {
            cb(Result<PutConfigOutcome>::failure(409, "Connector " + name + " already exists"));
            return;
        }
        validateAsync(config, [this, name, config, initialState, allowReplace, cb](Result<ConfigInfos> r,
                                                                                   ConnectorType) {
            if (!r.ok()) {
                cb(Result<PutConfigOutcome>::failure(r.error->status, r.error->message));
                return;
            }
            if (r.value->errorCount > 0) {
                cb(Result<PutConfigOutcome>::failure(400, invalidConfigMessage(*r.value)));
                return;
            }
            Connector* existing = find(name);
            if (existing != nullptr && !allowReplace) {
                cb(Result<PutConfigOutcome>::failure(409, "Connector " + name + " already exists"));
                return;
            }
            const TargetState target =
                existing ? existing->target : initialState.value_or(TargetState::Started);
            std::string error;
            if (!m_store.putConnector(name, {config, target}, &error)) {
                cb(Result<PutConfigOutcome>::failure(500,
                                                     "Failed to persist the connector config: " + error));
                return;
            }
            std::string findError;
            const auto* plugin = m_plugins.findConnector(config.at("connector.class"), &findError);
            if (existing == nullptr) {
                auto c = std::make_unique<Connector>();
                c->name = name;
                c->config = config;
                c->target = target;
                c->plugin = plugin;
                c->type = typeOf(plugin);
                auto& ref = *c;
                m_connectors[name] = std::move(c);
                startConnector(ref);
                cb(Result<PutConfigOutcome>::success({true, infoOf(ref)}));
                return;
            }
            // Reconfigure: stop tasks and the connector instance, start again with the new config,
            // keeping the target state (spec REST §4.8).
            existing->config = config;
            existing->plugin = plugin;
            existing->type = typeOf(plugin);
            const PutConfigOutcome outcome{false, infoOf(*existing)};
            existing->generation = m_nextGeneration++;
            auto holder = std::exchange(existing->holder, nullptr);
            stopTasksAsync(takeTasks(*existing), [this, name, holder] {
                auto restart = [this, name] {
                    if (Connector* c = find(name)) {
                        startConnector(*c);
                    }
                };
                if (holder && holder->started) {
                    auto link = linkOf(this);
                    auto stages = m_stages;
                    const auto stageId = stages->begin(name, "stopping the connector");
                    std::thread([holder, link, restart, stages, stageId] {
                        {
                            std::lock_guard lock(holder->callMutex);
                            try {
                                holder->connector->stop();
                            } catch (...) {
                            }
                        }
                        stages->complete(stageId);
                        link->send(restart);
                    }).detach();
                } else {
                    restart();
                }
            });
            existing->taskConfigs.clear();
            cb(Result<PutConfigOutcome>::success(outcome));
        });
    });
}

void StandaloneHerder::patchConnectorConfig(const std::string& name, const ConfigMap& patch,
                                            Callback<ConnectorInfo> cb)
{
    post([this, name, patch, cb] {
        const Connector* c = find(name);
        if (c == nullptr) {
            cb(Result<ConnectorInfo>::failure(404, "Connector " + name + " not found"));
            return;
        }
        ConfigMap merged = c->config;
        for (const auto& [k, v] : patch) {
            merged[k] = v;
        }
        putConnectorConfig(name, merged, std::nullopt, true, [cb](Result<PutConfigOutcome> r) {
            r.ok() ? cb(Result<ConnectorInfo>::success(r.value->info))
                   : cb(Result<ConnectorInfo>::failure(r.error->status, r.error->message));
        });
    });
}

void StandaloneHerder::stopConnectorObject(Connector& c, std::function<void()> then)
{
    auto holder = std::exchange(c.holder, nullptr);
    if (!holder || !holder->started) {
        post(std::move(then));
        return;
    }
    auto link = linkOf(this);
    auto done = std::make_shared<std::atomic<bool>>(false);
    auto stages = m_stages;
    const auto stageId = stages->begin(c.name, "stopping the connector");
    std::thread([holder, link, then, done, stages, stageId] {
        {
            std::lock_guard lock(holder->callMutex);
            try {
                holder->connector->stop();
            } catch (...) {
                areaLogger("herder")->warn("[{}] Connector stop failed: {}", holder->name,
                                           currentExceptionTrace());
            }
        }
        stages->complete(stageId);
        if (!done->exchange(true)) {
            link->send(then);
        }
    }).detach();
    postDelayed(m_options.connectorCallTimeout, [done, then] {
        if (!done->exchange(true)) {
            then();
        }
    });
}

void StandaloneHerder::deleteConnector(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        auto it = m_connectors.find(name);
        if (it == m_connectors.end()) {
            cb(Result<Empty>::failure(404, "Connector " + name + " not found"));
            return;
        }
        std::string error;
        if (!m_store.removeConnector(name, &error)) {
            cb(Result<Empty>::failure(500, "Failed to persist the deletion: " + error));
            return;
        }
        auto c = std::move(it->second);
        m_connectors.erase(it);
        stopTasksAsync(takeTasks(*c), [] {});
        stopConnectorObject(*c, [] {});
        cb(Result<Empty>::success({}));
    });
}

void StandaloneHerder::pauseConnector(const std::string& name, Callback<Empty> cb)
{
    pauseOrResume(name, TargetState::Paused, cb);
}

void StandaloneHerder::resumeConnector(const std::string& name, Callback<Empty> cb)
{
    pauseOrResume(name, TargetState::Started, cb);
}

void StandaloneHerder::pauseOrResume(const std::string& name, TargetState target, const Callback<Empty>& cb)
{
    // The live connector's state follows its new target: RUNNING <-> PAUSED.
    const State from = target == TargetState::Paused ? State::Running : State::Paused;
    const State to = target == TargetState::Paused ? State::Paused : State::Running;
    post([this, name, target, from, to, cb] {
        Connector* c = find(name);
        if (c == nullptr) {
            cb(Result<Empty>::failure(404, "Unknown connector " + name));
            return;
        }
        const bool wasStopped = c->target == TargetState::Stopped;
        std::string error;
        if (!persistTarget(*c, target, &error)) {
            cb(Result<Empty>::failure(500, error));
            return;
        }
        if (wasStopped) {
            // pause on a STOPPED connector starts it paused, resume starts it running (spec REST §4.12)
            startConnector(*c);
        } else {
            if (c->state.state == from) {
                c->state.state = to;
            }
            for (auto& s : c->tasks) {
                if (s) {
                    s->task->transitionTo(target);
                }
            }
        }
        cb(Result<Empty>::success({}));
    });
}

void StandaloneHerder::stopConnector(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        Connector* c = find(name);
        if (c == nullptr) {
            // Apache's standalone herder answers 500 here (spec REST §2.5).
            cb(Result<Empty>::failure(500, "No connector `" + name + "` configured"));
            return;
        }
        std::string error;
        if (!persistTarget(*c, TargetState::Stopped, &error)) {
            cb(Result<Empty>::failure(500, error));
            return;
        }
        c->generation = m_nextGeneration++;
        c->taskConfigs.clear();
        c->state = StateEntry{State::Stopped, m_workerId, {}, c->state.version};
        stopTasksAsync(takeTasks(*c), [] {});
        stopConnectorObject(*c, [] {});
        cb(Result<Empty>::success({}));
    });
}

void StandaloneHerder::restartConnector(const std::string& name, bool includeTasks, bool onlyFailed,
                                        Callback<RestartOutcome> cb)
{
    post([this, name, includeTasks, onlyFailed, cb] {
        Connector* c = find(name);
        if (c == nullptr) {
            cb(Result<RestartOutcome>::failure(404, "Unknown connector: " + name));
            return;
        }
        const bool restartConnectorObject = !onlyFailed || c->state.state == State::Failed;
        std::vector<int> tasksToRestart;
        if (includeTasks) {
            for (const auto& [id, st] : c->taskStates) {
                if (!onlyFailed || st.state == State::Failed) {
                    tasksToRestart.push_back(id);
                }
            }
        }
        // Restarting the Connector object leaves its running tasks alone (spec REST §4.11); the
        // fresh instance's task configs replace them only if they differ.
        const auto doRestartConnector = [this, name] {
            Connector* cc = find(name);
            if (cc == nullptr) {
                return;
            }
            cc->generation = m_nextGeneration++;
            stopConnectorObject(*cc, [this, name] {
                if (Connector* c2 = find(name)) {
                    startConnector(*c2);
                }
            });
        };
        if (!includeTasks && !onlyFailed) {
            // The legacy call: restart the Connector object and answer 204 once done.
            doRestartConnector();
            post([cb] { cb(Result<RestartOutcome>::success({})); });
            return;
        }
        ConnectorStateInfo plan = statusOf(*c);
        if (restartConnectorObject) {
            plan.connector.state = State::Restarting;
        }
        for (auto& t : plan.tasks) {
            if (std::find(tasksToRestart.begin(), tasksToRestart.end(), t.id) != tasksToRestart.end()) {
                t.state = State::Restarting;
            }
        }
        if (restartConnectorObject) {
            c->state.state = State::Restarting;
            doRestartConnector();
        }
        for (int id : tasksToRestart) {
            c->taskStates[id].state = State::Restarting;
            auto old = takeTasks(*c, id);
            const auto generation = c->generation;
            stopTasksAsync(std::move(old), [this, name, id, generation] {
                Connector* c2 = find(name);
                if (c2 != nullptr && static_cast<std::size_t>(id) < c2->taskConfigs.size() &&
                    c2->target != TargetState::Stopped) {
                    (void)generation;
                    if (c2->tasks.size() <= static_cast<std::size_t>(id) ||
                        !c2->tasks[static_cast<std::size_t>(id)]) {
                        startTask(*c2, id);
                    }
                }
            });
        }
        cb(Result<RestartOutcome>::success({plan}));
    });
}

void StandaloneHerder::restartTask(const TaskId& id, Callback<Empty> cb)
{
    post([this, id, cb] {
        Connector* c = find(id.connector);
        if (c == nullptr) {
            cb(Result<Empty>::failure(404, "Connector " + id.connector + " not found"));
            return;
        }
        if (id.task < 0 || static_cast<std::size_t>(id.task) >= c->taskConfigs.size() ||
            c->target == TargetState::Stopped) {
            cb(Result<Empty>::failure(404,
                                      "Task " + id.connector + "-" + std::to_string(id.task) + " not found"));
            return;
        }
        const std::string name = id.connector;
        const int index = id.task;
        stopTasksAsync(takeTasks(*c, index), [this, name, index, cb] {
            Connector* c2 = find(name);
            if (c2 == nullptr || static_cast<std::size_t>(index) >= c2->taskConfigs.size()) {
                cb(Result<Empty>::failure(404, "Task " + name + "-" + std::to_string(index) + " not found"));
                return;
            }
            startTask(*c2, index);
            if (c2->taskStates[index].state == State::Failed) {
                cb(Result<Empty>::failure(500,
                                          "Failed to start task: " + name + "-" + std::to_string(index)));
                return;
            }
            cb(Result<Empty>::success({}));
        });
    });
}

void StandaloneHerder::activeTopics(const std::string& name, Callback<std::vector<std::string>> cb)
{
    post([this, name, cb] {
        if (!m_config.topicTrackingEnable) {
            cb(Result<std::vector<std::string>>::failure(403, "Topic tracking is disabled."));
            return;
        }
        std::set<std::string> topics;
        if (const Connector* c = find(name)) {
            topics = c->topics;
            if (c->type == ConnectorType::Sink) {
                const auto parsed = ConnectorConfig::parse(c->type, c->config);
                for (const auto& t : parsed.topics) {
                    topics.insert(t);
                }
            } else {
                for (const auto& t : c->taskConfigs) {
                    if (auto it = t.find("topic"); it != t.end()) {
                        topics.insert(it->second);
                    }
                }
            }
        }
        cb(Result<std::vector<std::string>>::success({topics.begin(), topics.end()}));
    });
}

void StandaloneHerder::resetActiveTopics(const std::string& name, Callback<Empty> cb)
{
    post([this, name, cb] {
        if (!m_config.topicTrackingEnable) {
            cb(Result<Empty>::failure(403, "Topic tracking is disabled."));
            return;
        }
        if (!m_config.topicTrackingAllowReset) {
            cb(Result<Empty>::failure(403, "Topic tracking reset is disabled."));
            return;
        }
        if (Connector* c = find(name)) {
            c->topics.clear();
        }
        cb(Result<Empty>::success({}));
    });
}

void StandaloneHerder::connectorOffsets(const std::string& name, Callback<std::vector<ConnectorOffset>> cb)
{
    post([this, name, cb] {
        const Connector* c = find(name);
        if (c == nullptr) {
            cb(Result<std::vector<ConnectorOffset>>::failure(404, "Connector " + name + " not found"));
            return;
        }
        if (c->type == ConnectorType::Source) {
            std::vector<ConnectorOffset> out;
            for (const auto& [partition, offset] : m_offsets.connectorOffsets(name)) {
                out.push_back({offsetMapToJson(partition), offsetMapToJson(offset)});
            }
            cb(Result<std::vector<ConnectorOffset>>::success(out));
            return;
        }
        // Sink offsets are the consumer group's committed offsets (spec REST §4.20), read with
        // the admin API off the herder thread.
        const std::string group = sinkConsumerGroup(name, c->config);
        auto link = linkOf(this);
        const ConfigMap props =
            adminProps(m_config, c->config, m_bootstrap, "connector-worker-adminclient-" + name);
        std::thread([group, props, link, cb] {
            Result<std::vector<ConnectorOffset>> result;
            try {
                auto rk = makeClient(RD_KAFKA_PRODUCER, makeClientConf(props));
                ConsumerGroupOffsetsAdmin admin(rk.get(), kOffsetsAdminTimeout);
                std::vector<ConnectorOffset> out;
                for (const auto& [tp, offset] : admin.list(group)) {
                    out.push_back(
                        {offsetMapToJson({{"kafka_topic", sdk::Value(tp.topic)},
                                          {"kafka_partition", sdk::Value(std::int32_t{tp.partition})}}),
                         offsetMapToJson({{"kafka_offset", sdk::Value(std::int64_t{offset})}})});
                }
                result = Result<std::vector<ConnectorOffset>>::success(out);
            } catch (const std::exception& e) {
                result = Result<std::vector<ConnectorOffset>>::failure(500, e.what());
            }
            link->send([cb, result] { cb(result); });
        }).detach();
    });
}

StandaloneHerder::Connector* StandaloneHerder::findStoppedForOffsets(const std::string& name,
                                                                     const Callback<std::string>& cb)
{
    Connector* c = find(name);
    if (c == nullptr) {
        cb(Result<std::string>::failure(404, "Connector " + name + " not found"));
        return nullptr;
    }
    if (c->target != TargetState::Stopped || !c->tasks.empty()) {
        cb(Result<std::string>::failure(
            400, "Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                 "done for the specified connector by issuing a 'PUT' request to the '/connectors/" +
                     name + "/stop' endpoint"));
        return nullptr;
    }
    return c;
}

void StandaloneHerder::alterConnectorOffsets(const std::string& name,
                                             const std::vector<ConnectorOffset>& offsets,
                                             Callback<std::string> cb)
{
    post([this, name, offsets, cb] {
        Connector* c = findStoppedForOffsets(name, cb);
        if (c == nullptr) {
            return;
        }
        if (offsets.empty()) {
            cb(Result<std::string>::failure(400,
                                            "Partitions / offsets need to be provided for an alter offsets "
                                            "request"));
            return;
        }
        if (c->plugin == nullptr) {
            cb(Result<std::string>::failure(500, "Connector " + name + " has no installed plugin"));
            return;
        }
        if (c->type == ConnectorType::Sink) {
            std::string error;
            auto changes = parseSinkOffsets(offsets, &error);
            if (!changes) {
                cb(Result<std::string>::failure(400, error));
                return;
            }
            modifySinkOffsets(*c, changes, cb);
            return;
        }
        std::vector<sdk::SourceOffsetChange> changes;
        for (const auto& o : offsets) {
            std::string error;
            auto partition = offsetMapFromJson(o.partitionJson, &error);
            if (!partition) {
                cb(Result<std::string>::failure(400, error));
                return;
            }
            std::optional<sdk::OffsetMap> offset;
            if (o.offsetJson != "null") {
                offset = offsetMapFromJson(o.offsetJson, &error);
                if (!offset) {
                    cb(Result<std::string>::failure(400, error));
                    return;
                }
            }
            changes.emplace_back(std::move(*partition), std::move(offset));
        }
        const auto* entry = c->plugin;
        ConfigMap config;
        try {
            config = resolved(c->config, name);
        } catch (const std::exception& e) {
            cb(Result<std::string>::failure(400, e.what()));
            return;
        }
        auto link = linkOf(this);
        FileOffsetStore* store = &m_offsets;
        std::thread([entry, config, changes, link, cb, store, name] {
            Result<std::string> result;
            try {
                auto connector = entry->plugin.create();
                auto* source = dynamic_cast<sdk::SourceConnector*>(connector.get());
                const bool confirmed = source != nullptr && source->alterOffsets(toSdk(config), changes);
                std::string error;
                if (!store->put(name, changes, &error)) {
                    throw sdk::ConnectException("Failed to write offsets: " + error);
                }
                result = Result<std::string>::success(
                    confirmed ? "The offsets for this connector have been altered successfully"
                              : "The Connect framework-managed offsets for this connector have been altered "
                                "successfully. However, if this connector manages offsets externally, they "
                                "will need "
                                "to be manually altered in the system that the connector uses.");
            } catch (const std::exception& e) {
                result = Result<std::string>::failure(400, e.what());
            }
            link->send([cb, result] { cb(result); });
        }).detach();
    });
}

namespace {

std::string modifiedMessage(bool confirmed, bool reset)
{
    const std::string verb = reset ? "reset" : "altered";
    if (confirmed) {
        return "The offsets for this connector have been " + verb + " successfully";
    }
    return "The Connect framework-managed offsets for this connector have been " + verb +
           " successfully. However, if this connector manages offsets externally, they will need to be "
           "manually " +
           (reset ? "reset" : "altered") + " in the system that the connector uses.";
}

} // namespace

void StandaloneHerder::modifySinkOffsets(Connector& c, const std::optional<SinkOffsetChanges>& changes,
                                         const Callback<std::string>& cb)
{
    const auto* entry = c.plugin;
    const std::string name = c.name;
    ConfigMap config;
    try {
        config = resolved(c.config, name);
    } catch (const std::exception& e) {
        cb(Result<std::string>::failure(400, e.what()));
        return;
    }
    const std::string group = sinkConsumerGroup(name, c.config);
    const ConfigMap props =
        adminProps(m_config, c.config, m_bootstrap, "connector-worker-adminclient-" + name);
    auto link = linkOf(this);
    auto stopping = m_stoppingTasks;
    const auto graceful = std::chrono::milliseconds(m_config.taskShutdownGracefulTimeoutMs);
    const bool sandbox = m_config.sandbox;
    auto stages = m_stages;
    std::thread([entry, name, config, group, props, link, cb, changes, stopping, graceful, sandbox, stages] {
        const bool reset = !changes.has_value();
        StageTracker::Scope stage(*stages, name, "modifying the offsets of the connector");
        auto log = areaLogger("herder");
        Result<std::string> result;
        // Tasks of a just-stopped connector may still be leaving the group; only an empty group
        // accepts offset changes from the admin client.
        const auto deadline = Clock::now() + graceful;
        while (stopping->count.load() > 0 && Clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        try {
            auto rk = makeClient(RD_KAFKA_PRODUCER, makeClientConf(props));
            ConsumerGroupOffsetsAdmin admin(rk.get(), kOffsetsAdminTimeout);
            SinkOffsetChanges toWrite;
            if (reset) {
                try {
                    for (const auto& [tp, offset] : admin.list(group)) {
                        toWrite[tp] = std::nullopt;
                    }
                } catch (const std::exception& e) {
                    log->error("[{}] Failed to list offsets prior to resetting offsets: {}", name, e.what());
                    throw sdk::ConnectException(
                        "Failed to list offsets prior to resetting offsets for sink connector " + name);
                }
            } else {
                toWrite = *changes;
            }
            bool confirmed = false;
            try {
                auto connector = entry->plugin.create();
                auto* sink = dynamic_cast<sdk::SinkConnector*>(connector.get());
                confirmed = sink != nullptr && sink->alterOffsets(toSdk(config), toWrite);
            } catch (const std::exception& e) {
                result = Result<std::string>::failure(400, e.what());
                link->send([cb, result] { cb(result); });
                return;
            }
            // Spec REST §4.20: alter commits through AlterConsumerGroupOffsets and drops null
            // offsets with DeleteConsumerGroupOffsets; reset deletes the whole group.
            const auto busy = [&](const KafkaError& e, const char* op) {
                log->error("[{}] Failed to {} consumer group offsets: {}", name, op, e.what());
                return "Failed to " + std::string(op) + " consumer group offsets for connector " + name +
                       " either because its tasks haven't stopped completely yet or the connector was "
                       "resumed "
                       "before the request to " +
                       op +
                       " its offsets could be successfully completed. If the connector is in a stopped "
                       "state, "
                       "this operation can be safely retried. If it doesn't eventually succeed, the Connect "
                       "cluster may need to be restarted to get rid of the zombie sink tasks.";
            };
            if (sandbox) {
                // The sandbox's mock broker has neither DeleteGroups nor OffsetDelete (and
                // librdkafka 2.0 aborts on the unsupported request): a partition whose offset is
                // dropped gets its earliest offset committed instead, which consumes the same
                // records under auto.offset.reset=earliest.
                for (auto& [tp, offset] : toWrite) {
                    if (!offset) {
                        std::int64_t low = 0;
                        std::int64_t high = 0;
                        const auto err = rd_kafka_query_watermark_offsets(rk.get(), tp.topic.c_str(),
                                                                          tp.partition, &low, &high, 10000);
                        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                            throw KafkaError::fromCode(err, "reading the earliest offset of " + tp.topic);
                        }
                        offset = low;
                    }
                }
                std::map<sdk::TopicPartition, std::int64_t> alter;
                for (const auto& [tp, offset] : toWrite) {
                    alter.emplace(tp, *offset);
                }
                if (!alter.empty()) {
                    admin.alter(group, alter);
                }
            } else if (reset) {
                try {
                    admin.deleteGroup(group);
                } catch (const KafkaError& e) {
                    if (e.code() == RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP) {
                        throw sdk::ConnectException(busy(e, "reset"));
                    }
                    log->error("[{}] Failed to reset consumer group offsets: {}", name, e.what());
                    throw sdk::ConnectException("Failed to reset consumer group offsets for sink connector " +
                                                name);
                }
            } else {
                std::map<sdk::TopicPartition, std::int64_t> alter;
                std::vector<sdk::TopicPartition> remove;
                for (const auto& [tp, offset] : toWrite) {
                    offset ? (void)alter.emplace(tp, *offset) : remove.push_back(tp);
                }
                try {
                    if (!alter.empty()) {
                        admin.alter(group, alter);
                    }
                    if (!remove.empty()) {
                        admin.deleteOffsets(group, remove);
                    }
                } catch (const KafkaError& e) {
                    if (e.code() == RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID ||
                        e.code() == RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC) {
                        throw sdk::ConnectException(busy(e, "alter"));
                    }
                    log->error("[{}] Failed to alter consumer group offsets: {}", name, e.what());
                    throw sdk::ConnectException("Failed to alter consumer group offsets for connector " +
                                                name);
                }
            }
            result = Result<std::string>::success(modifiedMessage(confirmed, reset));
        } catch (const std::exception& e) {
            result = Result<std::string>::failure(500, e.what());
        }
        link->send([cb, result] { cb(result); });
    }).detach();
}

void StandaloneHerder::resetConnectorOffsets(const std::string& name, Callback<std::string> cb)
{
    post([this, name, cb] {
        Connector* c = findStoppedForOffsets(name, cb);
        if (c == nullptr) {
            return;
        }
        if (c->plugin == nullptr) {
            cb(Result<std::string>::failure(500, "Connector " + name + " has no installed plugin"));
            return;
        }
        if (c->type == ConnectorType::Sink) {
            modifySinkOffsets(*c, std::nullopt, cb);
            return;
        }
        std::vector<sdk::SourceOffsetChange> tombstones;
        for (const auto& [partition, offset] : m_offsets.connectorOffsets(name)) {
            tombstones.emplace_back(partition, std::nullopt);
        }
        const auto* entry = c->plugin;
        bool confirmed = false;
        try {
            const ConfigMap config = resolved(c->config, name);
            auto connector = entry->plugin.create();
            auto* source = dynamic_cast<sdk::SourceConnector*>(connector.get());
            confirmed = source != nullptr && source->alterOffsets(toSdk(config), tombstones);
        } catch (const std::exception& e) {
            cb(Result<std::string>::failure(400, e.what()));
            return;
        }
        std::string error;
        if (!m_offsets.resetConnector(name, &error)) {
            cb(Result<std::string>::failure(500, error));
            return;
        }
        cb(Result<std::string>::success(
            confirmed
                ? "The offsets for this connector have been reset successfully"
                : "The Connect framework-managed offsets for this connector have been reset successfully. "
                  "However, if this connector manages offsets externally, they will need to be manually "
                  "reset "
                  "in the system that the connector uses."));
    });
}

std::vector<PluginInfo> StandaloneHerder::plugins(bool connectorsOnly) const
{
    return m_plugins.pluginInfos(connectorsOnly);
}

Result<std::vector<ConfigKeyInfo>> StandaloneHerder::pluginConfig(const std::string& plugin) const
{
    const auto* entry = m_plugins.findConnector(plugin);
    if (entry == nullptr) {
        if (m_plugins.findConverter(plugin) != nullptr) {
            // A converter lists its own keys only, no framework keys (AbstractHerder.connectorPluginConfig).
            std::vector<ConfigKeyInfo> out;
            try {
                const auto def = m_plugins.converterConfig(plugin);
                for (const auto& k : def->keys()) {
                    out.push_back(toConfigKeyInfo(k));
                }
            } catch (const std::exception& e) {
                return Result<std::vector<ConfigKeyInfo>>::failure(500, e.what());
            }
            return Result<std::vector<ConfigKeyInfo>>::success(out);
        }
        return Result<std::vector<ConfigKeyInfo>>::failure(404, "Unknown plugin " + plugin + ".");
    }
    std::vector<ConfigKeyInfo> out;
    try {
        const auto def = entry->plugin.create()->config();
        for (const auto& k : def.keys()) {
            out.push_back(toConfigKeyInfo(k));
        }
        // Then the framework keys the plugin does not redefine (spec REST §4.22).
        const auto framework = connectorConfigDef(typeOf(entry));
        for (const auto& k : framework.keys()) {
            if (!def.contains(k.name)) {
                out.push_back(toConfigKeyInfo(k));
            }
        }
    } catch (const std::exception& e) {
        return Result<std::vector<ConfigKeyInfo>>::failure(500, e.what());
    }
    return Result<std::vector<ConfigKeyInfo>>::success(out);
}

std::map<TaskId, MetricsSnapshot> StandaloneHerder::taskMetrics()
{
    std::promise<std::map<TaskId, MetricsSnapshot>> p;
    auto f = p.get_future();
    post([this, &p] {
        std::map<TaskId, MetricsSnapshot> out;
        for (const auto& [name, c] : m_connectors) {
            for (const auto& s : c->tasks) {
                if (s) {
                    auto m = s->task->metrics();
                    const auto st = c->taskStates[s->task->id().task].state;
                    m["status:" + std::string(stateName(st))] = 1;
                    out[s->task->id()] = std::move(m);
                }
            }
        }
        p.set_value(std::move(out));
    });
    return f.get();
}

MetricsSnapshot StandaloneHerder::workerMetrics()
{
    std::promise<MetricsSnapshot> p;
    auto f = p.get_future();
    post([this, &p] {
        const auto report = buildMetrics();
        MetricsSnapshot m = report.worker;
        for (const auto& c : report.connectors) {
            for (const auto& [metric, value] : c.workerGroup) {
                m["connector=" + c.name + ":" + metric] = value;
            }
        }
        p.set_value(std::move(m));
    });
    return f.get();
}

namespace {

std::string lowerState(State state)
{
    std::string s = stateName(state);
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

// The Apache metric group a task metric belongs to (ConnectMetricsRegistry, spec §10.2–10.5).
std::string taskMetricGroup(const std::string& metric, ConnectorType type)
{
    static const std::set<std::string> taskGroup = {
        "pause-ratio",
        "running-ratio",
        "batch-size-avg",
        "batch-size-max",
        "offset-commit-success-percentage",
        "offset-commit-failure-percentage",
        "offset-commit-avg-time-ms",
        "offset-commit-max-time-ms",
    };
    if (taskGroup.count(metric) != 0) {
        return "connector-task-metrics";
    }
    if (metric.rfind("total-", 0) == 0 || metric.rfind("deadletterqueue-", 0) == 0 ||
        metric == "last-error-timestamp") {
        return "task-error-metrics";
    }
    return type == ConnectorType::Sink ? "sink-task-metrics" : "source-task-metrics";
}

} // namespace

MetricsReport StandaloneHerder::buildMetrics() const
{
    MetricsReport report;
    double tasks = 0;
    for (const auto& [name, c] : m_connectors) {
        ConnectorMetrics cm;
        cm.name = name;
        cm.status = lowerState(c->state.state);
        cm.connectorType = connectorTypeName(c->type);
        if (auto it = c->config.find("connector.class"); it != c->config.end()) {
            cm.connectorClass = it->second;
        }
        cm.connectorVersion = c->plugin != nullptr ? c->plugin->plugin.version : std::string();
        std::map<State, double> counts;
        for (const auto& [id, st] : c->taskStates) {
            counts[st.state] += 1;
            tasks += 1;
        }
        cm.workerGroup["connector-total-task-count"] = static_cast<double>(c->taskStates.size());
        cm.workerGroup["connector-running-task-count"] = counts[State::Running];
        cm.workerGroup["connector-paused-task-count"] = counts[State::Paused];
        cm.workerGroup["connector-failed-task-count"] = counts[State::Failed];
        cm.workerGroup["connector-unassigned-task-count"] = counts[State::Unassigned];
        cm.workerGroup["connector-destroyed-task-count"] = counts[State::Destroyed];
        cm.workerGroup["connector-restarting-task-count"] = counts[State::Restarting];
        report.connectors.push_back(std::move(cm));
        for (const auto& s : c->tasks) {
            if (!s) {
                continue;
            }
            TaskMetrics tm;
            tm.id = s->task->id();
            tm.type = c->type;
            auto st = c->taskStates.find(tm.id.task);
            tm.status = lowerState(st != c->taskStates.end() ? st->second.state : State::Unassigned);
            for (const auto& [metric, value] : s->task->metrics()) {
                tm.groups[taskMetricGroup(metric, c->type)][metric] = value;
            }
            report.tasks.push_back(std::move(tm));
        }
    }
    auto& m = report.worker;
    m["connector-count"] = static_cast<double>(m_connectors.size());
    m["task-count"] = tasks;
    m["connector-startup-attempts-total"] = m_connectorStartupAttempts;
    m["connector-startup-success-total"] = m_connectorStartupSuccess;
    m["connector-startup-failure-total"] = m_connectorStartupFailure;
    m["connector-startup-success-percentage"] =
        m_connectorStartupAttempts > 0 ? m_connectorStartupSuccess / m_connectorStartupAttempts : 0;
    m["connector-startup-failure-percentage"] =
        m_connectorStartupAttempts > 0 ? m_connectorStartupFailure / m_connectorStartupAttempts : 0;
    m["task-startup-attempts-total"] = m_taskStartupAttempts;
    m["task-startup-success-total"] = m_taskStartupSuccess;
    m["task-startup-failure-total"] = m_taskStartupFailure;
    m["task-startup-success-percentage"] =
        m_taskStartupAttempts > 0 ? m_taskStartupSuccess / m_taskStartupAttempts : 0;
    m["task-startup-failure-percentage"] =
        m_taskStartupAttempts > 0 ? m_taskStartupFailure / m_taskStartupAttempts : 0;
    return report;
}

void StandaloneHerder::metrics(Callback<MetricsReport> cb)
{
    post([this, cb] { cb(Result<MetricsReport>::success(buildMetrics())); });
}

} // namespace connectdesk::runtime
