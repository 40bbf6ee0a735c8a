// Prints end-to-end FileStream throughput of the worker (file → Kafka → file, StringConverter)
// on the sandbox cluster and, when KAFKA_BOOTSTRAP is given (argument or harness env), on a real
// broker: records/s, MB/s and the source/sink ratio of task metrics.
//   bench_worker_filestream [lines] [bootstrap]
#include "harness_env.h"
#include "runtime/embedded_worker.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QUuid>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace connectdesk::runtime;

namespace {

long long countLines(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    long long n = 0;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            n += buf[i] == '\n';
        }
    }
    return n;
}

void run(const char* label, const std::string& bootstrap, long long lines)
{
    QTemporaryDir dir;
    const std::string in = dir.filePath(QStringLiteral("in.txt")).toStdString();
    const std::string out = dir.filePath(QStringLiteral("out.txt")).toStdString();
    {
        std::ofstream f(in);
        for (long long i = 0; i < lines; ++i) {
            f << "record-" << i << " the quick brown fox jumps over the lazy dog 0123456789\n";
        }
    }
    const std::string topic = "bench-" + QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString();
    EmbeddedWorker worker({{"bootstrap.servers", bootstrap},
                           {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                           {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                           {"offset.storage.file.filename", dir.filePath(QStringLiteral("o")).toStdString()},
                           {"offset.flush.interval.ms", "5000"}},
                          EmbeddedWorker::Options{false});
    worker.start();
    const auto t0 = std::chrono::steady_clock::now();
    worker.putConnector(
        {{"name", "bench-src"}, {"connector.class", "FileStreamSource"}, {"file", in}, {"topic", topic}});
    worker.putConnector(
        {{"name", "bench-sink"}, {"connector.class", "FileStreamSink"}, {"file", out}, {"topics", topic}});
    const auto deadline = t0 + std::chrono::minutes(5);
    while (countLines(out) < lines && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long long got = countLines(out);
    std::ifstream sz(in, std::ios::binary | std::ios::ate);
    const double mb = static_cast<double>(sz.tellg()) / 1e6;
    std::printf("%-8s %9lld lines  %6.2f s  %9.0f records/s  %6.1f MB/s  (delivered %lld)\n", label, lines, s,
                static_cast<double>(got) / s, mb / s, got);
    worker.stop();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const long long lines = argc > 1 ? std::atoll(argv[1]) : 300000;
    std::string real =
        argc > 2 ? argv[2]
                 : connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP")).toStdString();
    run("sandbox", "sandbox", std::min(lines, 40000LL)); // the mock keeps 5 MiB per partition
    if (!real.empty()) {
        run("broker", real, lines);
    } else {
        std::printf("broker   (skipped: no KAFKA_BOOTSTRAP; pass a bootstrap address as 2nd argument)\n");
    }
    return 0;
}
