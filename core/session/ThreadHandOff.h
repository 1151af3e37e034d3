#pragma once

#include "core/data/SanitizerHandOff.h"

#include <QMetaObject>
#include <QObject>

#include <type_traits>
#include <utility>

class QThread;

namespace vae {

// Rule "Hand-offs the sanitizer can see". Qt runs a queued call after the code that posted it, a
// pool task after the code that started it, and returns from QThread::wait() after the thread's
// end, all through locks of its own. Qt is not built with ThreadSanitizer, so TSan sees none of
// these orderings and takes every object handed across for a race. These helpers state them
// where the project hands something over.

// A callable that Qt carries to another thread. Making it (or a copy, or a move) releases, and
// calling or destroying it acquires, so everything done before it was handed over happens
// before its call and before its captures are freed, on whichever thread that is; the call
// releases again as it returns, for a destruction on the thread that made it.
template <typename Call>
class HandedOver {
public:
    explicit HandedOver(Call call)
        : call_(std::move(call))
    {
        releaseHandOff(this);
    }
    HandedOver(const HandedOver& other)
        : call_((acquireHandOff(&other), other.call_))
    {
        releaseHandOff(this);
    }
    HandedOver(HandedOver&& other) noexcept(std::is_nothrow_move_constructible_v<Call>)
        : call_((acquireHandOff(&other), std::move(other.call_)))
    {
        releaseHandOff(this);
    }
    HandedOver& operator=(const HandedOver&) = delete;
    HandedOver& operator=(HandedOver&&) = delete;
    ~HandedOver() { acquireHandOff(this); }

    decltype(auto) operator()()
    {
        acquireHandOff(this);
        // Whichever thread drops Qt's last reference to the call destroys it, possibly after it ran.
        const ReleaseOnExit releaseAfterCall{this};
        return call_();
    }

private:
    struct ReleaseOnExit {
        const void* token;
        ~ReleaseOnExit() { releaseHandOff(token); }
    };

    Call call_;
};

// Queues call to run on context's thread, as QMetaObject::invokeMethod does: dropped if context
// is deleted first. Every cross-thread call of the project goes through here.
template <typename Call>
void postCall(QObject* context, Call call)
{
    QMetaObject::invokeMethod(context, HandedOver<Call>(std::move(call)), Qt::QueuedConnection);
}

// Call before thread.start(): its end is released for joinThread().
void makeJoinable(QThread& thread);
// QThread::wait(); after it, everything the thread did happens before what follows.
void joinThread(QThread& thread);

} // namespace vae
