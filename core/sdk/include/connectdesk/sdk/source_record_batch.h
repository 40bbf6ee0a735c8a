// The records of one SourceTask::pollInto(), in storage the worker keeps from one poll to the next.
// ConnectDesk's own; Apache's SourceTask returns a new List<SourceRecord> from each poll().
#pragma once

#include "connectdesk/sdk/source_record.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace connectdesk::sdk {

// A sequence of SourceRecord, like a std::vector, except that clear() keeps the records it held as
// spent ones: addText() builds its record in place of a spent one, so that the buffers that record
// had (its topic's, its text's, its one-entry source offset's map node) are reused instead of
// allocated and freed again for every record. A task that builds hundreds of records per poll, as
// FileStreamSource does, spends a large part of its time on those allocations otherwise. As with a
// std::vector, appending past the storage moves the records: a reference to one does not outlive it.
class SourceRecordBatch {
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    SourceRecord& operator[](std::size_t i) { return m_records[i]; }
    const SourceRecord& operator[](std::size_t i) const { return m_records[i]; }
    SourceRecord* begin() { return m_records.data(); }
    SourceRecord* end() { return m_records.data() + m_size; }
    const SourceRecord* begin() const { return m_records.data(); }
    const SourceRecord* end() const { return m_records.data() + m_size; }

    // Appends `record` (over a spent record, if there is one).
    void push_back(SourceRecord&& record);
    // Appends the record that
    //   SourceRecord(sourcePartition, {{offsetKey, offsetValue}}, topic, kafkaPartition, nullptr,
    //                Value(), valueSchema, Value(text), timestamp)
    // would be: a null key, `text` as the value, no headers. Built in place of a spent record when
    // there is one, whose buffers it keeps.
    SourceRecord& addText(const SharedOffsetMap& sourcePartition, std::string_view offsetKey,
                          Value offsetValue, std::string_view topic,
                          std::optional<std::int32_t> kafkaPartition, const SchemaPtr& valueSchema,
                          std::string_view text, std::optional<std::int64_t> timestamp);
    // Room for `n` records without reallocating the storage.
    void reserve(std::size_t n) { m_records.reserve(n); }
    // Empties the batch; its records stay, spent, for the next ones to reuse.
    void clear() { m_size = 0; }
    // Empties the batch and frees its records and storage.
    void release();
    // Records held, in the batch and spent.
    std::size_t held() const { return m_records.size(); }

private:
    std::vector<SourceRecord> m_records; // [0, m_size) in the batch, the rest spent
    std::size_t m_size = 0;
};

} // namespace connectdesk::sdk
