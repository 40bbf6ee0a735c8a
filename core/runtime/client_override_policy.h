// connector.client.config.override.policy (KIP-458): which producer.override.*, consumer.override.*
// and admin.override.* keys a connector config may carry. Apache's three policies, by class name or
// alias: None (no override), Principal (only security.protocol, sasl.mechanism, sasl.jaas.config),
// All (anything; Apache's default since 3.0).
#pragma once

#include "runtime/herder.h"

#include <string>
#include <utility>
#include <vector>

namespace connectdesk::runtime {

class ClientOverridePolicy {
public:
    enum class Kind { None, Principal, All };

    ClientOverridePolicy() = default; // All
    // A class name such as org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy,
    // its simple name, or the alias None / Principal / All. Throws sdk::ConfigException naming the
    // available policies otherwise.
    static ClientOverridePolicy fromWorkerValue(const std::string& value);

    Kind kind() const { return m_kind; }
    // "None", "Principal" or "All", as Apache's policyName() prints it.
    std::string name() const;

    // The override keys of `config` the policy refuses, with Apache's message each: producer.override.*
    // for sources, consumer.override.* for sinks, admin.override.* for both. Keys are the full
    // connector config keys.
    std::vector<std::pair<std::string, std::string>> violations(const ConfigMap& config,
                                                                ConnectorType type) const;

private:
    Kind m_kind = Kind::All;
};

} // namespace connectdesk::runtime
