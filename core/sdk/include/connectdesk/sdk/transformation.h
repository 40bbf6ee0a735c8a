// The interface of a single message transformation (Connect's Transformation<R>): plugin authors
// implement it once per record type and the runtime chains instances per connector (spec §9, §5.1).
#pragma once

#include "connectdesk/sdk/config_def.h"
#include "connectdesk/sdk/config_map.h"
#include "connectdesk/sdk/sink_record.h"
#include "connectdesk/sdk/source_record.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::sdk {

// R is SourceRecord or SinkRecord. One instance serves one task thread, so apply() needs no locks.
template <class R>
class Transformation {
public:
    virtual ~Transformation() = default;

    // The transformation's own keys, without the `transforms.<alias>.` prefix; throws
    // ConfigException (Kafka's wording, unprefixed key name) when a value is not acceptable.
    virtual void configure(const ConfigMap& props) = 0;
    // The definition configure() checks against; shown by connector validation.
    virtual ConfigDef config() const = 0;
    // Takes the record by value so a transformation can move the key, value and headers into the
    // result instead of copying them. nullopt drops the record: later stages are skipped (§5.1).
    // Bad data throws DataException.
    virtual std::optional<R> apply(R record) = 0;
    // Releases resources; called once when the task stops.
    virtual void close() {}
};

// How a plugin library (or the built-in registry) offers a transformation: one factory per record
// type, since a source task chains SourceRecords and a sink task SinkRecords.
struct TransformationPlugin {
    // Fully-qualified class name, e.g. org.apache.kafka.connect.transforms.InsertField$Value.
    std::string className;
    // Extra names accepted in `transforms.<alias>.type`; the registry adds the simple name itself.
    std::vector<std::string> aliases;
    std::string version;
    std::function<std::unique_ptr<Transformation<SourceRecord>>()> createForSource;
    std::function<std::unique_ptr<Transformation<SinkRecord>>()> createForSink;
};

} // namespace connectdesk::sdk
