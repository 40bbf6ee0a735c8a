// A connector that exports data from Kafka (org.apache.kafka.connect.sink.SinkConnector).
#pragma once

#include "connectdesk/sdk/connector.h"
#include "connectdesk/sdk/connector_context.h"

#include <map>
#include <optional>

namespace connectdesk::sdk {

class SinkConnector : public Connector {
public:
    ~SinkConnector() override;

    // The sink counterpart of SourceConnector::alterOffsets; nullopt offset = reset.
    virtual bool alterOffsets(const ConfigMap& connectorConfig,
                              const std::map<TopicPartition, std::optional<std::int64_t>>& offsets);
};

} // namespace connectdesk::sdk
