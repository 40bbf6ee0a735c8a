// Topic creation for source connectors (KIP-158; spec/connect-data-and-config.md §5.4): the
// topic.creation.* groups of a connector parsed once, and the per-task creator that makes a
// missing topic through the Admin API before the first record goes to it, once per topic.
#pragma once

#include "runtime/herder.h"
#include "runtime/kafka_clients.h"
#include "transforms/java_regex.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace connectdesk::runtime {

// One group: which topics it covers and how they are created (TopicCreationGroup).
struct TopicCreationGroup {
    std::string name;
    std::int32_t partitions = -1;        // -1: the broker's default
    std::int32_t replicationFactor = -1; // -1: the broker's default
    ConfigMap topicConfigs;              // every other topic.creation.<group>.* key
    // The include patterns joined with '|' (Java's Pattern.matches on the whole name); an exclude
    // match wins over an include match.
    std::shared_ptr<const transforms::JavaRegex> include;
    std::shared_ptr<const transforms::JavaRegex> exclude;

    bool matches(const std::string& topic) const;
};

class TopicCreation {
public:
    // Disabled (enabled() false) when the worker's topic.creation.enable is off or the connector
    // has no topic.creation.* key. Throws sdk::ConfigException with Apache's wording for a missing
    // default replication factor / partition count, bad numbers or bad regexes.
    static TopicCreation parse(bool workerEnabled, const ConfigMap& connectorConfig);

    // The same checks as parse, as (config key, Apache's message) pairs for connector validation
    // (SourceConnectorConfig's enriched definition); empty when the settings are valid.
    static std::vector<std::pair<std::string, std::string>> validate(bool workerEnabled,
                                                                     const ConfigMap& connectorConfig);

    bool enabled() const { return m_enabled; }
    // The first group of topic.creation.groups, in order, that matches; else "default".
    const TopicCreationGroup& groupFor(const std::string& topic) const;
    const std::vector<TopicCreationGroup>& groups() const { return m_groups; }
    const TopicCreationGroup& defaultGroup() const { return m_default; }

private:
    bool m_enabled = false;
    TopicCreationGroup m_default;
    std::vector<TopicCreationGroup> m_groups;
};

// Used by one source task on its own thread.
class TopicCreator {
public:
    // adminProps: the task's admin client settings (spec §4.4); the client is made on first use.
    TopicCreator(TopicCreation creation, ConfigMap adminProps, std::string logPrefix);

    // Creates the topic the first time it is seen unless it exists; returns quickly for a topic
    // already handled. Throws sdk::ConnectException with Apache's message when creation fails.
    void ensure(const std::string& topic)
    {
        if (topic != m_lastTopic) {
            ensureSlow(topic);
        }
    }

private:
    void ensureSlow(const std::string& topic);

    TopicCreation m_creation;
    ConfigMap m_adminProps;
    std::string m_logPrefix;
    RdKafkaPtr m_admin;
    std::set<std::string> m_known;
    std::string m_lastTopic;
};

} // namespace connectdesk::runtime
