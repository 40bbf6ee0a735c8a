// A per-second rate over a sliding window of samples, measured as Apache Kafka's metrics library
// measures its Rate stat (what the *-rate metrics of spec §10 report): events are added to the
// current sample of `sampleWindow`; samples older than samples × sampleWindow are dropped; the
// rate is the sum of the live samples over the time since the oldest one began, but never over
// less than (samples − 1) full windows, so a young task's rate starts low instead of spiking.
#pragma once

#include "runtime/herder.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

namespace connectdesk::runtime {

struct WorkerConfig;

class SampledRate {
public:
    using Clock = std::chrono::steady_clock;

    struct Config {
        std::chrono::milliseconds sampleWindow{30000}; // metrics.sample.window.ms
        int samples = 2;                               // metrics.num.samples
        // The worker's metrics.sample.window.ms and metrics.num.samples, Apache's defaults otherwise.
        static Config fromWorkerProps(const ConfigMap& metricsPrefixed);
        // The same from a parsed worker config; Apache's defaults for null.
        static Config fromWorker(const WorkerConfig* worker);
    };

    SampledRate(); // Apache's defaults
    explicit SampledRate(Config config);

    // Adds `count` events at `now`. Thread-safe.
    void record(double count, Clock::time_point now = Clock::now());
    // Adds the growth of a cumulative counter since the last call (the first call only sets the
    // baseline). For loops that already keep totals: call once per iteration. Thread-safe.
    void recordTotal(std::int64_t total, Clock::time_point now = Clock::now());
    // Events per second at `now`. Thread-safe.
    double perSecond(Clock::time_point now = Clock::now()) const;

private:
    struct Sample {
        Clock::time_point start;
        double sum = 0;
    };
    void purge(Clock::time_point now) const;

    Config m_config;
    mutable std::mutex m_mutex;
    mutable std::vector<Sample> m_samples; // oldest first
    std::int64_t m_lastTotal = -1;
};

} // namespace connectdesk::runtime
