#include "runtime/ack_window.h"

#include <cassert>
#include <stdexcept>
#include <string>

namespace connectdesk::runtime {

std::uint64_t AckWindow::push()
{
    if (m_tail - m_head >= kMaxPending) {
        throw std::length_error("More than " + std::to_string(kMaxPending) +
                                " records of one source partition wait behind an unacknowledged one");
    }
    return m_tail++;
}

void AckWindow::popBack()
{
    assert(m_tail > m_head);
    --m_tail;
}

void AckWindow::acknowledge(std::uint64_t first, std::uint64_t count)
{
    assert(first >= m_head && first + count <= m_tail);
    if (count == 0) {
        return;
    }
    if (first != m_head) {
        // Early: mark them, in a ring large enough for the last of them.
        const std::uint64_t span = first + count - m_head;
        if (span > m_early.size()) {
            std::size_t size = m_early.empty() ? 64 : m_early.size();
            while (size < span) {
                size *= 2;
            }
            std::vector<std::uint8_t> grown(size, 0); // the only step that can throw
            for (std::uint64_t seq = m_head; seq < m_head + m_early.size() && seq < m_tail; ++seq) {
                grown[seq & (size - 1)] = m_early[seq & (m_early.size() - 1)];
            }
            m_early.swap(grown);
        }
        for (std::uint64_t seq = first; seq < first + count; ++seq) {
            m_early[seq & (m_early.size() - 1)] = 1;
        }
        return;
    }
    // In order: head moves past the run, then past the early ones that now follow it.
    m_head += count;
    while (m_head < m_tail && early(m_head)) {
        m_early[m_head & (m_early.size() - 1)] = 0;
        ++m_head;
    }
}

} // namespace connectdesk::runtime
