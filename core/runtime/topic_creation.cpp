#include "runtime/topic_creation.h"

#include "runtime/logging.h"

#include <connectdesk/sdk/errors.h>

#include <charconv>
#include <sstream>

namespace connectdesk::runtime {

namespace {

constexpr const char* kPrefix = "topic.creation.";
constexpr const char* kGroups = "topic.creation.groups";

std::vector<std::string> splitList(const std::string& value)
{
    std::vector<std::string> out;
    std::stringstream ss(value);
    std::string part;
    while (std::getline(ss, part, ',')) {
        const auto first = part.find_first_not_of(" \t");
        const auto last = part.find_last_not_of(" \t");
        if (first != std::string::npos) {
            out.push_back(part.substr(first, last - first + 1));
        }
    }
    return out;
}

std::int32_t parseNumber(const std::string& key, const std::string& value, bool isShort)
{
    std::int32_t n = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, n);
    if (ec != std::errc() || ptr != end || (isShort && (n < -32768 || n > 32767))) {
        throw sdk::ConfigException(key, value,
                                   isShort ? "Not a number of type SHORT" : "Not a number of type INT");
    }
    return n;
}

// TopicCreationConfig's validators.
void checkReplicationFactor(const std::string& key, std::int32_t v)
{
    if (v != -1 && v < 1) {
        throw sdk::ConfigException(
            key, std::to_string(v),
            "Replication factor must be positive and not larger than the number of brokers "
            "in the Kafka cluster, or -1 to use the broker's default");
    }
}

void checkPartitions(const std::string& key, std::int32_t v)
{
    if (v != -1 && v < 1) {
        throw sdk::ConfigException(
            key, std::to_string(v),
            "Number of partitions must be positive, or -1 to use the broker's default");
    }
}

std::shared_ptr<const transforms::JavaRegex> regexOf(const std::string& key,
                                                     const std::vector<std::string>& list)
{
    std::string joined;
    for (const auto& p : list) {
        joined += (joined.empty() ? "" : "|") + p;
    }
    try {
        return std::make_shared<const transforms::JavaRegex>(joined);
    } catch (const std::exception& e) {
        throw sdk::ConfigException(key, joined, e.what());
    }
}

} // namespace

bool TopicCreationGroup::matches(const std::string& topic) const
{
    return include && include->matchesWhole(topic) && !(exclude && exclude->matchesWhole(topic));
}

