// A connector that imports data into Kafka (org.apache.kafka.connect.source.SourceConnector).
#pragma once

#include "connectdesk/sdk/connector.h"
#include "connectdesk/sdk/connector_context.h"
#include "connectdesk/sdk/source_record.h"

#include <optional>
#include <utility>
#include <vector>

namespace connectdesk::sdk {

// One entry of a KIP-875 offsets change: nullopt offset means reset (tombstone).
using SourceOffsetChange = std::pair<OffsetMap, std::optional<OffsetMap>>;

class SourceConnector : public Connector {
public:
    ~SourceConnector() override;

    // Checks (and may act on) an offsets change made while the connector is STOPPED; throws
    // ConnectException to reject it. Returns true when the connector confirms it manages
    // offsets only through Connect (changes the REST success message, spec REST §4.20).
    virtual bool alterOffsets(const ConfigMap& connectorConfig,
                              const std::vector<SourceOffsetChange>& offsets);

protected:
    SourceConnectorContext& sourceContext() { return static_cast<SourceConnectorContext&>(context()); }
};

} // namespace connectdesk::sdk
