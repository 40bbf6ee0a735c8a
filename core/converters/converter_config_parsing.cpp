#include "converter_config_parsing.h"

#include <connectdesk/sdk/errors.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace connectdesk::converters {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

const std::string* find(const sdk::ConfigMap& configs, std::string_view name)
{
    auto it = configs.find(name);
    return it == configs.end() ? nullptr : &it->second;
}

} // namespace

bool configBool(const sdk::ConfigMap& configs, std::string_view name, bool defaultValue)
{
    const std::string* raw = find(configs, name);
    if (!raw)
        return defaultValue;
    const std::string_view v = trim(*raw);
    if (equalsIgnoreCase(v, "true"))
        return true;
    if (equalsIgnoreCase(v, "false"))
        return false;
    throw sdk::ConfigException(std::string(name), *raw, "Expected value to be either true or false");
}

int configInt(const sdk::ConfigMap& configs, std::string_view name, int defaultValue)
{
    const std::string* raw = find(configs, name);
    if (!raw)
        return defaultValue;
    const std::string_view v = trim(*raw);
    int out = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size())
        throw sdk::ConfigException(std::string(name), *raw, "Not a number of type INT");
    return out;
}

std::string configChoice(const sdk::ConfigMap& configs, std::string_view name, std::string_view defaultValue,
                         std::initializer_list<std::string_view> allowed)
{
    const std::string* raw = find(configs, name);
    const std::string_view v = raw ? trim(*raw) : defaultValue;
    for (std::string_view a : allowed) {
        if (equalsIgnoreCase(v, a))
            return std::string(a);
    }
    std::string list;
    for (std::string_view a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
    throw sdk::ConfigException(std::string(name), std::string(v),
                               "String must be one of (case insensitive): " + list);
}

std::string configString(const sdk::ConfigMap& configs, std::string_view name, std::string_view defaultValue)
{
    const std::string* raw = find(configs, name);
    return raw ? *raw : std::string(defaultValue);
}

} // namespace connectdesk::converters
