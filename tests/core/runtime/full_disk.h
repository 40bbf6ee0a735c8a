// A full disk for the current process, for tests: lowers the file-size limit (RLIMIT_FSIZE) so
// that writing a regular file past `bytes` fails with EFBIG, as writes fail on a full disk. The
// limit binds root too, unlike file permissions. SIGXFSZ is ignored meanwhile (its default action
// would end the process). room() or the destructor restores both.
#pragma once

#include <csignal>
#include <sys/resource.h>

class FullDisk {
public:
    explicit FullDisk(rlim_t bytes = 16)
    {
        if (::getrlimit(RLIMIT_FSIZE, &m_saved) != 0) {
            return;
        }
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit full = m_saved;
        full.rlim_cur = bytes;
        m_full = ::setrlimit(RLIMIT_FSIZE, &full) == 0;
    }
    ~FullDisk() { room(); }
    FullDisk(const FullDisk&) = delete;
    FullDisk& operator=(const FullDisk&) = delete;

    // Whether the limit is in place (check it before relying on failed writes).
    bool full() const { return m_full; }
    void room()
    {
        if (m_full) {
            ::setrlimit(RLIMIT_FSIZE, &m_saved);
            std::signal(SIGXFSZ, m_previousHandler);
            m_full = false;
        }
    }

private:
    struct rlimit m_saved {};
    void (*m_previousHandler)(int) = SIG_DFL;
    bool m_full = false;
};
