#include "core/data/ParallelLoad.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace vae {
namespace {

constexpr std::chrono::milliseconds reportInterval(100);

int threadCount(int count)
{
    const int cores = int(std::max(1U, std::thread::hardware_concurrency()));
    return std::max(1, std::min(count, cores));
}

} // namespace

void runOnAllCores(int count, const std::function<void(int index)>& work, const LoadProgress& progress)
{
    if (progress.cancelRequested && progress.cancelRequested())
        throw LoadCancelled();
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    int workersLeft = threadCount(count);

    std::vector<std::thread> workers;
    for (int thread = workersLeft; thread > 0; --thread)
        workers.emplace_back([&] {
            for (int index = next++; index < count && !stop; index = next++) {
                work(index);
                ++done;
            }
            const std::lock_guard<std::mutex> lock(mutex);
            if (--workersLeft == 0)
                finished.notify_one();
        });

    bool cancelled = false;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (!finished.wait_for(lock, reportInterval, [&] { return workersLeft == 0; })) {
            lock.unlock();
            if (progress.report)
                progress.report(done, count);
            if (!cancelled && progress.cancelRequested && progress.cancelRequested()) {
                cancelled = true;
                stop = true;
            }
            lock.lock();
        }
    }
    for (std::thread& worker : workers)
        worker.join();
    if (cancelled)
        throw LoadCancelled();
    if (progress.report)
        progress.report(count, count);
}

} // namespace vae
