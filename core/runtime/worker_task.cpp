#include "runtime/worker_task.h"

#include "runtime/logging.h"

#include <connectdesk/sdk/errors.h>

#include <cxxabi.h>
#include <memory>

namespace connectdesk::runtime {

std::string exceptionTrace(const std::exception& e)
{
    // Most specific first.
    const char* javaName = nullptr;
    if (dynamic_cast<const sdk::RetriableException*>(&e)) {
        javaName = "org.apache.kafka.connect.errors.RetriableException";
    } else if (dynamic_cast<const sdk::DataException*>(&e)) {
        javaName = "org.apache.kafka.connect.errors.DataException";
    } else if (dynamic_cast<const sdk::ConfigException*>(&e)) {
        javaName = "org.apache.kafka.common.config.ConfigException";
    } else if (dynamic_cast<const sdk::ConnectException*>(&e)) {
        javaName = "org.apache.kafka.connect.errors.ConnectException";
    }
    std::string name;
    if (javaName != nullptr) {
        name = javaName;
    } else {
        int status = 0;
        std::unique_ptr<char, void (*)(void*)> demangled(
            abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status), std::free);
        name = status == 0 && demangled ? demangled.get() : typeid(e).name();
    }
    return name + ": " + e.what();
}

std::string currentExceptionTrace()
{
    try {
        throw;
    } catch (const std::exception& e) {
        return exceptionTrace(e);
    } catch (...) {
        return "unknown exception";
    }
}

WorkerTask::WorkerTask(TaskId id, TaskStatusListener& listener, TargetState initialState)
    : m_id(std::move(id)), m_listener(listener), m_target(initialState)
{
}

WorkerTask::~WorkerTask()
{
    stop();
    // The thread uses this object until it ends, so it is always joined; the herder keeps tasks
    // that do not stop in time alive elsewhere instead of destroying them.
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void WorkerTask::joinThread()
{
    stop();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void WorkerTask::start()
{
    m_thread = std::thread([this] { run(); });
}

void WorkerTask::transitionTo(TargetState state)
{
    {
        std::lock_guard lock(m_mutex);
        m_target = state;
    }
    m_cv.notify_all();
}

void WorkerTask::stop()
{
    m_stopping.store(true);
    m_cv.notify_all();
}

bool WorkerTask::awaitStop(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_joinMutex);
    const bool done = m_joinCv.wait_for(lock, timeout, [this] { return m_finished.load(); });
    lock.unlock();
    if (done && m_thread.joinable()) {
        m_thread.join();
    }
    return done;
}

bool WorkerTask::isPaused() const
{
    std::lock_guard lock(m_mutex);
    return m_target == TargetState::Paused;
}

bool WorkerTask::awaitUnpaused()
{
    std::unique_lock lock(m_mutex);
    if (m_target != TargetState::Paused) {
        return !m_stopping.load();
    }
    if (!m_reportedPaused) {
        m_reportedPaused = true;
        {
            std::lock_guard ml(m_metricsMutex);
            m_pausedSince = std::chrono::steady_clock::now();
        }
        lock.unlock();
        m_listener.onTaskPause(m_id);
        lock.lock();
    }
    m_cv.wait(lock, [this] { return m_target != TargetState::Paused || m_stopping.load(); });
    if (m_stopping.load()) {
        return false;
    }
    m_reportedPaused = false;
    {
        std::lock_guard ml(m_metricsMutex);
        m_pausedFor += std::chrono::steady_clock::now() - m_pausedSince;
    }
    lock.unlock();
    m_listener.onTaskResume(m_id);
    return true;
}

bool WorkerTask::checkPaused()
{
    std::unique_lock lock(m_mutex);
    const bool paused = m_target == TargetState::Paused;
    if (paused == m_reportedPaused) {
        return paused;
    }
    m_reportedPaused = paused;
    {
        std::lock_guard ml(m_metricsMutex);
        if (paused) {
            m_pausedSince = std::chrono::steady_clock::now();
        } else {
            m_pausedFor += std::chrono::steady_clock::now() - m_pausedSince;
        }
    }
    lock.unlock();
    if (paused) {
        m_listener.onTaskPause(m_id);
    } else {
        m_listener.onTaskResume(m_id);
    }
    return paused;
}

void WorkerTask::waitFor(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const TargetState before = m_target;
    m_cv.wait_for(lock, timeout, [&] { return m_stopping.load() || m_target != before; });
}

void WorkerTask::recordBatchSize(std::size_t n)
{
    std::lock_guard lock(m_metricsMutex);
    m_batchSize.record(static_cast<double>(n));
}

void WorkerTask::recordCommit(bool success, double ms)
{
    std::lock_guard lock(m_metricsMutex);
    if (success) {
        m_commitSuccess += 1;
        m_commitTimeSum += ms;
        m_commitTimeMax = std::max(m_commitTimeMax, ms);
    } else {
        m_commitFailure += 1;
    }
}

MetricsSnapshot WorkerTask::metrics() const
{
    std::lock_guard lock(m_metricsMutex);
    MetricsSnapshot m;
    const auto now = std::chrono::steady_clock::now();
    const double total = std::chrono::duration<double>(now - m_started).count();
    double paused = std::chrono::duration<double>(m_pausedFor).count();
    if (m_reportedPaused) {
        paused += std::chrono::duration<double>(now - m_pausedSince).count();
    }
    m["pause-ratio"] = total > 0 ? paused / total : 0;
    m["running-ratio"] = total > 0 ? 1.0 - paused / total : 0;
    m["batch-size-avg"] = m_batchSize.avg();
    m["batch-size-max"] = m_batchSize.max;
    const double commits = m_commitSuccess + m_commitFailure;
    m["offset-commit-success-percentage"] = commits > 0 ? m_commitSuccess / commits : 0;
    m["offset-commit-failure-percentage"] = commits > 0 ? m_commitFailure / commits : 0;
    m["offset-commit-avg-time-ms"] = m_commitSuccess > 0 ? m_commitTimeSum / m_commitSuccess : 0;
    m["offset-commit-max-time-ms"] = m_commitTimeMax;
    return m;
}

std::string WorkerTask::logPrefix() const
{
    return "[" + m_id.connector + "|task-" + std::to_string(m_id.task) + "]";
}

void WorkerTask::run()
{
    auto log = areaLogger("task");
    bool failed = false;
    try {
        initializeAndStart();
        if (isPaused()) {
            // awaitUnpaused() in the loop reports PAUSED; RUNNING is never shown for a task
            // created paused (spec REST §4.4 initial_state PAUSED).
        } else {
            m_listener.onTaskStartup(m_id);
        }
        execute();
    } catch (...) {
        failed = true;
        const std::string trace = currentExceptionTrace();
        log->error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will not "
                   "recover until manually restarted: {}",
                   logPrefix(), trace);
        m_listener.onTaskFailure(m_id, trace);
    }
    try {
        close();
    } catch (...) {
        log->warn("{} Error while closing the task: {}", logPrefix(), currentExceptionTrace());
    }
    if (!failed) {
        m_listener.onTaskShutdown(m_id);
    }
    {
        std::lock_guard lock(m_joinMutex);
        m_finished.store(true);
    }
    m_joinCv.notify_all();
}

} // namespace connectdesk::runtime
