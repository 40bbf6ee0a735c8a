// Decoding of one config-topic record (spec/connect-data-and-config.md §8.2) into an event the
// console can list: which connector's config, task config, commit, target state, restart request
// or session key was written, with its decoded JSON body.
#pragma once

#include "observe/topic_record.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace connectdesk::observe {

struct ConfigEvent {
    enum Kind {
        ConnectorConfig, // connector-<name>            {"properties":{...}}
        TaskConfig,      // task-<name>-<n>             {"properties":{...}}
        TaskCommit,      // commit-<name>               {"tasks":<int>}
        TargetState,     // target-state-<name>         {"state":..., "state.v2":...}
        SessionKey,      // session-key                 {"key":..., "algorithm":..., "creation-timestamp":...}
        Restart,         // restart-connector-<name>    {"include-tasks":<bool>, "only-failed":<bool>}
        TaskCount,       // tasks-fencing-<name>        {"task-count":<int>}
        Deleted,         // a tombstone of any of these; deletedKind says which
        Undecodable,     // key or value not in Connect's format; `error` says why
        LoggerLevel,     // logger-cluster-<namespace>  {"level":...} (KIP-976); namespace in `name`
    } kind = Undecodable;
    QString connector;
    int task = -1;    // TaskConfig (and its tombstone) only
    QJsonObject body; // the decoded value; empty for tombstones and Undecodable
    QString error;    // Undecodable only
    qint64 timestampMs = -1;
    int partition = -1;
    qint64 offset = -1;
    // Added beyond the contract: the record's key as text, which record a tombstone removed, the
    // logger namespace of LoggerLevel records, and the raw value (escaped) for Undecodable ones.
    QString key;
    Kind deletedKind = Undecodable;
    QString name;
    QString rawValue;
};

// Decodes one config-topic record. Never throws: a key Connect does not write or a value that is
// not the JSON object Connect expects gives Undecodable with the reason, as KafkaConfigBackingStore
// logs and skips such records.
ConfigEvent decodeConfigRecord(const TopicRecord& record);

// "connector config", "task config", ... for lists and logs.
QString configEventKindName(ConfigEvent::Kind kind);

} // namespace connectdesk::observe

Q_DECLARE_METATYPE(connectdesk::observe::ConfigEvent)
