// Measures the sandbox broker: produce rate, consume rate, and where a consumer that lags behind
// the mock cluster's per-partition retention (5 MiB / 100k batches) stalls or loses records.
// Usage: [BENCH_PRODUCER_PROPS=k=v,..] [BENCH_CONSUMER_PROPS=k=v,..] bench_sandbox [records] [valueBytes]
// (defaults 200000 records of 100 bytes)
#include "kafka/kafka_conf.h"
#include "kafka/kafka_error.h"
#include "kafka/sandbox_cluster.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using connectdesk::kafka::ClientProperties;
using connectdesk::kafka::KafkaError;
using connectdesk::kafka::makeClient;
using connectdesk::kafka::makeConf;
using connectdesk::kafka::RdKafkaPtr;
using connectdesk::kafka::RdKafkaTopicPartitionListPtr;
using connectdesk::kafka::RdKafkaTopicPtr;
using connectdesk::kafka::SandboxCluster;
using Clock = std::chrono::steady_clock;

namespace {

struct Scenario {
    const char* name;
    int partitions;
    const char* reset; // consumer auto.offset.reset, or "defaults" for SandboxCluster::consumerDefaults()
    bool concurrent;   // consume while producing (else after everything is delivered)
    const char* compression; // producer compression.type
    bool compressible;       // value bytes: repeated text (true) or pseudo-random (false)
    long ratePerSecond = 0;  // producer pacing, 0 = as fast as possible
};

struct Result {
    double produceSeconds = 0;
    long delivered = 0;
    long deliveryErrors = 0;
    double consumeSeconds = 0;
    long consumed = 0;
    long skipped = 0; // offsets jumped over (deleted by retention before being read)
    long consumedAtFirstSkip = -1;
    bool stalled = false; // nothing arrived for the idle limit before all were accounted for
    std::int64_t lowWatermark0 = 0;
};

// Adds "key=value,key=value" from an environment variable, to try settings without rebuilding.
void addFromEnv(ClientProperties& props, const char* variable)
{
    const char* extra = std::getenv(variable);
    if (!extra)
        return;
    const std::string list(extra);
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        const std::string item = list.substr(start, end - start);
        if (const std::size_t eq = item.find('='); eq != std::string::npos)
            props[item.substr(0, eq)] = item.substr(eq + 1);
        start = end + 1;
    }
}

void onDelivery(rd_kafka_t* /*rk*/, const rd_kafka_message_t* msg, void* opaque)
{
    auto* result = static_cast<Result*>(opaque);
    if (msg->err)
        ++result->deliveryErrors;
    else
        ++result->delivered;
}

std::string makeValue(long seq, std::size_t size, bool compressible, std::uint64_t& rng)
{
    std::string value(size, 'x');
    if (!compressible) {
        for (auto& c : value) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            c = static_cast<char>(rng & 0xff);
        }
    } else {
        for (std::size_t i = 0; i < size; ++i)
            value[i] = "connectdesk sandbox record "[i % 27];
    }
    char head[32];
    const int n = std::snprintf(head, sizeof head, "%012ld;", seq);
    std::memcpy(value.data(), head, std::min<std::size_t>(static_cast<std::size_t>(n), size));
    return value;
}

