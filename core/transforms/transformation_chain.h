// The ordered SMT stages of one connector, built and validated from its config map
// (`transforms`, `transforms.<alias>.*`, `predicates`, `predicates.<alias>.*`; spec §5.1) and
// applied by a task to every record.
#pragma once

#include "transforms/transform_registry.h"

#include <connectdesk/sdk/config_map.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace connectdesk::transforms {

template <class R>
class TransformationChain {
public:
    struct Stage {
        std::string alias;
        std::string className; // the resolved full class name (for logs and DLQ headers)
        std::unique_ptr<sdk::Transformation<R>> transformation;
        std::string predicateAlias; // empty: always applies
        std::unique_ptr<sdk::Predicate<R>> predicate;
        bool negate = false;
    };

    TransformationChain() = default;
    TransformationChain(TransformationChain&&) noexcept = default;
    TransformationChain& operator=(TransformationChain&&) noexcept = default;
    ~TransformationChain() { close(); }

    // Creates and configures every stage. Throws sdk::ConfigException whose message names the
    // full key (`Invalid value ... for configuration transforms.route.regex: ...`) or the alias.
    static TransformationChain fromConfig(const sdk::ConfigMap& connectorConfig,
                                          const TransformRegistry& registry);

    // Runs the stages in order. A stage applies when it has no predicate or when
    // predicate.test(record) XOR negate; nullopt = dropped, later stages skipped (spec §5.1).
    // Exceptions from a stage propagate unchanged (the runtime's tolerance decides), after
    // recording the stage in lastFailedStage().
    std::optional<R> apply(R record)
    {
        for (std::size_t i = 0; i < m_stages.size(); ++i) {
            Stage& stage = m_stages[i];
            m_lastFailed = i;
            if (stage.predicate && stage.predicate->test(record) == stage.negate) {
                continue;
            }
            std::optional<R> out = stage.transformation->apply(std::move(record));
            if (!out) {
                m_lastFailed = kNone;
                return std::nullopt;
            }
            record = std::move(*out);
        }
        m_lastFailed = kNone;
        return record;
    }

    // The stage whose transformation or predicate threw during the last apply(), or nullptr.
    const Stage* lastFailedStage() const { return m_lastFailed == kNone ? nullptr : &m_stages[m_lastFailed]; }

    bool isEmpty() const { return m_stages.empty(); }
    const std::vector<Stage>& stages() const { return m_stages; }

    // Closes every transformation and predicate once (idempotent).
    void close()
    {
        for (Stage& s : m_stages) {
            if (s.transformation) {
                s.transformation->close();
            }
            if (s.predicate) {
                s.predicate->close();
            }
        }
        m_stages.clear();
    }

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<Stage> m_stages;
    std::size_t m_lastFailed = kNone;
};

// A ConfigException thrown by a plugin's configure() (which sees unprefixed keys) re-worded with
// the prefixed key (`regex` → `transforms.route.regex`); messages without a key name get
// `Invalid configuration for <prefix without dot>: ` in front.
sdk::ConfigException withConfigPrefix(const sdk::ConfigException& e, const std::string& prefix);

extern template class TransformationChain<sdk::SourceRecord>;
extern template class TransformationChain<sdk::SinkRecord>;

} // namespace connectdesk::transforms
