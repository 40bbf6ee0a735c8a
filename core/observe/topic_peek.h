// The last records of a topic, decoded with a connector's converter settings through the same
// converter classes the worker uses (core/converters), so the console shows what a sink would read.
#pragma once

#include "observe/topic_record.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace connectdesk::observe {

struct PeekedRecord {
    TopicRecord raw;
    QString keyText, valueText; // pretty-printed JSON when JSON, else text (escapedBytes for binary)
    QString keySchemaText, valueSchemaText; // pretty schema JSON for JsonConverter envelopes, else empty
    QString decodeError;                    // why a value could not be decoded with the given converter
    // Added beyond the contract: each header's name and its value decoded with the header
    // converter (SimpleHeaderConverter unless header.converter says otherwise), in record order.
    QList<QPair<QString, QString>> headers;
    QString keyDecodeError; // why the key could not be decoded with the given key converter
};

struct PeekRequest {
    ClientProperties properties;
    QString topic;
    int lastN = 20; // over all partitions, newest last
    // Connector config keys: key.converter, value.converter, value.converter.schemas.enable ...
    // A missing key.converter/value.converter is guessed per record: a JsonConverter envelope
    // ({"schema":..., "payload":...}) is shown as one, other JSON pretty-printed, anything else as text.
    QMap<QString, QString> converterConfig;
    int timeoutMs = 10000;
};

struct PeekResult {
    QList<PeekedRecord> records;
    QString error; // unreachable broker, missing topic, unknown converter class, timeout
};

// BLOCKING: call it off the GUI thread; never throws. Reads the newest `lastN` records of every
// partition, then keeps the newest `lastN` overall ordered by timestamp (then partition, offset).
PeekResult peekLast(const PeekRequest& request);

} // namespace connectdesk::observe

Q_DECLARE_METATYPE(connectdesk::observe::PeekedRecord)
Q_DECLARE_METATYPE(connectdesk::observe::PeekResult)
