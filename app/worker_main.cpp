// The headless worker's entry point (connect-standalone style):
//   connectdesk-worker worker.properties [connector.properties|connector.json ...]
#include "runtime/embedded_worker.h"
#include "runtime/worker_config.h"
#include "version.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    // Only async-signal-safe work here: wake the event loop through the pipe.
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

void printUsage(std::FILE* out)
{
    std::fprintf(
        out,
        "usage: connectdesk-worker [--version] [--help] worker.properties [connector.properties|"
        "connector.json ...]\n"
        "\n"
        "Runs a Kafka Connect compatible standalone worker. worker.properties is read like Apache's\n"
        "connect-standalone.properties (which is accepted unchanged). bootstrap.servers=sandbox runs an\n"
        "in-process, in-memory Kafka (not durable). Connector files are .properties or JSON (a flat\n"
        "map or {\"name\":...,\"config\":{...}}). Connector configs and target states persist next to\n"
        "offset.storage.file.filename and come back on the next start. Stop with Ctrl+C / SIGTERM.\n"
        "${connectdesk.state.dir} in values expands to %s.\n",
        connectdesk::runtime::EmbeddedWorker::defaultStateDir().c_str());
}

} // namespace

namespace {

bool restoredUnchanged(connectdesk::runtime::Herder& herder, const connectdesk::runtime::ConfigMap& config)
{
    const auto name = config.find("name");
    if (name == config.end())
        return false;
    std::promise<std::optional<connectdesk::runtime::ConfigMap>> current;
    auto future = current.get_future();
    herder.connectorConfig(
        name->second, [&current](const connectdesk::runtime::Result<connectdesk::runtime::ConfigMap>& r) {
            current.set_value(r.ok() ? std::optional(*r.value) : std::nullopt);
        });
    const auto stored = future.get();
    return stored && *stored == config;
}

// Whether the REST server may need TLS: an https listener (listeners, admin.listeners), or one that
// a config provider resolves later.
bool usesHttps(const std::map<std::string, std::string>& props)
{
    for (const char* key : {"listeners", "admin.listeners"}) {
        const auto it = props.find(key);
        if (it == props.end()) {
            continue;
        }
        std::string value = it->second;
        std::transform(value.begin(), value.end(), value.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        // A config provider reference (${...}) may resolve to https: keep TLS available then.
        if (value.find("https") != std::string::npos || value.find("${") != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("%s\n", connectdesk::versionBanner().c_str());
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            printUsage(stdout);
            return 0;
        }
        files.emplace_back(argv[i]);
    }
    if (files.empty()) {
        printUsage(stderr);
        return 2;
    }

    spdlog::set_default_logger(spdlog::stderr_color_mt("connectdesk"));
    spdlog::set_pattern("[%Y-%m-%d %H:%M:%S.%e] %^%l%$ [%n] %v");
    auto log = spdlog::default_logger();

    QCoreApplication app(argc, argv);
    if (::pipe(g_signalPipe) != 0) {
        log->critical("Cannot create the signal pipe");
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        log->info("Shutdown requested; stopping connectors and tasks");
        app.quit();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    std::unique_ptr<connectdesk::runtime::EmbeddedWorker> worker;
    try {
        auto workerProps = connectdesk::runtime::readPropertiesFile(files.front());
        if (!usesHttps(workerProps)) {
            // Qt HttpServer 6.4 builds a QSslConfiguration even for plain HTTP, which loads Qt's TLS
            // plugins and initializes OpenSSL: ~4 MiB of RSS a worker without https listeners never
            // uses. Without plugin directories no TLS plugin loads (connector plugins are loaded by
            // path, so they are unaffected).
            QCoreApplication::setLibraryPaths({});
            // Qt then says once per server that it found no TLS backend: true, and expected.
            QLoggingCategory::setFilterRules(QStringLiteral("qt.network.ssl.warning=false"));
        }
        worker = std::make_unique<connectdesk::runtime::EmbeddedWorker>(std::move(workerProps));
        worker->start();
        for (std::size_t i = 1; i < files.size(); ++i) {
            const auto config = connectdesk::runtime::readConnectorFile(files[i]);
            // Connectors persist across restarts here (unlike Apache standalone): one restored
            // with exactly this config keeps running instead of being restarted for nothing.
            if (restoredUnchanged(worker->herder(), config)) {
                log->info("Connector {} from {} is already running with this configuration",
                          config.at("name"), files[i]);
                continue;
            }
            worker->putConnector(config);
        }
    } catch (const std::exception& e) {
        log->critical("{}", e.what());
        worker.reset();
        return 1;
    }
    log->info("ConnectDesk worker running ({}); press Ctrl+C to stop", connectdesk::versionBanner());
    const int rc = app.exec();
    worker->stop();
    log->info("Worker stopped");
    return rc;
}
