#include "core/session/ThreadPriority.h"

#if defined(__linux__)
#include <sys/resource.h>
#endif

namespace vae {
namespace {

constexpr int backgroundNiceness = 10;

} // namespace

void lowerCurrentThreadPriority()
{
#if defined(__linux__)
    // On Linux the niceness of PRIO_PROCESS 0 is the calling thread's, not the whole process's.
    setpriority(PRIO_PROCESS, 0, backgroundNiceness);
#endif
}

} // namespace vae
