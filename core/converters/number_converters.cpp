#include "number_converters.h"

#include "converter_config_parsing.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema.h>

#include <bit>
#include <cstring>

namespace connectdesk::converters {

namespace {

// What differs between the six converters: Java class, the type named in errors, the Kafka
// deserializer named in size errors, and the Connect schema type.
struct Traits {
    const char* className;
    const char* javaName;
    const char* deserializer;
    sdk::SchemaType type;
};
template <class T>
constexpr Traits kTraits{};
template <>
constexpr Traits kTraits<bool>{"org.apache.kafka.connect.converters.BooleanConverter", "boolean",
                               "BooleanDeserializer", sdk::SchemaType::Boolean};
template <>
constexpr Traits kTraits<std::int16_t>{"org.apache.kafka.connect.converters.ShortConverter", "short",
                                       "ShortDeserializer", sdk::SchemaType::Int16};
template <>
constexpr Traits kTraits<std::int32_t>{"org.apache.kafka.connect.converters.IntegerConverter", "integer",
                                       "IntegerDeserializer", sdk::SchemaType::Int32};
template <>
constexpr Traits kTraits<std::int64_t>{"org.apache.kafka.connect.converters.LongConverter", "long",
                                       "LongDeserializer", sdk::SchemaType::Int64};
template <>
constexpr Traits kTraits<float>{"org.apache.kafka.connect.converters.FloatConverter", "float",
                                "FloatDeserializer", sdk::SchemaType::Float32};
template <>
constexpr Traits kTraits<double>{"org.apache.kafka.connect.converters.DoubleConverter", "double",
                                 "DoubleDeserializer", sdk::SchemaType::Float64};

template <class T>
constexpr std::size_t kWidth = std::is_same_v<T, bool> ? 1 : sizeof(T);

} // namespace

template <class T>
const char* NumberConverter<T>::className()
{
    return kTraits<T>.className;
}

template <class T>
sdk::ConverterPlugin NumberConverter<T>::plugin()
{
    sdk::ConverterPlugin p;
    p.className = className();
    p.aliases = sdk::defaultPluginAliases(p.className, "Converter");
    p.createConverter = [] { return std::make_unique<NumberConverter<T>>(); };
    p.createHeaderConverter = [] { return std::make_unique<NumberConverter<T>>(); };
    // NumberConverterConfig and BooleanConverterConfig are ConverterConfig.newConfigDef() alone.
    p.config = &converterConfigDef;
    return p;
}

template <class T>
void NumberConverter<T>::configure(const sdk::ConfigMap& configs, bool isKey)
{
    // Nothing to keep, but Apache parses its config, so a bad converter.type is refused here too.
    static_cast<void>(parseConverterConfig(converterConfigDef(), configs,
                                           isKey ? sdk::ConverterType::Key : sdk::ConverterType::Value));
}

template <class T>
void NumberConverter<T>::configure(const sdk::ConfigMap& configs)
{
    static_cast<void>(parseHeaderConverterConfig(converterConfigDef(), configs));
}

template <class T>
std::optional<sdk::Bytes> NumberConverter<T>::fromConnectData(std::string_view, sdk::Headers&,
                                                              const sdk::SchemaPtr& schema,
                                                              const sdk::Value& value)
{
    if constexpr (std::is_same_v<T, bool>) {
        // Only BooleanConverter checks the schema type; the number converters ignore it.
        if (schema && schema->type() != sdk::SchemaType::Boolean)
            throw sdk::DataException("Invalid schema type for BooleanConverter: " +
                                     std::string(sdk::schemaTypeName(schema->type())));
    }
    if (value.isNull())
        return std::nullopt;
    const T* v = value.getIf<T>();
    if (!v) {
        if constexpr (std::is_same_v<T, bool>)
            throw sdk::DataException("BooleanConverter is not compatible with objects of type " +
                                     std::string(sdk::valueKindName(value.kind())));
        else
            throw sdk::DataException(std::string("Failed to serialize to ") + kTraits<T>.javaName + " (was " +
                                     std::string(sdk::valueKindName(value.kind())) + ")");
    }
    if constexpr (std::is_same_v<T, bool>) {
        return sdk::Bytes{static_cast<std::uint8_t>(*v ? 1 : 0)};
    } else {
        using U = std::conditional_t<sizeof(T) == 2, std::uint16_t,
                                     std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;
        U bits = std::bit_cast<U>(*v);
        sdk::Bytes out(sizeof(T));
        for (std::size_t i = sizeof(T); i-- > 0;) {
            out[i] = static_cast<std::uint8_t>(bits & 0xFF);
            bits = static_cast<U>(bits >> 8);
        }
        return out;
    }
}

template <class T>
sdk::SchemaAndValue NumberConverter<T>::toConnectData(std::string_view, const sdk::Headers&,
                                                      std::optional<sdk::ByteView> data)
{
    const sdk::SchemaPtr schema = sdk::Schema::primitive(kTraits<T>.type, true);
    if (!data)
        return {schema, sdk::Value()};
    const std::string prefix = std::string("Failed to deserialize ") + kTraits<T>.javaName + ": ";
    if (data->size() != kWidth<T>)
        throw sdk::DataException(prefix + "Size of data received by " + kTraits<T>.deserializer + " is not " +
                                 std::to_string(kWidth<T>));
    if constexpr (std::is_same_v<T, bool>) {
        const std::uint8_t b = (*data)[0];
        if (b > 1)
            throw sdk::DataException(prefix +
                                     "Unexpected byte received by BooleanDeserializer: " + std::to_string(b));
        return {schema, sdk::Value(b == 1)};
    } else {
        using U = std::conditional_t<sizeof(T) == 2, std::uint16_t,
                                     std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;
        U bits = 0;
        for (auto b : *data)
            bits = static_cast<U>((bits << 8) | b);
        return {schema, sdk::Value(std::bit_cast<T>(bits))};
    }
}

template class NumberConverter<bool>;
template class NumberConverter<std::int16_t>;
template class NumberConverter<std::int32_t>;
template class NumberConverter<std::int64_t>;
template class NumberConverter<float>;
template class NumberConverter<double>;

} // namespace connectdesk::converters
