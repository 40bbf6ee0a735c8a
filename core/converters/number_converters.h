// Connect's fixed-width converters (org.apache.kafka.connect.converters.BooleanConverter, Short-,
// Integer-, Long-, Float-, DoubleConverter): big-endian bytes as Kafka's serializers write them (spec §3).
#pragma once

#include "header_as_data_converter.h"

#include <connectdesk/sdk/converter_plugin.h>

#include <cstdint>

namespace connectdesk::converters {

// One converter per Java type; T is the Connect value alternative it accepts (an int64 given to
// IntegerConverter is an error, not a narrowing).
template <class T>
class NumberConverter final : public HeaderAsDataConverter {
public:
    static const char* className();
    static sdk::ConverterPlugin plugin();

    // Validates converter.type, the only key (NumberConverterConfig, BooleanConverterConfig).
    void configure(const sdk::ConfigMap& configs, bool isKey) override;
    void configure(const sdk::ConfigMap& configs) override;

    std::optional<sdk::Bytes> fromConnectData(std::string_view topic, sdk::Headers& headers,
                                              const sdk::SchemaPtr& schema, const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectData(std::string_view topic, const sdk::Headers& headers,
                                      std::optional<sdk::ByteView> data) override;
};

using BooleanConverter = NumberConverter<bool>;
using ShortConverter = NumberConverter<std::int16_t>;
using IntegerConverter = NumberConverter<std::int32_t>;
using LongConverter = NumberConverter<std::int64_t>;
using FloatConverter = NumberConverter<float>;
using DoubleConverter = NumberConverter<double>;

extern template class NumberConverter<bool>;
extern template class NumberConverter<std::int16_t>;
extern template class NumberConverter<std::int32_t>;
extern template class NumberConverter<std::int64_t>;
extern template class NumberConverter<float>;
extern template class NumberConverter<double>;

} // namespace connectdesk::converters
