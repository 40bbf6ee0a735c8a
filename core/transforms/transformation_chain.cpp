#include "transforms/transformation_chain.h"

#include <connectdesk/sdk/config_def.h>

#include <algorithm>
#include <set>

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;

std::vector<std::string> aliasList(const sdk::ConfigMap& props, const std::string& key)
{
    auto it = props.find(key);
    if (it == props.end()) {
        return {};
    }
    ConfigDef::List listed =
        std::get<ConfigDef::List>(ConfigDef::parseType(key, it->second, ConfigDef::Type::List));
    std::set<std::string> seen(listed.begin(), listed.end());
    if (seen.size() != listed.size()) {
        throw sdk::ConfigException(key, ConfigDef::valueText(ConfigDef::Value(listed)),
                                   "Duplicate alias provided.");
    }
    std::vector<std::string> out;
    for (auto& a : listed) {
        if (!a.empty()) {
            out.push_back(std::move(a));
        }
    }
    return out;
}

const std::string& required(const sdk::ConfigMap& props, const std::string& key)
{
    auto it = props.find(key);
    if (it == props.end()) {
        throw sdk::ConfigException("Missing required configuration \"" + key +
                                   "\" which has no default value.");
    }
    return it->second;
}

sdk::ConfigMap withPrefixStripped(const sdk::ConfigMap& props, const std::string& prefix)
{
    sdk::ConfigMap out;
    for (auto it = props.lower_bound(prefix);
         it != props.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        if (it->first.size() > prefix.size()) {
            out.emplace(it->first.substr(prefix.size()), it->second);
        }
    }
    return out;
}

} // namespace

sdk::ConfigException withConfigPrefix(const sdk::ConfigException& e, const std::string& prefix)
{
    const std::string message = e.what();
    const std::string& name = e.configName();
    if (!name.empty()) {
        // "Invalid value <value> for configuration <name>[: <reason>]"
        const std::string marker = " for configuration " + name;
        const std::string head = "Invalid value ";
        const auto at = message.find(marker);
        if (message.rfind(head, 0) == 0 && at != std::string::npos) {
            const std::string value = message.substr(head.size(), at - head.size());
            std::string reason = message.substr(at + marker.size());
            if (reason.rfind(": ", 0) == 0) {
                reason = reason.substr(2);
            }
            return sdk::ConfigException(prefix + name, value, reason);
        }
    }
    const std::string missingHead = "Missing required configuration \"";
    if (message.rfind(missingHead, 0) == 0) {
        return sdk::ConfigException(missingHead + prefix + message.substr(missingHead.size()));
    }
    const std::string unknownHead = "Unknown configuration '";
    if (message.rfind(unknownHead, 0) == 0) {
        return sdk::ConfigException(unknownHead + prefix + message.substr(unknownHead.size()));
    }
    return sdk::ConfigException("Invalid configuration for " + prefix.substr(0, prefix.size() - 1) + ": " +
                                message);
}

template <class R>
TransformationChain<R> TransformationChain<R>::fromConfig(const sdk::ConfigMap& props,
                                                          const TransformRegistry& registry)
{
    const std::vector<std::string> transforms = aliasList(props, "transforms");
    const std::vector<std::string> predicates = aliasList(props, "predicates");

    // Every listed predicate must be creatable and valid even when no transformation uses it,
    // as connector validation reports it (ConnectorConfig.enrich).
    for (const auto& alias : predicates) {
        const std::string prefix = "predicates." + alias + ".";
        const std::string typeKey = prefix + "type";
        auto predicate = registry.createPredicate<R>(typeKey, sdk::javaTrim(required(props, typeKey)));
        try {
            predicate->configure(withPrefixStripped(props, prefix));
        } catch (const sdk::ConfigException& e) {
            throw withConfigPrefix(e, prefix);
        }
        predicate->close();
    }

    TransformationChain chain;
    chain.m_stages.reserve(transforms.size());
    for (const auto& alias : transforms) {
        const std::string prefix = "transforms." + alias + ".";
        const std::string typeKey = prefix + "type";
        const std::string negateKey = prefix + "negate";
        const std::string predicateKey = prefix + "predicate";
        if (props.count(negateKey) != 0 && props.count(predicateKey) == 0) {
            std::string message = "Config '" + negateKey;
            message += "' was provided but there is no config '";
            message += predicateKey;
            message += "' defining a predicate to be negated.";
            throw sdk::ConfigException(message);
        }
        Stage stage;
        stage.alias = alias;
        const std::string typeName = sdk::javaTrim(required(props, typeKey));
        stage.transformation = registry.createTransformation<R>(typeKey, typeName);
        stage.className = registry.findTransformation(typeName)->className;
        sdk::ConfigMap own = withPrefixStripped(props, prefix);
        // predicate/negate belong to the framework and are not passed on (ConnectorConfig.transformations).
        own.erase("type");
        own.erase("predicate");
        own.erase("negate");
        try {
            stage.transformation->configure(own);
        } catch (const sdk::ConfigException& e) {
            throw withConfigPrefix(e, prefix);
        }
        if (auto it = props.find(predicateKey); it != props.end()) {
            stage.predicateAlias = sdk::javaTrim(it->second);
            if (std::find(predicates.begin(), predicates.end(), stage.predicateAlias) == predicates.end()) {
                throw sdk::ConfigException(predicateKey, it->second,
                                           "Predicate alias " + stage.predicateAlias +
                                               " is not listed in the 'predicates' configuration.");
            }
            if (auto n = props.find(negateKey); n != props.end()) {
                stage.negate =
                    std::get<bool>(ConfigDef::parseType(negateKey, n->second, ConfigDef::Type::Boolean));
            }
            // One predicate instance per use, as Connect creates them.
            const std::string predicatePrefix = "predicates." + stage.predicateAlias + ".";
            const std::string predicateTypeKey = predicatePrefix + "type";
            stage.predicate = registry.createPredicate<R>(predicateTypeKey,
                                                          sdk::javaTrim(required(props, predicateTypeKey)));
            try {
                stage.predicate->configure(withPrefixStripped(props, predicatePrefix));
            } catch (const sdk::ConfigException& e) {
                throw withConfigPrefix(e, predicatePrefix);
            }
        }
        chain.m_stages.push_back(std::move(stage));
    }
    return chain;
}

template class TransformationChain<sdk::SourceRecord>;
template class TransformationChain<sdk::SinkRecord>;

} // namespace connectdesk::transforms
