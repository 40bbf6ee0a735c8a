// Base of the converters that write a header exactly as they write a record value: Connect's
// ByteArray-, String- and number converters implement HeaderConverter by calling
// fromConnectData / toConnectData (spec §3).
#pragma once

#include <connectdesk/sdk/converter_plugin.h>

namespace connectdesk::converters {

class HeaderAsDataConverter : public sdk::Converter, public sdk::HeaderConverter {
public:
    std::optional<sdk::Bytes> fromConnectHeader(std::string_view topic, std::string_view headerKey,
                                                const sdk::SchemaPtr& schema,
                                                const sdk::Value& value) override;
    sdk::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view headerKey,
                                        std::optional<sdk::ByteView> data) override;

    // Overridden by converters that parse a config (String-, the number converters); Apache's
    // ByteArrayConverter reads none, so it keeps these.
    void configure(const sdk::ConfigMap&, bool) override {}
    void configure(const sdk::ConfigMap&) override {}
};

} // namespace connectdesk::converters
