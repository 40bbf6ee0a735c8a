#include "connectdesk/sdk/config_def.h"

#include "connectdesk/sdk/errors.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <utility>

namespace connectdesk::sdk {

std::string javaTrim(const std::string& s)
{
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) {
        ++b;
    }
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) {
        --e;
    }
    return s.substr(b, e - b);
}

namespace {

bool equalsIgnoreCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Integer.parseInt / Long.parseLong: optional sign, decimal digits only, range-checked.
template <typename T>
bool parseJavaInteger(const std::string& s, T& out)
{
    if (s.empty()) {
        return false;
    }
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (*first == '+') {
        ++first;
        if (first == last || *first == '-') {
            return false;
        }
    }
    long long v = 0;
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last) {
        return false;
    }
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
        return false;
    }
    out = static_cast<T>(v);
    return true;
}

// Double.parseDouble on an already trimmed string; Java also accepts a trailing d/D/f/F.
bool parseJavaDouble(std::string s, double& out)
{
    if (s.empty()) {
        return false;
    }
    if (s == "NaN" || s == "+NaN" || s == "-NaN") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (s == "Infinity" || s == "+Infinity") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (s == "-Infinity") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    const char tail = s.back();
    if (tail == 'd' || tail == 'D' || tail == 'f' || tail == 'F') {
        s.pop_back();
    }
    for (char c : s) {
        // Reject what strtod takes but Java does not (hex without p-exponent, "inf", "nan(...)").
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' ||
              c == '-')) {
            return false;
        }
    }
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || s.empty()) {
        return false;
    }
    out = v;
    return true;
}

// Java's Double.toString for the values configs hold: integral values keep a ".0".
std::string javaDouble(double d)
{
    if (std::isnan(d)) {
        return "NaN";
    }
    if (std::isinf(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
    }
    char buf[64];
    if (d == std::floor(d) && std::fabs(d) < 1e7) {
        std::snprintf(buf, sizeof buf, "%.1f", d);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.17g", d);
    // Shortest representation that round-trips, as Java prints it.
    for (int precision = 1; precision <= 17; ++precision) {
        char shorter[64];
        std::snprintf(shorter, sizeof shorter, "%.*g", precision, d);
        if (std::strtod(shorter, nullptr) == d) {
            return shorter;
        }
    }
    return buf;
}

std::string join(const std::vector<std::string>& items, const std::string& sep)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += sep;
        }
        out += items[i];
    }
    return out;
}

// Splits on "\s*,\s*" keeping empty items, like Java's split(regex, -1).
ConfigDef::List splitList(const std::string& trimmed)
{
    ConfigDef::List out;
    if (trimmed.empty()) {
        return out;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = trimmed.find(',', start);
        const std::string item =
            trimmed.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::size_t b = 0;
        std::size_t e = item.size();
        while (b < e && std::isspace(static_cast<unsigned char>(item[b]))) {
            ++b;
        }
        while (e > b && std::isspace(static_cast<unsigned char>(item[e - 1]))) {
            --e;
        }
        out.push_back(item.substr(b, e - b));
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

std::optional<double> asNumber(const ConfigDef::Value& v)
{
    if (const auto* i = std::get_if<std::int32_t>(&v)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::int16_t>(&v)) {
        return *s;
    }
    if (const auto* l = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*l);
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    return std::nullopt;
}

// Java prints Range bounds as the Number it was given; integral bounds print without ".0".
std::string boundText(double b)
{
    if (b == std::floor(b) && std::fabs(b) < 9.2e18) {
        return std::to_string(static_cast<long long>(b));
    }
    return javaDouble(b);
}

} // namespace

ConfigDef::Parsed::Parsed(std::map<std::string, Value> values, ConfigMap originals)
    : m_values(std::move(values)), m_originals(std::move(originals))
{
}

const ConfigDef::Value& ConfigDef::Parsed::get(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end()) {
        throw ConfigException("Unknown configuration '" + name + "'");
    }
    return it->second;
}

