#pragma once

#include "core/run/LiveSettings.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <utility>

namespace vae {

// What the GUI thread asks of the training loop. A loop busy with steps cannot receive queued
// calls (rule "Control between steps"), so it reads these between steps instead.
class RunControl {
public:
    enum class Request { Run, Pause, Stop };

    void request(Request request) { request_.store(request); }
    Request requested() const { return request_.load(); }
    bool runRequested() const { return request_.load() == Request::Run; }

    // The session is closing: even a test evaluation in progress should stop.
    void requestShutdown()
    {
        shutdown_.store(true);
        request(Request::Stop);
    }
    bool shutdownRequested() const { return shutdown_.load(); }

    // The latest settings win: the loop applies only the last ones it finds.
    void changeLiveSettings(const LiveSettings& settings)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        changes_ = settings;
        hasChanges_.store(true);
    }

    bool hasChanges() const { return hasChanges_.load(); }
    std::optional<LiveSettings> takeChanges()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        hasChanges_.store(false);
        return std::exchange(changes_, std::nullopt);
    }
    void discardChanges() { takeChanges(); }

private:
    std::atomic<Request> request_{Request::Stop};
    std::atomic<bool> shutdown_{false};
    std::mutex mutex_;
    std::optional<LiveSettings> changes_;
    std::atomic<bool> hasChanges_{false}; // lets the loop skip the mutex on almost every step
};

} // namespace vae
