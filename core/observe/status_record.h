// Decoding of one status-topic record (spec/connect-data-and-config.md §8.1) into a timeline event:
// which connector or task changed state, to what, on which worker, with which trace.
#pragma once

#include "observe/topic_record.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <optional>

namespace connectdesk::observe {

enum class StatusRecordKind : std::uint8_t {
    Connector,   // status-connector-<name>
    Task,        // status-task-<name>-<id>
    Topic,       // status-topic-<topic>:connector-<name> (active topic tracking)
    Undecodable, // key or value not in Connect's format; `error` says why
};

struct StatusEvent {
    StatusRecordKind kind = StatusRecordKind::Undecodable;
    QString connector;
    // Task id, -1 for a connector (and for topic records, whose task is in topicTask).
    int task = -1;
    // A tombstone: the connector/task status was removed (connector deleted) or the topic is no
    // longer tracked (topic reset); state, trace, workerId and generation are then unset.
    bool deleted = false;
    // UNASSIGNED, RUNNING, PAUSED, FAILED, DESTROYED, RESTARTING or STOPPED (§8.1).
    QString state;
    // Stack trace of a failure; std::nullopt when Connect wrote `"trace":null`.
    std::optional<QString> trace;
    QString workerId;
    std::int64_t generation = -1;
    // Topic records only: the topic name, the task that reported it and when it was discovered.
    QString topic;
    int topicTask = -1;
    std::int64_t discoverTimestampMs = -1;
    // Where the record sits in Kafka and when it was written (Kafka timestamp, epoch ms).
    std::int64_t timestampMs = -1;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    // Undecodable records: the reason, plus the raw key/value shown escaped.
    QString error;
    QString rawKey;
    QString rawValue;
};

// Decodes one status-topic record. Never throws: anything Connect would not accept (unknown key
// prefix, bad task id, non-JSON value, unknown state, missing state/generation) gives kind
// Undecodable with the reason in `error`, mirroring KafkaStatusBackingStore, which logs and skips
// such records.
StatusEvent decodeStatusRecord(const TopicRecord& record);

} // namespace connectdesk::observe

Q_DECLARE_METATYPE(connectdesk::observe::StatusEvent)
