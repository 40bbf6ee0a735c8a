#include "runtime/client_override_policy.h"

#include <connectdesk/sdk/errors.h>

#include <array>

namespace connectdesk::runtime {

namespace {

constexpr const char* kPackage = "org.apache.kafka.connect.connector.policy.";
constexpr const char* kSuffix = "ConnectorClientConfigOverridePolicy";

struct Known {
    ClientOverridePolicy::Kind kind;
    const char* alias;
};
constexpr std::array<Known, 3> kKnown{{{ClientOverridePolicy::Kind::All, "All"},
                                       {ClientOverridePolicy::Kind::None, "None"},
                                       {ClientOverridePolicy::Kind::Principal, "Principal"}}};

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

ClientOverridePolicy ClientOverridePolicy::fromWorkerValue(const std::string& value)
{
    for (const Known& k : kKnown) {
        const std::string simple = std::string(k.alias) + kSuffix;
        if (value == k.alias || value == simple || value == kPackage + simple) {
            ClientOverridePolicy policy;
            policy.m_kind = k.kind;
            return policy;
        }
    }
    std::string available;
    for (const Known& k : kKnown) {
        available += (available.empty() ? "" : ", ") + std::string(kPackage) + k.alias + kSuffix;
    }
    throw sdk::ConfigException("Failed to find any class that implements ConnectorClientConfigOverridePolicy "
                               "and which name matches " +
                               value + ", available policies are: " + available);
}

std::string ClientOverridePolicy::name() const
{
    for (const Known& k : kKnown) {
        if (k.kind == m_kind) {
            return k.alias;
        }
    }
    return "All";
}

std::vector<std::pair<std::string, std::string>> ClientOverridePolicy::violations(const ConfigMap& config,
                                                                                  ConnectorType type) const
{
    std::vector<std::pair<std::string, std::string>> out;
    if (m_kind == Kind::All) {
        return out;
    }
    std::vector<std::string> prefixes{"admin.override."};
    if (type == ConnectorType::Source) {
        prefixes.emplace_back("producer.override.");
    } else if (type == ConnectorType::Sink) {
        prefixes.emplace_back("consumer.override.");
    }
    for (const auto& [key, value] : config) {
        for (const std::string& prefix : prefixes) {
            if (!startsWith(key, prefix)) {
                continue;
            }
            const std::string client = key.substr(prefix.size());
            const bool allowed =
                m_kind == Kind::Principal &&
                (client == "security.protocol" || client == "sasl.mechanism" || client == "sasl.jaas.config");
            if (!allowed) {
                // AbstractConnectorClientConfigOverridePolicy names the client key without its prefix.
                out.emplace_back(key, "The '" + name() + "' policy does not allow '" + client +
                                          "' to be overridden in the connector configuration.");
            }
        }
    }
    return out;
}

} // namespace connectdesk::runtime
