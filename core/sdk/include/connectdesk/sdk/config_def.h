// Typed configuration definitions (Kafka's ConfigDef): connectors, converters and the runtime
// declare their keys once and get string maps parsed and validated with Apache's error wording.
#pragma once

#include "connectdesk/sdk/config_map.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace connectdesk::sdk {

// Java's String.trim() (strips every char <= U+0020 at both ends): what Apache's ConfigDef applies
// to class names and list entries, for code that parses such values itself.
std::string javaTrim(const std::string& s);

class ConfigDef {
public:
    enum class Type { Boolean, String, Int, Short, Long, Double, List, Class, Password };
    enum class Importance { High, Medium, Low };
    enum class Width { None, Short, Medium, Long };

    using List = std::vector<std::string>;
    // A parsed value. monostate is Java's null; STRING, CLASS and PASSWORD hold std::string.
    using Value = std::variant<std::monostate, bool, std::string, std::int32_t, std::int16_t, std::int64_t,
                               double, List>;
    // Throws ConfigException(name, value, reason) when the parsed value is not acceptable.
    using Validator = std::function<void(const std::string& name, const Value& value)>;

    struct Key {
        std::string name{};
        Type type = Type::String;
        // nullopt: required (Java's NO_DEFAULT_VALUE); a monostate Value: default null.
        std::optional<Value> defaultValue{};
        Validator validator{};
        Importance importance = Importance::Low;
        std::string documentation{};
        std::string group{}; // empty: no group
        int orderInGroup = -1;
        Width width = Width::None;
        std::string displayName{}; // empty: the key name
        std::vector<std::string> dependents{};
        // Shown as recommended_values in validation results (e.g. the choices of a validString).
        std::vector<std::string> recommendedValues{};

        bool required() const { return !defaultValue.has_value(); }
    };

    // One key's outcome of validate(): the parsed value (or the default) and every error message.
    struct ConfigValue {
        std::string name;
        Value value;
        std::vector<std::string> recommendedValues;
        std::vector<std::string> errors;
        bool visible = true;
    };

    // A parsed configuration: typed values for every defined key plus the raw originals.
    class Parsed {
    public:
        Parsed() = default;
        Parsed(std::map<std::string, Value> values, ConfigMap originals);

        bool contains(const std::string& name) const { return m_values.count(name) > 0; }
        const Value& get(const std::string& name) const; // throws ConfigException when undefined
        bool isNull(const std::string& name) const;
        bool getBool(const std::string& name) const;
        std::string getString(const std::string& name) const; // null → ""
        std::int32_t getInt(const std::string& name) const;
        std::int16_t getShort(const std::string& name) const;
        std::int64_t getLong(const std::string& name) const;
        double getDouble(const std::string& name) const;
        List getList(const std::string& name) const; // null → empty
        const ConfigMap& originals() const { return m_originals; }
        // Originals whose key starts with prefix, with the prefix stripped (Kafka's originalsWithPrefix).
        ConfigMap originalsWithPrefix(const std::string& prefix) const;

    private:
        std::map<std::string, Value> m_values;
        ConfigMap m_originals;
    };

    ConfigDef& define(Key key);
    // Adds every key of other not already defined here (used to merge framework and plugin keys).
    ConfigDef& merge(const ConfigDef& other);
    bool contains(const std::string& name) const;
    const Key* find(const std::string& name) const;
    // Keys in declaration order.
    const std::vector<Key>& keys() const { return m_keys; }
    // Group names in order of first appearance, without duplicates.
    std::vector<std::string> groups() const;

    // Parses and validates; throws ConfigException with Apache's message for the first bad key.
    Parsed parse(const ConfigMap& props) const;
    // Parses and validates every key, collecting all errors (ConfigDef.validate), declaration order.
    std::vector<ConfigValue> validate(const ConfigMap& props) const;
    // The same for any other string map type (e.g. std::map<std::string, std::string>).
    template <class M>
    requires(!std::is_same_v<M, ConfigMap>) Parsed parse(const M& props)
    const { return parse(ConfigMap(props.begin(), props.end())); }
    template <class M>
    requires(!std::is_same_v<M, ConfigMap>) std::vector<ConfigValue> validate(const M& props)
    const { return validate(ConfigMap(props.begin(), props.end())); }

    // ConfigDef.parseType: the string form of one key parsed to its type, or ConfigException.
    static Value parseType(const std::string& name, const std::string& value, Type type);
    // ConfigDef.convertToString: null → nullopt, LIST joined by ",", PASSWORD → "[hidden]".
    static std::optional<std::string> convertToString(const Value& value, Type type);
    // The Java-ish text of a value as it appears in "Invalid value <v> ..." messages.
    static std::string valueText(const Value& value);

    static const char* typeName(Type type);
    static const char* importanceName(Importance importance);
    static const char* widthName(Width width);

private:
    std::vector<Key> m_keys;
};

// Validators with the exact messages of org.apache.kafka.common.config.ConfigDef's.
namespace validators {
ConfigDef::Validator atLeast(double min);
ConfigDef::Validator between(double min, double max);
ConfigDef::Validator nonEmptyString();
ConfigDef::Validator nonEmptyStringWithoutControlChars();
ConfigDef::Validator validString(std::vector<std::string> allowed);
ConfigDef::Validator caseInsensitiveValidString(std::vector<std::string> allowed);
// Every validator in order; the first failure wins (ConfigDef.CompositeValidator).
ConfigDef::Validator composite(std::vector<ConfigDef::Validator> all);
} // namespace validators

} // namespace connectdesk::sdk
