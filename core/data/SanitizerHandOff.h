#pragma once

#if defined(__SANITIZE_THREAD__)
#define VAE_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VAE_THREAD_SANITIZER 1
#endif
#endif

#ifdef VAE_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace vae {

// Rule "Hand-offs the sanitizer can see": the orderings that uninstrumented libraries (Qt's
// queues and QThread, libgomp's barriers) give our threads, stated for ThreadSanitizer. What
// this thread did before releaseHandOff(token) happens before what a thread does after a later
// acquireHandOff(token). Outside a TSan build they compile to nothing. core/session/ThreadHandOff.h
// builds Qt's hand-offs on them.
inline void releaseHandOff(const void* token)
{
#ifdef VAE_THREAD_SANITIZER
    __tsan_release(const_cast<void*>(token));
#else
    static_cast<void>(token);
#endif
}

inline void acquireHandOff(const void* token)
{
#ifdef VAE_THREAD_SANITIZER
    __tsan_acquire(const_cast<void*>(token));
#else
    static_cast<void>(token);
#endif
}

} // namespace vae
