#include "core/session/ThreadCpuTime.h"

#include <ctime>

namespace vae {

double threadCpuSeconds()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec now{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0)
        return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
#endif
    return double(std::clock()) / CLOCKS_PER_SEC;
}

} // namespace vae
