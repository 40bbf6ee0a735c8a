#include "byte_array_converter.h"

#include "converter_config_parsing.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema.h>

namespace connectdesk::converters {

sdk::ConverterPlugin ByteArrayConverter::plugin()
{
    sdk::ConverterPlugin p;
    p.className = kClassName;
    p.aliases = sdk::defaultPluginAliases(kClassName, "Converter");
    p.createConverter = [] { return std::make_unique<ByteArrayConverter>(); };
    p.createHeaderConverter = [] { return std::make_unique<ByteArrayConverter>(); };
    // Declares converter.type like every ConverterConfig, yet (as in Apache) configure() reads
    // nothing, so no value is refused.
    p.config = &converterConfigDef;
    return p;
}

std::optional<sdk::Bytes> ByteArrayConverter::fromConnectData(std::string_view, sdk::Headers&,
                                                              const sdk::SchemaPtr& schema,
                                                              const sdk::Value& value)
{
    if (schema && schema->type() != sdk::SchemaType::Bytes)
        throw sdk::DataException("Invalid schema type for ByteArrayConverter: " +
                                 std::string(sdk::schemaTypeName(schema->type())));
    if (value.isNull())
        return std::nullopt;
    const auto* bytes = value.getIf<sdk::Bytes>();
    if (!bytes)
        throw sdk::DataException("ByteArrayConverter is not compatible with objects of type " +
                                 std::string(sdk::valueKindName(value.kind())));
    return *bytes;
}

sdk::SchemaAndValue ByteArrayConverter::toConnectData(std::string_view, const sdk::Headers&,
                                                      std::optional<sdk::ByteView> data)
{
    if (!data)
        return {sdk::Schema::optionalBytesSchema(), sdk::Value()};
    return {sdk::Schema::optionalBytesSchema(), sdk::Value(sdk::Bytes(data->begin(), data->end()))};
}

} // namespace connectdesk::converters
