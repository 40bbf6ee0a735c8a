// TimestampRouter and RegexRouter: rewrite the record topic from a format with the record
// timestamp, or from a whole-topic regex match (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/java_regex.h"
#include "transforms/simple_date_format.h"
#include "transforms/transform_support.h"

#include <memory>
#include <stdexcept>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;

void replaceAll(std::string& s, std::string_view from, std::string_view to)
{
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
    }
}

template <class R>
class TimestampRouter final : public sdk::Transformation<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "topic.format",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value(std::string("${topic}-${timestamp}")),
                    .importance = ConfigDef::Importance::High,
                    .documentation = "Format string which can contain <code>${topic}</code> and "
                                     "<code>${timestamp}</code> as placeholders for the topic and timestamp, "
                                     "respectively."});
        def.define({.name = "timestamp.format",
                    .type = ConfigDef::Type::String,
                    .defaultValue = ConfigDef::Value(std::string("yyyyMMdd")),
                    .importance = ConfigDef::Importance::High,
                    .documentation = "Format string for the timestamp that is compatible with "
                                     "<code>java.text.SimpleDateFormat</code>."});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_topicFormat = parsed.getString("topic.format");
        const std::string pattern = parsed.getString("timestamp.format");
        try {
            m_format = std::make_unique<SimpleDateFormat>(pattern);
        } catch (const std::invalid_argument& e) {
            throw sdk::ConfigException("timestamp.format", pattern, e.what());
        }
    }

    std::optional<R> apply(R record) override
    {
        if (!record.timestamp()) {
            throw sdk::DataException("Timestamp missing on record with topic " + record.topic());
        }
        std::string topic = m_topicFormat;
        replaceAll(topic, "${topic}", record.topic());
        replaceAll(topic, "${timestamp}", m_format->format(*record.timestamp()));
        return withTopic(record, std::move(topic));
    }

private:
    std::string m_topicFormat;
    std::unique_ptr<SimpleDateFormat> m_format;
};

template <class R>
class RegexRouter final : public sdk::Transformation<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "regex",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .validator = regexPattern(),
                    .importance = ConfigDef::Importance::High,
                    .documentation = "Regular expression to use for matching."});
        def.define({.name = "replacement",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .importance = ConfigDef::Importance::High,
                    .documentation = "Replacement string."});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_regex = std::make_unique<JavaRegex>(parsed.getString("regex"));
        m_replacement = parsed.getString("replacement");
    }

    std::optional<R> apply(R record) override
    {
        // Topics repeat: remember the last decision so the regex runs once per distinct topic.
        if (!m_lastValid || record.topic() != m_lastInput) {
            m_lastInput = record.topic();
            m_lastMatched = m_regex->matchesWhole(m_lastInput);
            if (m_lastMatched) {
                try {
                    m_lastOutput = m_regex->replaceFirst(m_lastInput, m_replacement);
                } catch (const std::invalid_argument& e) {
                    m_lastValid = false;
                    throw sdk::DataException("Invalid replacement '" + m_replacement + "' for topic " +
                                             m_lastInput + ": " + e.what());
                }
            }
            m_lastValid = true;
        }
        if (!m_lastMatched) {
            return record;
        }
        return withTopic(record, m_lastOutput);
    }

private:
    std::unique_ptr<JavaRegex> m_regex;
    std::string m_replacement;
    bool m_lastValid = false;
    bool m_lastMatched = false;
    std::string m_lastInput;
    std::string m_lastOutput;
};

} // namespace

void addTimestampRouter(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(
        makeTransformationPlugin<TimestampRouter>(std::string(kTransformsPackage) + "TimestampRouter"));
}

void addRegexRouter(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<RegexRouter>(std::string(kTransformsPackage) + "RegexRouter"));
}

} // namespace connectdesk::transforms
