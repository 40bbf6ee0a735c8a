// Decoding of one offsets-topic record (spec/connect-data-and-config.md §8.3): which source
// connector stored which offset for which source partition, or reset it (a tombstone).
#pragma once

#include "observe/topic_record.h"

#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace connectdesk::observe {

struct OffsetEvent {
    QString connector;
    QJsonValue sourcePartition;             // the partition map from the key ["<connector>", {...}]
    std::optional<QJsonValue> sourceOffset; // nullopt: tombstone (offset reset)
    QString error;                          // non-empty: undecodable
    qint64 timestampMs = -1;
    int partition = -1;
    qint64 offset = -1;
    // Added beyond the contract: the key and value as text (escaped), for showing undecodables.
    QString rawKey;
    QString rawValue;
};

// Decodes one offsets-topic record. Never throws. A key that is not a two-element JSON array of a
// string and an object (or null), or a value that is not a JSON object, sets `error` (Connect
// ignores such rows when listing a connector's offsets).
OffsetEvent decodeOffsetRecord(const TopicRecord& record);

} // namespace connectdesk::observe

Q_DECLARE_METATYPE(connectdesk::observe::OffsetEvent)
