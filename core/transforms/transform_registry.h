// Resolves transformation and predicate class names, simple names and aliases
// (`org.apache.kafka.connect.transforms.InsertField$Value`, `InsertField$Value`) to their factories.
#pragma once

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/predicate.h>
#include <connectdesk/sdk/transformation.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace connectdesk::transforms {

class TransformRegistry {
public:
    // The built-in SMTs and predicates of spec §9.
    static TransformRegistry withBuiltins();

    // Adds a plugin (built-in or loaded). A simple name or alias claimed by two classes is
    // ambiguous and resolves to nothing (PluginUtils.computeAliases); full names always resolve.
    // A second plugin with the same class name replaces the first.
    void add(sdk::TransformationPlugin plugin);
    void add(sdk::PredicatePlugin plugin);

    // nullptr when unknown or ambiguous.
    const sdk::TransformationPlugin* findTransformation(std::string_view nameOrAlias) const;
    const sdk::PredicatePlugin* findPredicate(std::string_view nameOrAlias) const;

    // Instances for a record type. `configKey` names the key that held the class name, for the
    // ConfigException: `Invalid value X for configuration transforms.a.type: Class X could not be found.`
    template <class R>
    std::unique_ptr<sdk::Transformation<R>> createTransformation(const std::string& configKey,
                                                                 const std::string& nameOrAlias) const
    {
        const sdk::TransformationPlugin* p = findTransformation(nameOrAlias);
        if (p == nullptr) {
            throw notFound(configKey, nameOrAlias, "Transformation");
        }
        return create<R>(*p, configKey, nameOrAlias);
    }
    template <class R>
    std::unique_ptr<sdk::Predicate<R>> createPredicate(const std::string& configKey,
                                                       const std::string& nameOrAlias) const
    {
        const sdk::PredicatePlugin* p = findPredicate(nameOrAlias);
        if (p == nullptr) {
            throw notFound(configKey, nameOrAlias, "Predicate");
        }
        return create<R>(*p, configKey, nameOrAlias);
    }

    std::vector<const sdk::TransformationPlugin*> transformations() const;
    std::vector<const sdk::PredicatePlugin*> predicates() const;

private:
    // A plugin may offer only one record type (a sink-only SMT); asking for the other is a config error.
    template <class R, class Plugin>
    static auto create(const Plugin& p, const std::string& configKey, const std::string& name)
    {
        constexpr bool sink = std::is_same_v<R, sdk::SinkRecord>;
        const auto& factory = [&p]() -> const auto&
        {
            if constexpr (sink) {
                return p.createForSink;
            } else {
                return p.createForSource;
            }
        }
        ();
        if (!factory) {
            throw sdk::ConfigException(configKey, name,
                                       p.className + (sink ? " cannot be used by sink connectors."
                                                           : " cannot be used by source connectors."));
        }
        return factory();
    }

    // "could not be found", or Connect's "is abstract" hint when only `$Key`/`$Value` exist.
    sdk::ConfigException notFound(const std::string& configKey, const std::string& name,
                                  const char* kind) const;
    void rebuildAliases();

    std::vector<sdk::TransformationPlugin> m_transformations;
    std::vector<sdk::PredicatePlugin> m_predicates;
    // name → index; predicates are stored with a leading '\1' to share one map without clashes.
    std::map<std::string, std::size_t, std::less<>> m_byClass;
    std::map<std::string, std::size_t, std::less<>> m_byAlias;
};

} // namespace connectdesk::transforms
