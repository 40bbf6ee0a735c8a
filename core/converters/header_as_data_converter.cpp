#include "header_as_data_converter.h"

namespace connectdesk::converters {

std::optional<sdk::Bytes> HeaderAsDataConverter::fromConnectHeader(std::string_view topic, std::string_view,
                                                                   const sdk::SchemaPtr& schema,
                                                                   const sdk::Value& value)
{
    sdk::Headers unused;
    return fromConnectData(topic, unused, schema, value);
}

sdk::SchemaAndValue HeaderAsDataConverter::toConnectHeader(std::string_view topic, std::string_view,
                                                           std::optional<sdk::ByteView> data)
{
    return toConnectData(topic, sdk::Headers(), data);
}

} // namespace connectdesk::converters
