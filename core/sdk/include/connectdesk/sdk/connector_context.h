// What the runtime offers connectors and tasks while they run: asking for task reconfiguration,
// raising errors, reading committed source offsets, and steering sink consumption (Connect's
// ConnectorContext, OffsetStorageReader, SourceTaskContext, SinkTaskContext, ErrantRecordReporter).
#pragma once

#include "connectdesk/sdk/config_map.h"
#include "connectdesk/sdk/source_record.h"

#include <compare>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace connectdesk::sdk {

class SinkRecord;

struct TopicPartition {
    std::string topic;
    std::int32_t partition = 0;
    bool operator==(const TopicPartition&) const = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): false positive of clang-tidy 14 on a defaulted operator<=>
    auto operator<=>(const TopicPartition&) const = default;
};

// Sink offsets the framework commits: the next offset to consume per partition (spec §6.5).
using TopicPartitionOffsets = std::map<TopicPartition, std::int64_t>;

class ConnectorContext {
public:
    virtual ~ConnectorContext();
    // The connector's task configs changed (e.g. new tables found): the runtime calls
    // taskConfigs() again and restarts tasks when they differ.
    virtual void requestTaskReconfiguration() = 0;
    // An unrecoverable error outside start/stop: the connector goes FAILED with this trace.
    virtual void raiseError(const std::string& message) = 0;
};

// Committed source offsets (spec §8.3–8.4): partition map → offset map, nullopt when none.
class OffsetStorageReader {
public:
    virtual ~OffsetStorageReader();
    virtual std::optional<OffsetMap> offset(const OffsetMap& partition) = 0;
};

class SourceConnectorContext : public ConnectorContext {
public:
    virtual OffsetStorageReader& offsetStorageReader() = 0;
};

class SinkConnectorContext : public ConnectorContext {};

class SourceTaskContext {
public:
    virtual ~SourceTaskContext();
    virtual const ConfigMap& configs() const = 0;
    virtual OffsetStorageReader& offsetStorageReader() = 0;
};

// Sends a record the sink task could not handle to the DLQ and/or the error log (KIP-610);
// throws when the error is not tolerated, which fails the task.
class ErrantRecordReporter {
public:
    virtual ~ErrantRecordReporter();
    virtual void report(const SinkRecord& record, const std::exception& error) = 0;
};

class SinkTaskContext {
public:
    virtual ~SinkTaskContext();
    virtual const ConfigMap& configs() const = 0;
    // Rewind or skip: consumption of these partitions restarts at the given offsets.
    virtual void offset(const TopicPartitionOffsets& offsets) = 0;
    virtual void offset(const TopicPartition& partition, std::int64_t offset) = 0;
    // After a RetriableException from put(), wait this long before redelivering.
    virtual void timeout(std::int64_t timeoutMs) = 0;
    virtual std::set<TopicPartition> assignment() const = 0;
    virtual void pause(const std::vector<TopicPartition>& partitions) = 0;
    virtual void resume(const std::vector<TopicPartition>& partitions) = 0;
    // Commit as soon as possible instead of waiting for offset.flush.interval.ms.
    virtual void requestCommit() = 0;
    // Null when neither a DLQ topic nor errors.log.enable is configured (spec §5.3).
    virtual ErrantRecordReporter* errantRecordReporter() = 0;
};

} // namespace connectdesk::sdk
