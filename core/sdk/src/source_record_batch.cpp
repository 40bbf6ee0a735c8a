#include "connectdesk/sdk/source_record_batch.h"

namespace connectdesk::sdk {

void SourceRecordBatch::push_back(SourceRecord&& record)
{
    if (m_size < m_records.size()) {
        m_records[m_size] = std::move(record);
    } else {
        m_records.push_back(std::move(record));
    }
    ++m_size;
}

SourceRecord& SourceRecordBatch::addText(const SharedOffsetMap& sourcePartition, std::string_view offsetKey,
                                         Value offsetValue, std::string_view topic,
                                         std::optional<std::int32_t> kafkaPartition,
                                         const SchemaPtr& valueSchema, std::string_view text,
                                         std::optional<std::int64_t> timestamp)
{
    if (m_size < m_records.size()) {
        SourceRecord& record = m_records[m_size];
        record.rebuildAsText(sourcePartition, offsetKey, std::move(offsetValue), topic, kafkaPartition,
                             valueSchema, text, timestamp);
        ++m_size;
        return record;
    }
    OffsetMap offset;
    offset.emplace(offsetKey, std::move(offsetValue));
    m_records.emplace_back(sourcePartition, std::move(offset), std::string(topic), kafkaPartition, nullptr,
                           Value(), valueSchema, Value(text), timestamp);
    ++m_size;
    return m_records.back();
}

void SourceRecordBatch::release()
{
    std::vector<SourceRecord>().swap(m_records);
    m_size = 0;
}

} // namespace connectdesk::sdk