bool ConfigDef::Parsed::isNull(const std::string& name) const
{
    return std::holds_alternative<std::monostate>(get(name));
}

bool ConfigDef::Parsed::getBool(const std::string& name) const
{
    const auto* v = std::get_if<bool>(&get(name));
    return v != nullptr && *v;
}

std::string ConfigDef::Parsed::getString(const std::string& name) const
{
    const auto* v = std::get_if<std::string>(&get(name));
    return v != nullptr ? *v : std::string();
}

std::int32_t ConfigDef::Parsed::getInt(const std::string& name) const
{
    const auto n = asNumber(get(name));
    return n ? static_cast<std::int32_t>(*n) : 0;
}

std::int16_t ConfigDef::Parsed::getShort(const std::string& name) const
{
    const auto n = asNumber(get(name));
    return n ? static_cast<std::int16_t>(*n) : 0;
}

std::int64_t ConfigDef::Parsed::getLong(const std::string& name) const
{
    const Value& v = get(name);
    if (const auto* l = std::get_if<std::int64_t>(&v)) {
        return *l; // exact, no double round trip
    }
    const auto n = asNumber(v);
    return n ? static_cast<std::int64_t>(*n) : 0;
}

double ConfigDef::Parsed::getDouble(const std::string& name) const
{
    return asNumber(get(name)).value_or(0.0);
}

ConfigDef::List ConfigDef::Parsed::getList(const std::string& name) const
{
    const auto* v = std::get_if<List>(&get(name));
    return v != nullptr ? *v : List{};
}

ConfigMap ConfigDef::Parsed::originalsWithPrefix(const std::string& prefix) const
{
    ConfigMap out;
    for (const auto& [k, v] : m_originals) {
        if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0) {
            out.emplace(k.substr(prefix.size()), v);
        }
    }
    return out;
}

ConfigDef& ConfigDef::define(Key key)
{
    if (contains(key.name)) {
        throw ConfigException("Configuration " + key.name + " is defined twice.");
    }
    m_keys.push_back(std::move(key));
    return *this;
}

ConfigDef& ConfigDef::merge(const ConfigDef& other)
{
    for (const Key& k : other.m_keys) {
        if (!contains(k.name)) {
            m_keys.push_back(k);
        }
    }
    return *this;
}

bool ConfigDef::contains(const std::string& name) const
{
    return find(name) != nullptr;
}

const ConfigDef::Key* ConfigDef::find(const std::string& name) const
{
    for (const Key& k : m_keys) {
        if (k.name == name) {
            return &k;
        }
    }
    return nullptr;
}

std::vector<std::string> ConfigDef::groups() const
{
    std::vector<std::string> out;
    for (const Key& k : m_keys) {
        if (!k.group.empty() && std::find(out.begin(), out.end(), k.group) == out.end()) {
            out.push_back(k.group);
        }
    }
    return out;
}

ConfigDef::Value ConfigDef::parseType(const std::string& name, const std::string& value, Type type)
{
    const std::string trimmed = javaTrim(value);
    switch (type) {
    case Type::Boolean:
        if (equalsIgnoreCase(trimmed, "true")) {
            return true;
        }
        if (equalsIgnoreCase(trimmed, "false")) {
            return false;
        }
        throw ConfigException(name, value, "Expected value to be either true or false");
    case Type::String:
    case Type::Class:
    case Type::Password:
        return trimmed;
    case Type::Int: {
        std::int32_t v = 0;
        if (!parseJavaInteger(trimmed, v)) {
            throw ConfigException(name, value, "Not a number of type INT");
        }
        return v;
    }
    case Type::Short: {
        std::int16_t v = 0;
        if (!parseJavaInteger(trimmed, v)) {
            throw ConfigException(name, value, "Not a number of type SHORT");
        }
        return v;
    }
    case Type::Long: {
        std::int64_t v = 0;
        if (!parseJavaInteger(trimmed, v)) {
            throw ConfigException(name, value, "Not a number of type LONG");
        }
        return v;
    }
    case Type::Double: {
        double v = 0;
        if (!parseJavaDouble(trimmed, v)) {
            throw ConfigException(name, value, "Not a number of type DOUBLE");
        }
        return v;
    }
    case Type::List:
        return splitList(trimmed);
    }
    throw ConfigException("Unknown type.");
}

