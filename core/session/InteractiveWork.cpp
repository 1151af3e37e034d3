#include "core/session/InteractiveWork.h"

#include <condition_variable>
#include <mutex>

namespace vae {
namespace {

struct RunningJobs {
    std::mutex mutex;
    std::condition_variable finished;
    int count = 0;
};

RunningJobs& runningJobs()
{
    static RunningJobs jobs;
    return jobs;
}

} // namespace

InteractiveWork::Scope::Scope()
{
    RunningJobs& jobs = runningJobs();
    std::lock_guard<std::mutex> lock(jobs.mutex);
    ++jobs.count;
}

InteractiveWork::Scope::~Scope()
{
    RunningJobs& jobs = runningJobs();
    {
        std::lock_guard<std::mutex> lock(jobs.mutex);
        --jobs.count;
    }
    jobs.finished.notify_all();
}

void InteractiveWork::yieldTo(std::chrono::milliseconds limit)
{
    RunningJobs& jobs = runningJobs();
    std::unique_lock<std::mutex> lock(jobs.mutex);
    jobs.finished.wait_for(lock, limit, [&jobs] { return jobs.count == 0; });
}

} // namespace vae
