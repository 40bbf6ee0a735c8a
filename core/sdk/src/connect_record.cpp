#include "connectdesk/sdk/connect_record.h"

namespace connectdesk::sdk {

bool ConnectRecord::baseEquals(const ConnectRecord& other) const
{
    return m_topic == other.m_topic && m_kafkaPartition == other.m_kafkaPartition &&
           schemasEqual(m_keySchema, other.m_keySchema) && m_key == other.m_key &&
           schemasEqual(m_valueSchema, other.m_valueSchema) && m_value == other.m_value &&
           m_timestamp == other.m_timestamp && m_headers == other.m_headers;
}

void ConnectRecord::rebuildAsText(std::string_view topic, std::optional<std::int32_t> kafkaPartition,
                                  const SchemaPtr& valueSchema, std::string_view text,
                                  std::optional<std::int64_t> timestamp)
{
    rebuildRouting(topic, kafkaPartition, timestamp);
    m_keySchema.reset();
    m_key = Value();
    if (m_valueSchema != valueSchema) {
        m_valueSchema = valueSchema;
    }
    if (auto* value = m_value.getIf<std::string>()) {
        value->assign(text);
    } else {
        m_value = Value(text);
    }
}

ConnectRecord::PayloadSlots ConnectRecord::rebuildRouting(std::string_view topic,
                                                          std::optional<std::int32_t> kafkaPartition,
                                                          std::optional<std::int64_t> timestamp)
{
    m_topic.assign(topic);
    m_kafkaPartition = kafkaPartition;
    m_timestamp = timestamp;
    if (!m_headers.isEmpty()) {
        m_headers.clear();
    }
    return {m_keySchema, m_key, m_valueSchema, m_value};
}

} // namespace connectdesk::sdk