std::optional<std::string> ConfigDef::convertToString(const Value& value, Type type)
{
    if (std::holds_alternative<std::monostate>(value)) {
        return std::nullopt;
    }
    if (type == Type::Password) {
        return std::string("[hidden]");
    }
    if (const auto* l = std::get_if<List>(&value)) {
        return join(*l, ",");
    }
    return valueText(value);
}

std::string ConfigDef::valueText(const Value& value)
{
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, double>) {
                return javaDouble(v);
            } else if constexpr (std::is_same_v<T, List>) {
                return "[" + join(v, ", ") + "]"; // java.util.List.toString
            } else {
                return std::to_string(v);
            }
        },
        value);
}

const char* ConfigDef::typeName(Type type)
{
    switch (type) {
    case Type::Boolean:
        return "BOOLEAN";
    case Type::String:
        return "STRING";
    case Type::Int:
        return "INT";
    case Type::Short:
        return "SHORT";
    case Type::Long:
        return "LONG";
    case Type::Double:
        return "DOUBLE";
    case Type::List:
        return "LIST";
    case Type::Class:
        return "CLASS";
    case Type::Password:
        return "PASSWORD";
    }
    return "STRING";
}

const char* ConfigDef::importanceName(Importance importance)
{
    switch (importance) {
    case Importance::High:
        return "HIGH";
    case Importance::Medium:
        return "MEDIUM";
    case Importance::Low:
        return "LOW";
    }
    return "LOW";
}

const char* ConfigDef::widthName(Width width)
{
    switch (width) {
    case Width::None:
        return "NONE";
    case Width::Short:
        return "SHORT";
    case Width::Medium:
        return "MEDIUM";
    case Width::Long:
        return "LONG";
    }
    return "NONE";
}

ConfigDef::Parsed ConfigDef::parse(const ConfigMap& props) const
{
    std::map<std::string, Value> values;
    for (const Key& key : m_keys) {
        Value parsed;
        auto it = props.find(key.name);
        if (it != props.end()) {
            parsed = parseType(key.name, it->second, key.type);
        } else if (key.required()) {
            throw ConfigException("Missing required configuration \"" + key.name +
                                  "\" which has no default value.");
        } else {
            parsed = *key.defaultValue;
        }
        if (key.validator) {
            key.validator(key.name, parsed);
        }
        values.emplace(key.name, std::move(parsed));
    }
    return Parsed(std::move(values), props);
}

std::vector<ConfigDef::ConfigValue> ConfigDef::validate(const ConfigMap& props) const
{
    // Mirrors ConfigDef.parseForValidate: a parse error leaves the value null, and the validator
    // still runs on what was parsed (validators choose how to treat null).
    std::vector<ConfigValue> out;
    out.reserve(m_keys.size());
    for (const Key& key : m_keys) {
        ConfigValue cv;
        cv.name = key.name;
        cv.recommendedValues = key.recommendedValues;
        auto it = props.find(key.name);
        if (it != props.end()) {
            try {
                cv.value = parseType(key.name, it->second, key.type);
            } catch (const ConfigException& e) {
                cv.errors.emplace_back(e.what());
            }
        } else if (key.required()) {
            cv.errors.push_back("Missing required configuration \"" + key.name +
                                "\" which has no default value.");
        } else {
            cv.value = *key.defaultValue;
        }
        if (key.validator) {
            try {
                key.validator(key.name, cv.value);
            } catch (const ConfigException& e) {
                cv.errors.emplace_back(e.what());
            }
        }
        out.push_back(std::move(cv));
    }
    return out;
}

