#include "runtime/sampled_rate.h"

#include "runtime/worker_config.h"

#include <algorithm>
#include <stdexcept>

namespace connectdesk::runtime {

SampledRate::Config SampledRate::Config::fromWorkerProps(const ConfigMap& metricsPrefixed)
{
    Config config;
    const auto number = [&](const char* key, long long fallback) {
        const auto it = metricsPrefixed.find(key);
        if (it == metricsPrefixed.end())
            return fallback;
        try {
            return std::max(1LL, std::stoll(it->second));
        } catch (const std::exception&) {
            return fallback; // the worker's config definition reports the bad value itself
        }
    };
    config.sampleWindow = std::chrono::milliseconds(number("sample.window.ms", 30000));
    config.samples = static_cast<int>(std::min(1000LL, number("num.samples", 2)));
    return config;
}

SampledRate::Config SampledRate::Config::fromWorker(const WorkerConfig* worker)
{
    return worker != nullptr ? fromWorkerProps(worker->withPrefix("metrics.")) : Config{};
}

SampledRate::SampledRate() : SampledRate(Config{}) {}

SampledRate::SampledRate(Config config) : m_config(config)
{
    m_config.samples = std::max(1, m_config.samples);
    if (m_config.sampleWindow.count() <= 0)
        m_config.sampleWindow = std::chrono::milliseconds(30000);
}

void SampledRate::purge(Clock::time_point now) const
{
    // A sample is obsolete once it ended more than samples × window ago (Apache's SampledStat).
    const auto horizon = m_config.sampleWindow * m_config.samples;
    m_samples.erase(std::remove_if(m_samples.begin(), m_samples.end(),
                                   [&](const Sample& s) { return now - s.start >= horizon; }),
                    m_samples.end());
}

void SampledRate::record(double count, Clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    if (m_samples.empty() || now - m_samples.back().start >= m_config.sampleWindow) {
        purge(now);
        m_samples.push_back({now, 0});
    }
    m_samples.back().sum += count;
}

void SampledRate::recordTotal(std::int64_t total, Clock::time_point now)
{
    std::int64_t delta = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_lastTotal >= 0 && total > m_lastTotal)
            delta = total - m_lastTotal;
        m_lastTotal = total;
    }
    // An empty first sample starts the clock, so the window counts from when the task began.
    record(static_cast<double>(delta), now);
}

double SampledRate::perSecond(Clock::time_point now) const
{
    std::lock_guard lock(m_mutex);
    purge(now);
    if (m_samples.empty())
        return 0;
    double sum = 0;
    for (const Sample& s : m_samples)
        sum += s.sum;
    auto elapsed = now - m_samples.front().start;
    const std::int64_t full = elapsed / m_config.sampleWindow;
    const std::int64_t minimumFull = m_config.samples - 1;
    if (full < minimumFull)
        elapsed += (minimumFull - full) * m_config.sampleWindow;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    return seconds > 0 ? sum / seconds : 0;
}

} // namespace connectdesk::runtime
