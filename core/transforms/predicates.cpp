// The built-in predicates TopicNameMatches, HasHeaderKey and RecordIsTombstone (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/java_regex.h"
#include "transforms/transform_support.h"

#include <memory>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;

template <class R>
class TopicNameMatches final : public sdk::Predicate<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define(
            {.name = "pattern",
             .type = ConfigDef::Type::String,
             .defaultValue = std::nullopt,
             .validator = sdk::validators::composite({sdk::validators::nonEmptyString(), regexPattern()}),
             .importance = ConfigDef::Importance::Medium,
             .documentation =
                 "A Java regular expression for matching against the name of a record's topic."});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        m_regex = std::make_unique<JavaRegex>(config().parse(props).getString("pattern"));
    }

    bool test(const R& record) override
    {
        if (!m_lastValid || record.topic() != m_lastTopic) {
            m_lastTopic = record.topic();
            m_lastResult = m_regex->matchesWhole(m_lastTopic);
            m_lastValid = true;
        }
        return m_lastResult;
    }

private:
    std::unique_ptr<JavaRegex> m_regex;
    bool m_lastValid = false;
    bool m_lastResult = false;
    std::string m_lastTopic;
};

template <class R>
class HasHeaderKey final : public sdk::Predicate<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "name",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .validator = sdk::validators::nonEmptyString(),
                    .importance = ConfigDef::Importance::Medium,
                    .documentation = "The header name."});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override { m_name = config().parse(props).getString("name"); }
    bool test(const R& record) override { return record.headers().lastWithName(m_name) != nullptr; }

private:
    std::string m_name;
};

template <class R>
class RecordIsTombstone final : public sdk::Predicate<R> {
public:
    ConfigDef config() const override { return {}; }
    void configure(const sdk::ConfigMap&) override {}
    bool test(const R& record) override { return record.value().isNull(); }
};

template <template <class> class T>
sdk::PredicatePlugin makePredicatePlugin(std::string className)
{
    sdk::PredicatePlugin p;
    p.className = std::move(className);
    p.version = "4.0.0";
    p.createForSource = []() -> std::unique_ptr<sdk::Predicate<sdk::SourceRecord>> {
        return std::make_unique<T<sdk::SourceRecord>>();
    };
    p.createForSink = []() -> std::unique_ptr<sdk::Predicate<sdk::SinkRecord>> {
        return std::make_unique<T<sdk::SinkRecord>>();
    };
    return p;
}

} // namespace

std::vector<sdk::PredicatePlugin> builtinPredicates()
{
    const std::string pkg = kPredicatesPackage;
    return {makePredicatePlugin<TopicNameMatches>(pkg + "TopicNameMatches"),
            makePredicatePlugin<HasHeaderKey>(pkg + "HasHeaderKey"),
            makePredicatePlugin<RecordIsTombstone>(pkg + "RecordIsTombstone")};
}

std::vector<sdk::TransformationPlugin> builtinTransformations()
{
    std::vector<sdk::TransformationPlugin> out;
    addInsertField(out);
    addReplaceField(out);
    addMaskField(out);
    addValueToKey(out);
    addExtractField(out);
    addSetSchemaMetadata(out);
    addTimestampRouter(out);
    addRegexRouter(out);
    addFlatten(out);
    addCast(out);
    addTimestampConverter(out);
    addHoistField(out);
    addHeaderTransforms(out);
    addHeaderFrom(out);
    return out;
}

} // namespace connectdesk::transforms
