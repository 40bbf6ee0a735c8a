// The interface of a transformation predicate (Connect's Predicate<R>): decides per record whether
// a transformation applies, optionally negated by `transforms.<alias>.negate` (spec §9, §5.1).
#pragma once

#include "connectdesk/sdk/config_def.h"
#include "connectdesk/sdk/config_map.h"
#include "connectdesk/sdk/sink_record.h"
#include "connectdesk/sdk/source_record.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace connectdesk::sdk {

template <class R>
class Predicate {
public:
    virtual ~Predicate() = default;

    // The predicate's own keys, without the `predicates.<alias>.` prefix; throws ConfigException.
    virtual void configure(const ConfigMap& props) = 0;
    virtual ConfigDef config() const = 0;
    // Must not modify the record; called on the task thread for every record.
    virtual bool test(const R& record) = 0;
    virtual void close() {}
};

// How a plugin library (or the built-in registry) offers a predicate, one factory per record type.
struct PredicatePlugin {
    // Fully-qualified class name, e.g. org.apache.kafka.connect.transforms.predicates.HasHeaderKey.
    std::string className;
    std::vector<std::string> aliases;
    std::string version;
    std::function<std::unique_ptr<Predicate<SourceRecord>>()> createForSource;
    std::function<std::unique_ptr<Predicate<SinkRecord>>()> createForSink;
};

} // namespace connectdesk::sdk
