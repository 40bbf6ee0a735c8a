// The HeaderConverter interface: converts one header value to bytes and back
// (org.apache.kafka.connect.storage.HeaderConverter, spec/connect-data-and-config.md §3.1).
#pragma once

#include "connectdesk/sdk/converter.h"

namespace connectdesk::sdk {

class HeaderConverter {
public:
    virtual ~HeaderConverter();

    // Configs arrive with the `header.converter.` prefix stripped; `converter.type` is `header`.
    virtual void configure(const ConfigMap& configs) = 0;

    // nullopt means a Kafka header with a null value.
    virtual std::optional<Bytes> fromConnectHeader(std::string_view topic, std::string_view headerKey,
                                                   const SchemaPtr& schema, const Value& value) = 0;
    virtual SchemaAndValue toConnectHeader(std::string_view topic, std::string_view headerKey,
                                           std::optional<ByteView> data) = 0;

    virtual void close() {}
};

} // namespace connectdesk::sdk
