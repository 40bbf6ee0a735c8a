// How the console reads the embedded worker's Kafka cluster for its Peek tab: the client
// properties its sink tasks consume with (the resolved bootstrap, the sandbox's consumer defaults,
// the worker's consumer.* settings) and the worker's converter settings, which every connector
// that names no converter of its own inherits (spec/connect-data-and-config.md §5.1).
#pragma once

#include "observe/topic_record.h"
#include "runtime/herder.h"

#include <QMap>
#include <QString>

namespace connectdesk::ui::observe {

struct EmbeddedKafka {
    connectdesk::observe::ClientProperties properties; // empty: the address is not known
    // The worker's key.converter*, value.converter* and header.converter* properties.
    QMap<QString, QString> converters;
};

// `bootstrap` is the address the running worker resolved (the sandbox's loopback listener for
// bootstrap.servers=sandbox); empty when the console does not know it.
EmbeddedKafka embeddedKafka(const runtime::ConfigMap& workerProperties, const QString& bootstrap,
                            bool sandbox);

// What a connector's records are decoded with: per role (key, value, header) the connector's own
// `<role>.converter*` keys when it names a `<role>.converter`, else the worker's (Apache's
// Worker.newConverter / newHeaderConverter).
QMap<QString, QString> effectiveConverters(const QMap<QString, QString>& workerConverters,
                                           const QMap<QString, QString>& connectorConfig);

} // namespace connectdesk::ui::observe
