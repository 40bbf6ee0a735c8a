#include "embedded_kafka.h"

#include "kafka/sandbox_cluster.h"
#include "runtime/kafka_clients.h"

namespace connectdesk::ui::observe {

namespace {
const char* const kRoles[] = {"key.converter", "value.converter", "header.converter"};

bool isConverterKey(const QString& key, const QString& role)
{
    return key == role || key.startsWith(role + QLatin1Char('.'));
}
} // namespace

EmbeddedKafka embeddedKafka(const runtime::ConfigMap& workerProperties, const QString& bootstrap,
                            bool sandbox)
{
    EmbeddedKafka out;
    for (const auto& [key, value] : workerProperties) {
        const QString k = QString::fromStdString(key);
        for (const char* role : kRoles)
            if (isConverterKey(k, QLatin1String(role)))
                out.converters.insert(k, QString::fromStdString(value));
    }
    if (bootstrap.trimmed().isEmpty())
        return out;
    // As the worker's sink consumers (task_setup consumerProps): the sandbox's defaults under the
    // worker's consumer.* settings; the peek assigns partitions itself, so no group settings.
    if (sandbox)
        out.properties = kafka::SandboxCluster::consumerDefaults();
    const std::string prefix = "consumer.";
    for (const auto& [key, value] : workerProperties) {
        if (key.rfind(prefix, 0) != 0)
            continue;
        const std::string k = key.substr(prefix.size());
        if (k.empty() || runtime::isJavaOnlyClientKey(k) || k.rfind("group.", 0) == 0 || k == "client.id" ||
            k == "enable.auto.commit")
            continue;
        out.properties[k] = value;
    }
    out.properties["bootstrap.servers"] = bootstrap.trimmed().toStdString();
    return out;
}

QMap<QString, QString> effectiveConverters(const QMap<QString, QString>& workerConverters,
                                           const QMap<QString, QString>& connectorConfig)
{
    QMap<QString, QString> out;
    for (const char* r : kRoles) {
        const QString role = QLatin1String(r);
        const QMap<QString, QString>& from =
            connectorConfig.value(role).trimmed().isEmpty() ? workerConverters : connectorConfig;
        for (auto it = from.cbegin(); it != from.cend(); ++it)
            if (isConverterKey(it.key(), role))
                out.insert(it.key(), it.value());
    }
    return out;
}

} // namespace connectdesk::ui::observe
