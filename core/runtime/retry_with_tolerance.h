// errors.retry.timeout / errors.retry.delay.max.ms / errors.tolerance applied to one operation,
// in one place (Apache's RetryWithToleranceOperator; spec/connect-data-and-config.md §5.2), with
// the task-error-metrics counters (§10.5).
#pragma once

#include "runtime/connector_config.h"

#include <connectdesk/sdk/errors.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <thread>

namespace connectdesk::runtime {

struct ErrorMetrics {
    std::atomic<std::int64_t> recordFailures{0};
    std::atomic<std::int64_t> recordErrors{0};
    std::atomic<std::int64_t> recordsSkipped{0};
    std::atomic<std::int64_t> retries{0};
    std::atomic<std::int64_t> errorsLogged{0};
    std::atomic<std::int64_t> dlqRequests{0};
    std::atomic<std::int64_t> dlqFailures{0};
    std::atomic<std::int64_t> lastErrorTimestamp{0};
};

class RetryWithTolerance {
public:
    RetryWithTolerance(ErrorHandlingConfig config, ErrorMetrics& metrics, std::function<bool()> stopping)
        : m_config(std::move(config)), m_metrics(metrics), m_stopping(std::move(stopping))
    {
    }

    // Runs op; RetriableException is retried with Connect's backoff until the retry timeout.
    // Returns true when op succeeded, false when its failure was tolerated (record to skip);
    // rethrows when not tolerated. lastError receives the failure text.
    template <class Op>
    bool run(Op&& op, std::string* lastError = nullptr)
    {
        // No clock read with the default errors.retry.timeout=0 (no retries): this runs once per
        // record on the task threads, where a clock read costs more than a string conversion.
        const auto deadline =
            m_config.retryTimeoutMs < 0 ? std::chrono::steady_clock::time_point::max()
            : m_config.retryTimeoutMs == 0
                ? std::chrono::steady_clock::time_point::min()
                : std::chrono::steady_clock::now() + std::chrono::milliseconds(m_config.retryTimeoutMs);
        int attempt = 0;
        while (true) {
            ++attempt;
            try {
                op();
                return true;
            } catch (const sdk::RetriableException& e) {
                recordFailure();
                if (std::chrono::steady_clock::now() < deadline && !m_stopping()) {
                    m_metrics.retries++;
                    backoff(attempt, deadline);
                    continue;
                }
                return tolerate(e, lastError);
            } catch (const std::exception& e) {
                recordFailure();
                return tolerate(e, lastError);
            }
        }
    }

    bool toleratesAll() const { return m_config.toleranceAll; }
    // Whether a failing op may run again (errors.retry.timeout other than 0).
    bool retries() const { return m_config.retryTimeoutMs != 0; }

private:
    void recordFailure()
    {
        m_metrics.recordFailures++;
        m_metrics.lastErrorTimestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
    }

    bool tolerate(const std::exception& e, std::string* lastError)
    {
        m_metrics.recordErrors++;
        if (lastError != nullptr) {
            *lastError = e.what();
        }
        if (!m_config.toleranceAll) {
            throw;
        }
        m_metrics.recordsSkipped++;
        return false;
    }

    // 300 ms × 2^(n−1), random in [0, max) once past errors.retry.delay.max.ms, never past the
    // deadline (spec §5.2).
    void backoff(int attempt, std::chrono::steady_clock::time_point deadline)
    {
        double delay = 300.0 * static_cast<double>(1LL << std::min(attempt - 1, 20));
        if (delay > static_cast<double>(m_config.retryDelayMaxMs)) {
            std::uniform_real_distribution<double> dist(0, static_cast<double>(m_config.retryDelayMaxMs));
            delay = dist(m_random);
        }
        auto until =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(delay));
        if (until > deadline) {
            until = deadline;
        }
        while (std::chrono::steady_clock::now() < until && !m_stopping()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    ErrorHandlingConfig m_config;
    ErrorMetrics& m_metrics;
    std::function<bool()> m_stopping;
    std::mt19937 m_random{std::random_device{}()};
};

} // namespace connectdesk::runtime