void produceAll(const SandboxCluster& sandbox, const Scenario& s, long records, std::size_t valueBytes,
                Result& r)
{
    auto conf = makeConf([&] {
        ClientProperties props{{"bootstrap.servers", sandbox.bootstrapServers()},
                               {"compression.type", s.compression}};
        addFromEnv(props, "BENCH_PRODUCER_PROPS");
        return props;
    }());
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &onDelivery);
    rd_kafka_conf_set_opaque(conf.get(), &r);
    RdKafkaPtr producer = makeClient(RD_KAFKA_PRODUCER, std::move(conf));
    RdKafkaTopicPtr topic(rd_kafka_topic_new(producer.get(), s.name, nullptr));
    std::uint64_t rng = 0x9E3779B97F4A7C15ull;
    std::vector<std::string> values;
    values.reserve(1024);
    for (long i = 0; i < 1024; ++i)
        values.push_back(makeValue(i, valueBytes, s.compressible, rng));

    const auto t0 = Clock::now();
    for (long i = 0; i < records; ++i) {
        std::string& v = values[static_cast<std::size_t>(i % 1024)];
        char head[32];
        const int n = std::snprintf(head, sizeof head, "%012ld;", i);
        std::memcpy(v.data(), head, std::min<std::size_t>(static_cast<std::size_t>(n), v.size()));
        const auto partition = static_cast<std::int32_t>(i % s.partitions);
        while (rd_kafka_produce(topic.get(), partition, RD_KAFKA_MSG_F_COPY, v.data(), v.size(), nullptr, 0,
                                nullptr) == -1) {
            const rd_kafka_resp_err_t err = rd_kafka_last_error();
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                throw KafkaError::fromCode(err, "produce");
            rd_kafka_poll(producer.get(), 10);
        }
        rd_kafka_poll(producer.get(), 0);
        if (s.ratePerSecond > 0 && i % 1000 == 999)
            std::this_thread::sleep_until(t0 +
                                          std::chrono::microseconds((i + 1) * 1000000 / s.ratePerSecond));
    }
    rd_kafka_flush(producer.get(), 60000);
    r.produceSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
}

void consumeAll(const SandboxCluster& sandbox, const Scenario& s, long records, Result& r,
                std::atomic<bool>& producerDone, std::atomic<bool>& consumerReady, int idleLimitMs)
{
    ClientProperties props{{"bootstrap.servers", sandbox.bootstrapServers()},
                           {"group.id", std::string("bench-") + s.name},
                           {"enable.auto.commit", "false"},
                           {"enable.partition.eof", "true"}};
    if (std::strcmp(s.reset, "defaults") == 0)
        props.merge(SandboxCluster::consumerDefaults());
    else
        props["auto.offset.reset"] = s.reset;
    addFromEnv(props, "BENCH_CONSUMER_PROPS");
    RdKafkaPtr consumer = makeClient(RD_KAFKA_CONSUMER, makeConf(props));
    // Explicit start at offset 0, as a sink task resuming from a committed offset would: the reset
    // policy only matters once retention has deleted that offset.
    RdKafkaTopicPartitionListPtr assignment(rd_kafka_topic_partition_list_new(s.partitions));
    for (int p = 0; p < s.partitions; ++p)
        rd_kafka_topic_partition_list_add(assignment.get(), s.name, p)->offset = 0;
    if (const auto err = rd_kafka_assign(consumer.get(), assignment.get()))
        throw KafkaError::fromCode(err, "assign");

    std::vector<std::int64_t> next(static_cast<std::size_t>(s.partitions), 0);
    auto t0 = Clock::now();
    auto lastArrival = t0;
    // Idle time counts from the later of the last record and the end of production, so a
    // consumer is not called stalled for the time it waited for records that were not yet written.
    auto idleSince = t0;
    bool sawProducerDone = false;
    bool started = false;
    while (r.consumed + r.skipped < records) {
        rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 100);
        const auto now = Clock::now();
        if (producerDone && !sawProducerDone) {
            sawProducerDone = true;
            idleSince = std::max(idleSince, now);
        }
        if (!m) {
            if (sawProducerDone &&
                std::chrono::duration_cast<std::chrono::milliseconds>(now - idleSince).count() >
                    idleLimitMs) {
                r.stalled = true;
                break;
            }
            continue;
        }
        if (m->err) {
            // The first EOF on the empty partition means fetching has begun: a live scenario then
            // models a sink task already running when records arrive.
            if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
                consumerReady = true;
            rd_kafka_message_destroy(m);
            continue;
        }
        if (!started) {
            started = true;
            t0 = now;
        }
        lastArrival = now;
        idleSince = std::max(idleSince, now);
        auto& expected = next[static_cast<std::size_t>(m->partition)];
        if (m->offset > expected) {
            if (r.consumedAtFirstSkip < 0)
                r.consumedAtFirstSkip = r.consumed;
            r.skipped += m->offset - expected;
        }
        expected = m->offset + 1;
        ++r.consumed;
        rd_kafka_message_destroy(m);
    }
    r.consumeSeconds = std::chrono::duration<double>(lastArrival - t0).count();
    rd_kafka_consumer_close(consumer.get());
}

