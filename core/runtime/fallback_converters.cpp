#include "runtime/fallback_converters.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema.h>
#include <connectdesk/sdk/schema_and_value.h>

namespace connectdesk::runtime {

namespace {

sdk::Bytes toBytes(const std::string& s)
{
    return sdk::Bytes(s.begin(), s.end());
}

// org.apache.kafka.connect.storage.StringConverter: UTF-8 text of the value's string form.
class StringConverter : public sdk::Converter {
public:
    void configure(const sdk::ConfigMap&, bool) override {}
    std::optional<sdk::Bytes> fromConnectData(std::string_view, sdk::Headers&, const sdk::SchemaPtr&,
                                              const sdk::Value& value) override
    {
        if (value.isNull()) {
            return std::nullopt;
        }
        if (const auto* s = value.getIf<std::string>()) {
            return toBytes(*s);
        }
        throw sdk::DataException("The fallback StringConverter only converts string values");
    }
    sdk::SchemaAndValue toConnectData(std::string_view, const sdk::Headers&,
                                      std::optional<sdk::ByteView> data) override
    {
        if (!data) {
            return {sdk::Schema::optionalStringSchema(), sdk::Value()};
        }
        return {sdk::Schema::optionalStringSchema(),
                sdk::Value(std::string(reinterpret_cast<const char*>(data->data()), data->size()))};
    }
};

class ByteArrayConverter : public sdk::Converter {
public:
    void configure(const sdk::ConfigMap&, bool) override {}
    std::optional<sdk::Bytes> fromConnectData(std::string_view, sdk::Headers&, const sdk::SchemaPtr&,
                                              const sdk::Value& value) override
    {
        if (value.isNull()) {
            return std::nullopt;
        }
        if (const auto* b = value.getIf<sdk::Bytes>()) {
            return *b;
        }
        throw sdk::DataException("ByteArrayConverter is not compatible with objects of this type");
    }
    sdk::SchemaAndValue toConnectData(std::string_view, const sdk::Headers&,
                                      std::optional<sdk::ByteView> data) override
    {
        if (!data) {
            return {sdk::Schema::optionalBytesSchema(), sdk::Value()};
        }
        return {sdk::Schema::optionalBytesSchema(), sdk::Value(sdk::Bytes(data->begin(), data->end()))};
    }
};

class SimpleStringHeaderConverter : public sdk::HeaderConverter {
public:
    void configure(const sdk::ConfigMap&) override {}
    std::optional<sdk::Bytes> fromConnectHeader(std::string_view, std::string_view, const sdk::SchemaPtr&,
                                                const sdk::Value& value) override
    {
        if (value.isNull()) {
            return std::nullopt;
        }
        if (const auto* s = value.getIf<std::string>()) {
            return toBytes(*s);
        }
        throw sdk::DataException("The fallback SimpleHeaderConverter only converts string header values");
    }
    sdk::SchemaAndValue toConnectHeader(std::string_view, std::string_view,
                                        std::optional<sdk::ByteView> data) override
    {
        if (!data) {
            return {nullptr, sdk::Value()};
        }
        return {sdk::Schema::stringSchema(),
                sdk::Value(std::string(reinterpret_cast<const char*>(data->data()), data->size()))};
    }
};

} // namespace

sdk::PluginDescriptor fallbackConverters()
{
    sdk::PluginDescriptor d;
    d.name = "runtime-fallback-converters";
    d.version = "fallback";
    sdk::ConverterPlugin s;
    s.className = "org.apache.kafka.connect.storage.StringConverter";
    s.version = d.version;
    s.createConverter = [] { return std::make_unique<StringConverter>(); };
    d.converters.push_back(s);
    sdk::ConverterPlugin b;
    b.className = "org.apache.kafka.connect.converters.ByteArrayConverter";
    b.version = d.version;
    b.createConverter = [] { return std::make_unique<ByteArrayConverter>(); };
    d.converters.push_back(b);
    sdk::ConverterPlugin h;
    h.className = "org.apache.kafka.connect.storage.SimpleHeaderConverter";
    h.version = d.version;
    h.createHeaderConverter = [] { return std::make_unique<SimpleStringHeaderConverter>(); };
    d.converters.push_back(h);
    return d;
}

} // namespace connectdesk::runtime