TopicCreation TopicCreation::parse(bool workerEnabled, const ConfigMap& config)
{
    TopicCreation out;
    const std::string prefix = kPrefix;
    bool uses = false;
    for (const auto& [k, v] : config) {
        uses = uses || k.compare(0, prefix.size(), prefix) == 0;
    }
    if (!workerEnabled || !uses) {
        return out;
    }
    out.m_enabled = true;
    const auto get = [&config](const std::string& key) -> const std::string* {
        auto it = config.find(key);
        return it == config.end() ? nullptr : &it->second;
    };
    const auto required = [&](const std::string& key, bool isShort) {
        const std::string* v = get(key);
        if (v == nullptr) {
            throw sdk::ConfigException("Missing required configuration \"" + key +
                                       "\" which has no default value.");
        }
        return parseNumber(key, *v, isShort);
    };
    const auto fill = [&](TopicCreationGroup& g) {
        const std::string groupPrefix = prefix + g.name + ".";
        for (const auto& [k, v] : config) {
            if (k.size() <= groupPrefix.size() || k.compare(0, groupPrefix.size(), groupPrefix) != 0) {
                continue;
            }
            const std::string rest = k.substr(groupPrefix.size());
            if (rest != "include" && rest != "exclude" && rest != "replication.factor" &&
                rest != "partitions") {
                g.topicConfigs.emplace(rest, v);
            }
        }
    };

    auto& d = out.m_default;
    d.name = "default";
    d.replicationFactor = required(prefix + "default.replication.factor", true);
    checkReplicationFactor(prefix + "default.replication.factor", d.replicationFactor);
    d.partitions = required(prefix + "default.partitions", false);
    checkPartitions(prefix + "default.partitions", d.partitions);
    // The default group takes every topic; user values for its include/exclude are ignored.
    d.include = regexOf(prefix + "default.include", {".*"});
    d.exclude = regexOf(prefix + "default.exclude", {});
    fill(d);

    if (const std::string* groups = get(kGroups)) {
        for (const auto& name : splitList(*groups)) {
            if (name == "default") {
                continue;
            }
            TopicCreationGroup g;
            g.name = name;
            const std::string gp = prefix + name + ".";
            g.replicationFactor = d.replicationFactor;
            if (const std::string* v = get(gp + "replication.factor")) {
                g.replicationFactor = parseNumber(gp + "replication.factor", *v, true);
                checkReplicationFactor(gp + "replication.factor", g.replicationFactor);
            }
            g.partitions = d.partitions;
            if (const std::string* v = get(gp + "partitions")) {
                g.partitions = parseNumber(gp + "partitions", *v, false);
                checkPartitions(gp + "partitions", g.partitions);
            }
            const std::string* inc = get(gp + "include");
            const std::string* exc = get(gp + "exclude");
            g.include = regexOf(gp + "include", inc ? splitList(*inc) : std::vector<std::string>{});
            g.exclude = regexOf(gp + "exclude", exc ? splitList(*exc) : std::vector<std::string>{});
            fill(g);
            out.m_groups.push_back(std::move(g));
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> TopicCreation::validate(bool workerEnabled,
                                                                         const ConfigMap& config)
{
    std::vector<std::pair<std::string, std::string>> errors;
    try {
        parse(workerEnabled, config);
    } catch (const sdk::ConfigException& e) {
        std::string key = e.configName();
        if (key.empty()) {
            // "Missing required configuration \"<key>\" which has no default value."
            const std::string text = e.what();
            const auto open = text.find('"');
            const auto close = open == std::string::npos ? open : text.find('"', open + 1);
            key = close == std::string::npos ? std::string(kPrefix) + "default.replication.factor"
                                             : text.substr(open + 1, close - open - 1);
        }
        errors.emplace_back(key, e.what());
    }
    return errors;
}

const TopicCreationGroup& TopicCreation::groupFor(const std::string& topic) const
{
    for (const auto& g : m_groups) {
        if (g.matches(topic)) {
            return g;
        }
    }
    return m_default;
}

TopicCreator::TopicCreator(TopicCreation creation, ConfigMap adminProps, std::string logPrefix)
    : m_creation(std::move(creation)), m_adminProps(std::move(adminProps)), m_logPrefix(std::move(logPrefix))
{
}

void TopicCreator::ensureSlow(const std::string& topic)
{
    if (m_known.count(topic) != 0) {
        m_lastTopic = topic;
        return;
    }
    auto log = areaLogger("task");
    if (!m_admin) {
        ConfigMap props = m_adminProps;
        // The existence check below must not create the topic through the broker's auto-creation.
        props["allow.auto.create.topics"] = "false";
        m_admin = makeClient(RD_KAFKA_PRODUCER, makeClientConf(props));
    }
    log->info("{} The task will send records to topic '{}' for the first time. Checking whether topic exists",
              m_logPrefix, topic);
    // Describe first, as Apache does, so a task without CREATE permission works on existing topics.
    {
        kafka::RdKafkaTopicPtr handle(rd_kafka_topic_new(m_admin.get(), topic.c_str(), nullptr));
        const rd_kafka_metadata_t* md = nullptr;
        if (handle &&
            rd_kafka_metadata(m_admin.get(), 0, handle.get(), &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            const bool exists = md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR &&
                                md->topics[0].partition_cnt > 0;
            rd_kafka_metadata_destroy(md);
            if (exists) {
                log->info("{} Topic '{}' already exists.", m_logPrefix, topic);
                m_known.insert(topic);
                m_lastTopic = topic;
                return;
            }
        }
    }
    const TopicCreationGroup& group = m_creation.groupFor(topic);
    log->info("{} Creating topic '{}'", m_logPrefix, topic);
    const auto failed = [&](const std::string& why) {
        log->warn("{} Request to create new topic '{}' failed: {}", m_logPrefix, topic, why);
        return sdk::ConnectException(
            "Task failed to create new topic " + topic +
            ". Ensure that the task is authorized to create topics or that the topic "
            "exists and restart the task");
    };
    char err[512];
    kafka::RdKafkaNewTopicPtr newTopic(
        rd_kafka_NewTopic_new(topic.c_str(), group.partitions, group.replicationFactor, err, sizeof err));
    if (!newTopic) {
        throw failed(err);
    }
    for (const auto& [k, v] : group.topicConfigs) {
        if (rd_kafka_NewTopic_set_config(newTopic.get(), k.c_str(), v.c_str()) !=
            RD_KAFKA_RESP_ERR_NO_ERROR) {
            throw failed("invalid topic config " + k);
        }
    }
    RdKafkaQueuePtr queue(rd_kafka_queue_new(m_admin.get()));
    rd_kafka_NewTopic_t* topics[] = {newTopic.get()};
    rd_kafka_CreateTopics(m_admin.get(), topics, 1, nullptr, queue.get());
    kafka::RdKafkaEventPtr ev(rd_kafka_queue_poll(queue.get(), 60000));
    if (!ev) {
        throw failed("timed out");
    }
    if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw failed(rd_kafka_event_error_string(ev.get()));
    }
    std::size_t n = 0;
    const auto** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev.get()), &n);
    const rd_kafka_resp_err_t code =
        n == 1 ? rd_kafka_topic_result_error(results[0]) : RD_KAFKA_RESP_ERR__FAIL;
    if (code == RD_KAFKA_RESP_ERR_NO_ERROR) {
        log->info("{} Created topic '{}' ({} partitions, replication factor {}) using creation group {}",
                  m_logPrefix, topic, group.partitions, group.replicationFactor, group.name);
    } else if (code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        log->info("{} Found existing topic '{}'", m_logPrefix, topic);
    } else {
        const char* why = n == 1 ? rd_kafka_topic_result_error_string(results[0]) : nullptr;
        throw failed(why != nullptr ? why : rd_kafka_err2str(code));
    }
    m_known.insert(topic);
    m_lastTopic = topic;
}

} // namespace connectdesk::runtime