namespace validators {

ConfigDef::Validator atLeast(double min)
{
    return [min](const std::string& name, const ConfigDef::Value& value) {
        const auto n = asNumber(value);
        if (!n) {
            throw ConfigException(name, "null", "Value must be non-null");
        }
        if (*n < min) {
            throw ConfigException(name, ConfigDef::valueText(value),
                                  "Value must be at least " + boundText(min));
        }
    };
}

ConfigDef::Validator between(double min, double max)
{
    return [min, max](const std::string& name, const ConfigDef::Value& value) {
        const auto n = asNumber(value);
        if (!n) {
            throw ConfigException(name, "null", "Value must be non-null");
        }
        if (*n < min) {
            throw ConfigException(name, ConfigDef::valueText(value),
                                  "Value must be at least " + boundText(min));
        }
        if (*n > max) {
            throw ConfigException(name, ConfigDef::valueText(value),
                                  "Value must be no more than " + boundText(max));
        }
    };
}

ConfigDef::Validator nonEmptyString()
{
    return [](const std::string& name, const ConfigDef::Value& value) {
        const auto* s = std::get_if<std::string>(&value);
        if (s != nullptr && s->empty()) {
            throw ConfigException(name, *s, "String must be non-empty");
        }
    };
}

ConfigDef::Validator nonEmptyStringWithoutControlChars()
{
    return [](const std::string& name, const ConfigDef::Value& value) {
        const auto* s = std::get_if<std::string>(&value);
        if (s == nullptr) {
            return; // a missing name is reported by the required-key check
        }
        if (s->empty()) {
            throw ConfigException(name, *s, "String may not be empty");
        }
        // Character.isISOControl on code points: U+0000–U+001F and U+007F–U+009F.
        std::vector<std::string> found;
        for (std::size_t i = 0; i < s->size(); ++i) {
            const auto c = static_cast<unsigned char>((*s)[i]);
            unsigned cp = c;
            if (c == 0xC2 && i + 1 < s->size()) {
                cp = static_cast<unsigned char>((*s)[i + 1]);
                if (cp >= 0x80 && cp <= 0x9F) {
                    found.push_back(std::to_string(cp));
                }
                ++i;
                continue;
            }
            if (cp < 0x20 || cp == 0x7F) {
                found.push_back(std::to_string(cp));
            }
        }
        if (!found.empty()) {
            throw ConfigException(
                name, *s,
                "String may not contain control sequences but had the following ASCII chars: " +
                    join(found, ", "));
        }
    };
}

ConfigDef::Validator validString(std::vector<std::string> allowed)
{
    return [allowed = std::move(allowed)](const std::string& name, const ConfigDef::Value& value) {
        const auto* s = std::get_if<std::string>(&value);
        if (s == nullptr || std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
            throw ConfigException(name, ConfigDef::valueText(value),
                                  "String must be one of: " + join(allowed, ", "));
        }
    };
}

ConfigDef::Validator caseInsensitiveValidString(std::vector<std::string> allowed)
{
    return [allowed = std::move(allowed)](const std::string& name, const ConfigDef::Value& value) {
        const auto* s = std::get_if<std::string>(&value);
        const bool ok =
            s != nullptr && std::any_of(allowed.begin(), allowed.end(),
                                        [&](const std::string& a) { return equalsIgnoreCase(a, *s); });
        if (!ok) {
            throw ConfigException(name, ConfigDef::valueText(value),
                                  "String must be one of (case insensitive): " + join(allowed, ", "));
        }
    };
}

ConfigDef::Validator composite(std::vector<ConfigDef::Validator> all)
{
    return [all = std::move(all)](const std::string& name, const ConfigDef::Value& value) {
        for (const auto& v : all) {
            if (v) {
                v(name, value);
            }
        }
    };
}

} // namespace validators

} // namespace connectdesk::sdk
