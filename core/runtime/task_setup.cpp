#include "runtime/task_setup.h"

#include <connectdesk/sdk/errors.h>

namespace connectdesk::runtime {

namespace {

ConfigMap prefixed(const ConfigMap& props, const std::string& prefix)
{
    ConfigMap out;
    for (const auto& [k, v] : props) {
        if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0) {
            out.emplace(k.substr(prefix.size()), v);
        }
    }
    return out;
}

const sdk::ConverterPlugin& findOrThrow(const Plugins& plugins, const std::string& className,
                                        const char* kind)
{
    const auto* p = plugins.findConverter(className);
    if (p == nullptr ||
        (std::string(kind) == "HeaderConverter" ? !p->createHeaderConverter : !p->createConverter)) {
        throw sdk::ConnectException("Failed to find any class that implements " + std::string(kind) +
                                    " and which name matches " + className);
    }
    return *p;
}

} // namespace

void createConverters(TaskSetup& setup)
{
    const auto& raw = setup.connector.raw;
    const auto& worker = *setup.worker;
    const auto make = [&](const std::string& connectorClass, const std::string& workerClass,
                          const std::string& prefix) {
        const bool own = !connectorClass.empty();
        const std::string cls = own ? connectorClass : workerClass;
        auto props = own ? prefixed(raw, prefix) : worker.withPrefix(prefix);
        return std::make_pair(cls, sdk::ConfigMap(props.begin(), props.end()));
    };
    {
        auto [cls, props] = make(setup.connector.keyConverter, worker.keyConverter, "key.converter.");
        const sdk::ConverterPlugin& plugin = findOrThrow(*setup.plugins, cls, "Converter");
        setup.keyConverter = plugin.createConverter();
        setup.keyConverterClass = plugin.className;
        props["converter.type"] = "key";
        setup.keyConverter->configure(props, true);
    }
    {
        auto [cls, props] = make(setup.connector.valueConverter, worker.valueConverter, "value.converter.");
        const sdk::ConverterPlugin& plugin = findOrThrow(*setup.plugins, cls, "Converter");
        setup.valueConverter = plugin.createConverter();
        setup.valueConverterClass = plugin.className;
        props["converter.type"] = "value";
        setup.valueConverter->configure(props, false);
    }
    {
        auto [cls, props] =
            make(setup.connector.headerConverter, worker.headerConverter, "header.converter.");
        const sdk::ConverterPlugin& plugin = findOrThrow(*setup.plugins, cls, "HeaderConverter");
        setup.headerConverter = plugin.createHeaderConverter();
        setup.headerConverterClass = plugin.className;
        props["converter.type"] = "header";
        setup.headerConverter->configure(props);
    }
}

ConfigMap producerProps(const TaskSetup& setup, const std::string& clientIdPrefix)
{
    ConfigMap p{{"bootstrap.servers", setup.bootstrapServers},
                {"acks", "all"},
                {"enable.idempotence", "false"},
                {"max.in.flight.requests.per.connection", "1"},
                {"delivery.timeout.ms", "2147483647"},
                {"client.id", clientIdPrefix + setup.id.connector + "-" + std::to_string(setup.id.task)}};
    for (const auto& [k, v] : setup.worker->withPrefix("producer.")) {
        p[k] = v;
    }
    for (const auto& [k, v] : prefixed(setup.connector.raw, "producer.override.")) {
        p[k] = v;
    }
    return p;
}

ConfigMap consumerProps(const TaskSetup& setup)
{
    ConfigMap p{
        {"bootstrap.servers", setup.bootstrapServers},
        {"group.id", "connect-" + setup.id.connector},
        {"client.id", "connector-consumer-" + setup.id.connector + "-" + std::to_string(setup.id.task)},
        {"enable.auto.commit", "false"},
        {"auto.offset.reset", "earliest"},
        // librdkafka prefetches up to 100,000 messages per consumer by default (about 20 MiB of
        // 100-byte records); 10,000 keeps a sink near 27 MiB, with the worker waking the fetcher
        // when the queue drains (WorkerSinkTask::wakeIdleFetcher).
        {"queued.min.messages", "10000"}};
    for (const auto& [k, v] : setup.worker->withPrefix("consumer.")) {
        p[k] = v;
    }
    for (const auto& [k, v] : prefixed(setup.connector.raw, "consumer.override.")) {
        p[k] = v;
    }
    return p;
}

ConfigMap adminProps(const WorkerConfig& worker, const ConfigMap& connectorConfig,
                     const std::string& bootstrapServers, const std::string& clientId)
{
    ConfigMap p{{"bootstrap.servers", bootstrapServers}, {"client.id", clientId}};
    for (const auto& [k, v] : worker.withPrefix("admin.")) {
        p[k] = v;
    }
    for (const auto& [k, v] : prefixed(connectorConfig, "admin.override.")) {
        p[k] = v;
    }
    return p;
}

} // namespace connectdesk::runtime
