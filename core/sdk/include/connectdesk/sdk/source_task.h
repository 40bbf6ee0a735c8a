// A source task: polls records from an external system; the runtime converts and produces them
// and commits their source offsets (org.apache.kafka.connect.source.SourceTask, spec §6.3).
#pragma once

#include "connectdesk/sdk/config_map.h"
#include "connectdesk/sdk/connector_context.h"
#include "connectdesk/sdk/source_record.h"
#include "connectdesk/sdk/source_record_batch.h"

#include <cstdint>
#include <string>
#include <vector>

namespace connectdesk::sdk {

// Where Kafka stored an acknowledged record (RecordMetadata).
struct RecordMetadata {
    std::string topic;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    std::int64_t timestamp = -1;
};

class SourceTask {
public:
    virtual ~SourceTask();

    virtual std::string version() const = 0;
    virtual void start(const ConfigMap& props) = 0;
    // Records available now; an empty batch is Java's null. Should return within about a second
    // when there is nothing, so pause/stop requests are seen. May throw RetriableException.
    virtual std::vector<SourceRecord> poll() = 0;
    // The same, appending to `records`: the worker passes its last batch back, emptied, with the
    // records it held kept as spent ones, so a task that returns hundreds of records per poll
    // builds them in that storage (SourceRecordBatch::addText() also reuses each spent record's
    // buffers; FileStreamSource does). A RetriableException drops what was appended. The default
    // appends what poll() returns. ConnectDesk's own; Apache's SourceTask has no such method.
    virtual void pollInto(SourceRecordBatch& records);
    // Offsets up to the last flush are durable.
    virtual void commit() {}
    // One record was acknowledged by Kafka (metadata) or dropped by SMTs/tolerated errors (null).
    virtual void commitRecord(const SourceRecord& record, const RecordMetadata* metadata);
    // Called on the task's thread after the last poll() returned.
    virtual void stop() = 0;
    // Whether commitRecord() does anything. A task that does not override it may return false:
    // the worker then never calls commitRecord() and keeps only each record's source offset until
    // Kafka acknowledges it instead of the whole record (about 0.75 KiB less per record in flight
    // for a 100-byte line). ConnectDesk's own hint; Apache's SourceTask has no such method.
    virtual bool usesCommitRecord() const { return true; }

    void initialize(SourceTaskContext& context) { m_context = &context; }

protected:
    SourceTaskContext& context() { return *m_context; }

private:
    SourceTaskContext* m_context = nullptr;
};

} // namespace connectdesk::sdk
