#include "connectdesk/sdk/connect_record.h"

namespace connectdesk::sdk {

bool ConnectRecord::baseEquals(const ConnectRecord& other) const
{
    return m_topic == other.m_topic && m_kafkaPartition == other.m_kafkaPartition &&
           schemasEqual(m_keySchema, other.m_keySchema) && m_key == other.m_key &&
           schemasEqual(m_valueSchema, other.m_valueSchema) && m_value == other.m_value &&
           m_timestamp == other.m_timestamp && m_headers == other.m_headers;
}

} // namespace connectdesk::sdk
