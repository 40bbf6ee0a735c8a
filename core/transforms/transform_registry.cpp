#include "transforms/transform_registry.h"

#include "transforms/builtin_transforms.h"

#include <set>

namespace connectdesk::transforms {

namespace {

constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);
const std::string kPredicateTag = "\x01";

std::string simpleName(const std::string& className)
{
    const auto dot = className.rfind('.');
    return dot == std::string::npos ? className : className.substr(dot + 1);
}

} // namespace

TransformRegistry TransformRegistry::withBuiltins()
{
    TransformRegistry r;
    for (auto& p : builtinTransformations()) {
        r.m_transformations.push_back(std::move(p));
    }
    for (auto& p : builtinPredicates()) {
        r.m_predicates.push_back(std::move(p));
    }
    r.rebuildAliases();
    return r;
}

void TransformRegistry::add(sdk::TransformationPlugin plugin)
{
    for (auto& existing : m_transformations) {
        if (existing.className == plugin.className) {
            existing = std::move(plugin);
            rebuildAliases();
            return;
        }
    }
    m_transformations.push_back(std::move(plugin));
    rebuildAliases();
}

void TransformRegistry::add(sdk::PredicatePlugin plugin)
{
    for (auto& existing : m_predicates) {
        if (existing.className == plugin.className) {
            existing = std::move(plugin);
            rebuildAliases();
            return;
        }
    }
    m_predicates.push_back(std::move(plugin));
    rebuildAliases();
}

void TransformRegistry::rebuildAliases()
{
    m_byClass.clear();
    m_byAlias.clear();
    const auto claim = [this](const std::string& alias, std::size_t index) {
        auto [it, inserted] = m_byAlias.emplace(alias, index);
        if (!inserted && it->second != index) {
            it->second = kAmbiguous;
        }
    };
    for (std::size_t i = 0; i < m_transformations.size(); ++i) {
        const auto& p = m_transformations[i];
        m_byClass[p.className] = i;
        claim(simpleName(p.className), i);
        for (const auto& a : p.aliases) {
            claim(a, i);
        }
    }
    for (std::size_t i = 0; i < m_predicates.size(); ++i) {
        const auto& p = m_predicates[i];
        m_byClass[kPredicateTag + p.className] = i;
        claim(kPredicateTag + simpleName(p.className), i);
        for (const auto& a : p.aliases) {
            claim(kPredicateTag + a, i);
        }
    }
}

const sdk::TransformationPlugin* TransformRegistry::findTransformation(std::string_view nameOrAlias) const
{
    if (auto it = m_byClass.find(nameOrAlias); it != m_byClass.end()) {
        return &m_transformations[it->second];
    }
    if (auto it = m_byAlias.find(nameOrAlias); it != m_byAlias.end() && it->second != kAmbiguous) {
        return &m_transformations[it->second];
    }
    return nullptr;
}

const sdk::PredicatePlugin* TransformRegistry::findPredicate(std::string_view nameOrAlias) const
{
    const std::string key = kPredicateTag + std::string(nameOrAlias);
    if (auto it = m_byClass.find(key); it != m_byClass.end()) {
        return &m_predicates[it->second];
    }
    if (auto it = m_byAlias.find(key); it != m_byAlias.end() && it->second != kAmbiguous) {
        return &m_predicates[it->second];
    }
    return nullptr;
}

std::vector<const sdk::TransformationPlugin*> TransformRegistry::transformations() const
{
    std::vector<const sdk::TransformationPlugin*> out;
    for (const auto& p : m_transformations) {
        out.push_back(&p);
    }
    return out;
}

std::vector<const sdk::PredicatePlugin*> TransformRegistry::predicates() const
{
    std::vector<const sdk::PredicatePlugin*> out;
    for (const auto& p : m_predicates) {
        out.push_back(&p);
    }
    return out;
}

sdk::ConfigException TransformRegistry::notFound(const std::string& configKey, const std::string& name,
                                                 const char* kind) const
{
    // `InsertField` names the abstract outer class in Connect; point at its concrete variants.
    if (std::string(kind) == "Transformation") {
        std::vector<std::string> variants;
        for (const char* suffix : {"$Key", "$Value"}) {
            if (const auto* p = findTransformation(name + suffix)) {
                variants.push_back(p->className);
            }
        }
        if (!variants.empty()) {
            std::string list;
            for (const auto& v : variants) {
                list += (list.empty() ? "" : ", ") + v;
            }
            return sdk::ConfigException(configKey, name,
                                        "Transformation is abstract and cannot be created. Did you mean " +
                                            list + "?");
        }
    }
    return sdk::ConfigException(configKey, name, "Class " + name + " could not be found.");
}

} // namespace connectdesk::transforms
