// Which of one source partition's submitted records Kafka has acknowledged, by sequence number: the
// bookkeeping of Apache's SubmittedRecords without an entry per record (spec/connect-data-and-config.md
// §6.3: an offset is committable only once every earlier record of its partition is acknowledged).
//
// Records are numbered in the order they are sent. Acknowledgements come one per record and in any
// order: the records of one source partition may go to several Kafka partitions, each acknowledged
// in its own order. head() is the first record not acknowledged; every record before it is.
//
// An acknowledgement in order (the usual case: one Kafka partition, or a run that starts at head)
// only moves head. One that comes early sets its record's byte in a ring covering [head, tail), which
// is allocated and grown only then. A per-record entry (40 bytes and a deque node every 12 records)
// cost the producing thread more than its instructions: it pushed librdkafka's messages out of the
// cache before the broker thread walked them (docs/benchmarks.md).
#pragma once

#include <cstdint>
#include <vector>

namespace connectdesk::runtime {

class AckWindow {
public:
    explicit AckWindow(std::uint64_t first = 0) : m_head(first), m_tail(first) {}

    std::uint64_t head() const { return m_head; }
    std::uint64_t tail() const { return m_tail; }
    // Every numbered record is acknowledged.
    bool empty() const { return m_head == m_tail; }

    // Numbers the next record. Throws std::length_error when kMaxPending records would wait behind
    // an unacknowledged one (their low 32 bits would no longer tell them apart).
    std::uint64_t push();
    // Takes the last numbered record back: it was not sent, so no acknowledgement will come for it.
    void popBack();
    // Acknowledges the records [first, first + count), each of them once and not yet acknowledged, all
    // in [head, tail). Strongly exception-safe (a ring that fails to grow leaves nothing marked).
    void acknowledge(std::uint64_t first, std::uint64_t count);
    // The number of a record in [head, tail) from its low 32 bits, as carried in librdkafka's opaque.
    std::uint64_t expand(std::uint32_t low) const
    {
        return m_head + static_cast<std::uint32_t>(low - static_cast<std::uint32_t>(m_head));
    }

    static constexpr std::uint64_t kMaxPending = std::uint64_t{1} << 31;

private:
    bool early(std::uint64_t seq) const
    {
        return !m_early.empty() && m_early[seq & (m_early.size() - 1)] != 0;
    }

    std::uint64_t m_head;
    std::uint64_t m_tail;
    // Early acknowledgements of [head, head + size): a byte per record, size a power of two (or 0).
    std::vector<std::uint8_t> m_early;
};

} // namespace connectdesk::runtime