Result run(const Scenario& s, long records, std::size_t valueBytes)
{
    SandboxCluster sandbox;
    sandbox.start();
    sandbox.createTopic(s.name, s.partitions);
    Result r;
    std::atomic<bool> producerDone{false};
    std::atomic<bool> consumerReady{false};
    if (s.concurrent) {
        std::thread consumerThread(
            [&] { consumeAll(sandbox, s, records, r, producerDone, consumerReady, 3000); });
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (!consumerReady && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        produceAll(sandbox, s, records, valueBytes, r);
        producerDone = true;
        consumerThread.join();
    } else {
        produceAll(sandbox, s, records, valueBytes, r);
        producerDone = true;
        consumeAll(sandbox, s, records, r, producerDone, consumerReady, 3000);
    }
    r.lowWatermark0 = sandbox.watermarks(s.name, 0).low;
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    const long records = argc > 1 ? std::atol(argv[1]) : 200000;
    const std::size_t valueBytes = argc > 2 ? static_cast<std::size_t>(std::atol(argv[2])) : 100;
    const Scenario scenarios[] = {
        {"after-latest-1p", 1, "latest", false, "none", false},
        {"after-earliest-1p", 1, "earliest", false, "none", false},
        {"live-latest-1p", 1, "latest", true, "none", false},
        {"live-earliest-1p", 1, "earliest", true, "none", false},
        {"live-earliest-1p-paced-200k/s", 1, "earliest", true, "none", false, 200000},
        {"live-latest-1p-paced-200k/s", 1, "latest", true, "none", false, 200000},
        {"live-defaults-1p", 1, "defaults", true, "none", false},
        {"live-defaults-1p-paced-200k/s", 1, "defaults", true, "none", false, 200000},
        {"live-defaults-8p", 8, "defaults", true, "none", false},
        {"after-earliest-8p", 8, "earliest", false, "none", false},
        {"after-earliest-1p-lz4-text", 1, "earliest", false, "lz4", true},
        {"after-earliest-1p-lz4-random", 1, "earliest", false, "lz4", false},
    };
    std::printf("sandbox bench: %ld records of %zu bytes per scenario; consumers start at offset 0\n",
                records, valueBytes);
    std::printf("%-32s %11s %11s %9s %9s %11s %9s %8s\n", "scenario", "produce/s", "consume/s", "consumed",
                "skipped", "1st skip@", "low wm p0", "stalled");
    for (const auto& s : scenarios) {
        try {
            const Result r = run(s, records, valueBytes);
            std::printf("%-32s %11.0f %11.0f %9ld %9ld %11ld %9" PRId64 " %8s\n", s.name,
                        static_cast<double>(r.delivered) / r.produceSeconds,
                        r.consumeSeconds > 0 ? static_cast<double>(r.consumed) / r.consumeSeconds : 0.0,
                        r.consumed, r.skipped, r.consumedAtFirstSkip, r.lowWatermark0,
                        r.stalled ? "yes" : "no");
            if (r.deliveryErrors)
                std::printf("  (%ld delivery errors)\n", r.deliveryErrors);
        } catch (const KafkaError& e) {
            std::printf("%-32s failed: %s (%s)\n", s.name, e.what(), e.codeName());
        }
        std::fflush(stdout);
    }
    return 0;
}
