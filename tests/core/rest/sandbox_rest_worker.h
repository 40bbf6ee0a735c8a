// What the REST tests call "our worker": a StandaloneHerder on the sandbox cluster, served by a
// RestServer on an ephemeral loopback port. The tests keep ownership (tst_rest_hostile keeps some
// objects alive until exit on purpose), these only spare them the same start-up lines.
#pragma once

#include "kafka/sandbox_cluster.h"
#include "rest/rest_server.h"
#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"
#include "runtime/worker_config.h"

#include <QString>
#include <QUrl>

#include <memory>
#include <string>

namespace connectdesk::testing {

// A started herder with `workerProps` (bootstrap.servers=sandbox and the rest), worker id
// 127.0.0.1:8083 as Apache's default listener would give.
inline std::unique_ptr<runtime::StandaloneHerder> startSandboxHerder(const runtime::ConfigMap& workerProps,
                                                                     const runtime::Plugins& plugins,
                                                                     const kafka::SandboxCluster& kafka)
{
    auto herder =
        std::make_unique<runtime::StandaloneHerder>(runtime::WorkerConfig::parse(workerProps), plugins,
                                                    "127.0.0.1:8083", kafka.bootstrapServers(), "sandbox");
    herder->start();
    return herder;
}

// Serves `herder` on 127.0.0.1 with an ephemeral port (the listeners of `config` are replaced) into
// `server`; its URL, or an empty URL with `problem` saying why it did not start.
inline QUrl startLoopbackRestServer(runtime::Herder& herder, rest::RestServerConfig config,
                                    std::unique_ptr<rest::RestServer>& server, std::string& problem)
{
    config.listeners = {"http://127.0.0.1:0"};
    server = std::make_unique<rest::RestServer>(herder, config);
    if (!server->start(problem)) {
        return {};
    }
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->boundPorts().front()));
}

} // namespace connectdesk::testing
