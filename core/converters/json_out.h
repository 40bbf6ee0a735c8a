// A growable output buffer for the JSON writer whose per-character appends inline to a store
// and bounds check (std::string's are out-of-line calls on the hot path); reused across records.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace connectdesk::converters {

class JsonOut {
public:
    void clear() { m_size = 0; }
    std::size_t size() const { return m_size; }
    const char* data() const { return m_data.get(); }
    std::string_view view() const { return {m_data.get(), m_size}; }

    // Room for n more bytes; returns where to write them (commit with advance()).
    char* reserve(std::size_t n)
    {
        if (m_size + n > m_capacity)
            grow(m_size + n);
        return m_data.get() + m_size;
    }
    void advance(std::size_t n) { m_size += n; }

    void push_back(char c)
    {
        if (m_size == m_capacity)
            grow(m_size + 1);
        m_data[m_size++] = c;
    }
    void pop_back() { --m_size; }
    void append(const char* p, std::size_t n)
    {
        std::memcpy(reserve(n), p, n);
        m_size += n;
    }
    void append(std::string_view s) { append(s.data(), s.size()); }
    JsonOut& operator+=(std::string_view s)
    {
        append(s);
        return *this;
    }
    JsonOut& operator+=(const char* s)
    {
        append(std::string_view(s));
        return *this;
    }

private:
    void grow(std::size_t needed)
    {
        std::size_t cap = m_capacity ? m_capacity * 2 : 512;
        while (cap < needed)
            cap *= 2;
        auto bigger = std::make_unique<char[]>(cap);
        if (m_size)
            std::memcpy(bigger.get(), m_data.get(), m_size);
        m_data = std::move(bigger);
        m_capacity = cap;
    }

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace connectdesk::converters
