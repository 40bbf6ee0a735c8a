// The common life of a task on its own thread: start, run until stopped, follow the target state
// (paused/running), report every state change to the herder, and keep its metrics
// (Apache's WorkerTask; spec/connect-rest-api.md §5, spec/connect-data-and-config.md §10.2).
#pragma once

#include "runtime/herder.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace connectdesk::runtime {

// Average and maximum of a per-batch measurement (batch size, put/poll/commit time) for the
// *-avg / *-max task metrics (spec metrics: connector-task-metrics, sink-/source-task-metrics).
struct AvgMaxStat {
    double sum = 0;
    double max = 0;
    double count = 0;
    void record(double value)
    {
        count += 1;
        sum += value;
        max = std::max(max, value);
    }
    double avg() const { return count > 0 ? sum / count : 0; }
};

// Receives task state changes; called on the task's thread.
class TaskStatusListener {
public:
    virtual ~TaskStatusListener() = default;
    virtual void onTaskStartup(const TaskId& id) = 0;
    virtual void onTaskPause(const TaskId& id) = 0;
    virtual void onTaskResume(const TaskId& id) = 0;
    virtual void onTaskFailure(const TaskId& id, const std::string& trace) = 0;
    virtual void onTaskShutdown(const TaskId& id) = 0;
};

// Text of an exception in the shape of a Java stack trace's first line, with Connect's class
// names for the SDK's exceptions (so traces read like Apache's).
std::string exceptionTrace(const std::exception& e);
std::string currentExceptionTrace();

// A thread-safe name → value snapshot of metrics (spec §10), read in-process by the UI/REST.
using MetricsSnapshot = MetricValues;

class WorkerTask {
public:
    WorkerTask(TaskId id, TaskStatusListener& listener, TargetState initialState);
    virtual ~WorkerTask();
    WorkerTask(const WorkerTask&) = delete;
    WorkerTask& operator=(const WorkerTask&) = delete;

    const TaskId& id() const { return m_id; }
    void start();
    // Started or Paused; a paused task keeps its resources and delivers nothing.
    void transitionTo(TargetState state);
    // Asks the loop to finish; awaitStop waits for the thread, true when it ended in time.
    void stop();
    bool awaitStop(std::chrono::milliseconds timeout);
    bool finished() const { return m_finished.load(); }
    // connector-task-metrics plus the source/sink/error groups (spec §10.2–10.5).
    virtual MetricsSnapshot metrics() const;

protected:
    // On the task thread: create clients and call the SDK task's start().
    virtual void initializeAndStart() = 0;
    // On the task thread: the poll/put loop, returning when isStopping().
    virtual void execute() = 0;
    // On the task thread, always: release everything (called after execute or a failure).
    virtual void close() = 0;

    // For derived destructors: the thread must end before their members go.
    void joinThread();
    bool isStopping() const { return m_stopping.load(); }
    bool isPaused() const;
    // Blocks while paused; false when stopping. Reports PAUSED/RUNNING transitions.
    bool awaitUnpaused();
    // Non-blocking form for loops that must keep polling while paused (sink consumers): reports
    // PAUSED/RUNNING on transitions and returns whether the task is paused now.
    bool checkPaused();
    // Sleeps up to timeout, waking early on stop or a state change.
    void waitFor(std::chrono::milliseconds timeout);
    void recordBatchSize(std::size_t n);
    void recordCommit(bool success, double ms);

    std::string logPrefix() const; // "[name|task-0]"

private:
    void run();

    TaskId m_id;
    TaskStatusListener& m_listener;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    TargetState m_target;
    bool m_reportedPaused = false;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_finished{false};
    std::thread m_thread;
    std::mutex m_joinMutex;
    std::condition_variable m_joinCv;

    // connector-task-metrics
    mutable std::mutex m_metricsMutex;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration m_pausedFor{};
    std::chrono::steady_clock::time_point m_pausedSince{};
    AvgMaxStat m_batchSize;
    double m_commitTimeSum = 0;
    double m_commitTimeMax = 0;
    double m_commitSuccess = 0;
    double m_commitFailure = 0;
};

} // namespace connectdesk::runtime
