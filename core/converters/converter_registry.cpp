#include "converter_registry.h"

#include "byte_array_converter.h"
#include "json_converter.h"
#include "number_converters.h"
#include "simple_header_converter.h"
#include "string_converter.h"
#include "version.h"

#include <connectdesk/sdk/errors.h>

#include <set>

namespace connectdesk::converters {

ConverterRegistry ConverterRegistry::withBuiltins()
{
    ConverterRegistry r;
    r.add(JsonConverter::plugin());
    r.add(StringConverter::plugin());
    r.add(ByteArrayConverter::plugin());
    r.add(BooleanConverter::plugin());
    r.add(ShortConverter::plugin());
    r.add(IntegerConverter::plugin());
    r.add(LongConverter::plugin());
    r.add(FloatConverter::plugin());
    r.add(DoubleConverter::plugin());
    r.add(SimpleHeaderConverter::plugin());
    // Apache's plugin list shows its built-in converters at the Kafka release; ours are
    // ConnectDesk's code, so they report its version, as the built-in connectors do.
    for (auto& plugin : r.m_plugins)
        plugin.version = version();
    return r;
}

void ConverterRegistry::add(sdk::ConverterPlugin plugin)
{
    auto it = m_byClass.find(plugin.className);
    if (it != m_byClass.end()) {
        m_plugins[it->second] = std::move(plugin);
    } else {
        m_byClass.emplace(plugin.className, m_plugins.size());
        m_plugins.push_back(std::move(plugin));
    }
    rebuildAliases();
}

void ConverterRegistry::rebuildAliases()
{
    m_byAlias.clear();
    std::set<std::string, std::less<>> ambiguous;
    for (std::size_t i = 0; i < m_plugins.size(); ++i) {
        for (const std::string& alias : m_plugins[i].aliases) {
            auto [it, inserted] = m_byAlias.emplace(alias, i);
            if (!inserted && it->second != i)
                ambiguous.insert(alias);
        }
    }
    for (const auto& alias : ambiguous)
        m_byAlias.erase(alias);
}

const sdk::ConverterPlugin* ConverterRegistry::find(std::string_view nameOrAlias) const
{
    if (auto it = m_byClass.find(nameOrAlias); it != m_byClass.end())
        return &m_plugins[it->second];
    if (auto it = m_byAlias.find(nameOrAlias); it != m_byAlias.end())
        return &m_plugins[it->second];
    return nullptr;
}

std::unique_ptr<sdk::Converter> ConverterRegistry::createConverter(std::string_view nameOrAlias) const
{
    const sdk::ConverterPlugin* p = find(nameOrAlias);
    if (!p)
        throw sdk::ConfigException("Class " + std::string(nameOrAlias) + " could not be found.");
    if (!p->createConverter)
        throw sdk::ConfigException(p->className + " is not a Converter");
    return p->createConverter();
}

std::unique_ptr<sdk::HeaderConverter>
ConverterRegistry::createHeaderConverter(std::string_view nameOrAlias) const
{
    const sdk::ConverterPlugin* p = find(nameOrAlias);
    if (!p)
        throw sdk::ConfigException("Class " + std::string(nameOrAlias) + " could not be found.");
    if (!p->createHeaderConverter)
        throw sdk::ConfigException(p->className + " is not a HeaderConverter");
    return p->createHeaderConverter();
}

std::vector<const sdk::ConverterPlugin*> ConverterRegistry::plugins() const
{
    std::vector<const sdk::ConverterPlugin*> out;
    for (const auto& p : m_plugins)
        out.push_back(&p);
    return out;
}

} // namespace connectdesk::converters
