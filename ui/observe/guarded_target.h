// Lets a callback running on another thread (a herder callback, a worker QThread) hand a result to
// a GUI object that may be destroyed meanwhile: the post happens under a lock the object takes
// when it goes away, and Qt drops events already posted to a deleted object.
#pragma once

#include <QMetaObject>
#include <QObject>

#include <memory>
#include <mutex>
#include <utility>

namespace connectdesk::ui::observe {

class GuardedTarget {
    struct State {
        std::mutex mutex;
        QObject* target = nullptr;
    };

public:
    // A copyable handle for other threads.
    class Handle {
    public:
        // Runs `fn` on the target's thread, queued; false when the target is gone.
        template <class F>
        bool post(F&& fn) const
        {
            std::lock_guard lock(m_state->mutex);
            if (!m_state->target)
                return false;
            QMetaObject::invokeMethod(m_state->target, std::forward<F>(fn), Qt::QueuedConnection);
            return true;
        }

    private:
        friend class GuardedTarget;
        explicit Handle(std::shared_ptr<State> state) : m_state(std::move(state)) {}
        std::shared_ptr<State> m_state;
    };

    explicit GuardedTarget(QObject* target) : m_state(std::make_shared<State>()) { m_state->target = target; }
    ~GuardedTarget() { detach(); }
    GuardedTarget(const GuardedTarget&) = delete;
    GuardedTarget& operator=(const GuardedTarget&) = delete;

    // From here on, posts through existing handles are dropped.
    void detach()
    {
        std::lock_guard lock(m_state->mutex);
        m_state->target = nullptr;
    }
    Handle handle() const { return Handle(m_state); }

private:
    std::shared_ptr<State> m_state;
};

} // namespace connectdesk::ui::observe
