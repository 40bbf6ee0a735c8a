// Out-of-line destructors and default implementations of the connector API, so their vtables
// live once in the SDK library and plugins share them with the runtime.
#include "connectdesk/sdk/connector.h"
#include "connectdesk/sdk/connector_context.h"
#include "connectdesk/sdk/sink_connector.h"
#include "connectdesk/sdk/sink_task.h"
#include "connectdesk/sdk/source_connector.h"
#include "connectdesk/sdk/source_task.h"

namespace connectdesk::sdk {

ConnectorContext::~ConnectorContext() = default;
OffsetStorageReader::~OffsetStorageReader() = default;
SourceTaskContext::~SourceTaskContext() = default;
ErrantRecordReporter::~ErrantRecordReporter() = default;
SinkTaskContext::~SinkTaskContext() = default;

Connector::~Connector() = default;

std::vector<ConfigDef::ConfigValue> Connector::validate(const ConfigMap& props)
{
    return config().validate(props);
}

SourceConnector::~SourceConnector() = default;

bool SourceConnector::alterOffsets(const ConfigMap&, const std::vector<SourceOffsetChange>&)
{
    return false;
}

SinkConnector::~SinkConnector() = default;

bool SinkConnector::alterOffsets(const ConfigMap&,
                                 const std::map<TopicPartition, std::optional<std::int64_t>>&)
{
    return false;
}

SourceTask::~SourceTask() = default;

void SourceTask::commitRecord(const SourceRecord&, const RecordMetadata*) {}

void SourceTask::pollInto(SourceRecordBatch& records)
{
    for (SourceRecord& record : poll()) {
        records.push_back(std::move(record));
    }
}

SinkTask::~SinkTask() = default;

void SinkTask::open(const std::vector<TopicPartition>&) {}

void SinkTask::flush(const TopicPartitionOffsets&) {}

TopicPartitionOffsets SinkTask::preCommit(const TopicPartitionOffsets& currentOffsets)
{
    flush(currentOffsets);
    return currentOffsets;
}

void SinkTask::close(const std::vector<TopicPartition>&) {}

} // namespace connectdesk::sdk
