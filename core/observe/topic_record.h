// One Kafka record as the observability readers hand it around: bytes copied out of librdkafka,
// so decoders stay pure functions that unit tests can feed with hand-written records.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace connectdesk::observe {

// librdkafka properties (bootstrap.servers plus security settings), passed as the UI holds them.
using ClientProperties = std::map<std::string, std::string>;

struct TopicRecord {
    QString topic;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    // Kafka record timestamp in epoch ms; -1 when the record has none.
    std::int64_t timestampMs = -1;
    // std::nullopt is Kafka null (a tombstone value), which differs from empty bytes.
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    QList<QPair<QString, std::optional<QByteArray>>> headers;
};

// Printable ASCII kept, everything else as \xNN (and \\ for a backslash), so undecodable bytes can
// be shown on one line without losing information.
QString escapedBytes(const QByteArray& bytes);

// Lower-case hex pairs separated by spaces ("7b 22 61").
QString hexBytes(const QByteArray& bytes);

} // namespace connectdesk::observe

Q_DECLARE_METATYPE(connectdesk::observe::TopicRecord)
