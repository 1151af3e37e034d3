#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <utility>

namespace vae {

// Settings a running Trainer accepts between two steps.
struct LiveSettings {
    std::optional<double> learningRate;
    std::optional<double> beta;
    std::optional<int> epochs;
    std::optional<int> threads;
};

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

    void changeLearningRate(double value) { change(&LiveSettings::learningRate, value); }
    void changeBeta(double value) { change(&LiveSettings::beta, value); }
    void changeEpochs(int value) { change(&LiveSettings::epochs, value); }
    void changeThreads(int value) { change(&LiveSettings::threads, value); }

    bool hasChanges() const { return hasChanges_.load(); }
    LiveSettings takeChanges()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        hasChanges_.store(false);
        return std::exchange(changes_, LiveSettings{});
    }
    void discardChanges() { takeChanges(); }

private:
    template <typename T>
    void change(std::optional<T> LiveSettings::*setting, T value)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        changes_.*setting = value;
        hasChanges_.store(true);
    }

    std::atomic<Request> request_{Request::Stop};
    std::atomic<bool> shutdown_{false};
    std::mutex mutex_;
    LiveSettings changes_;
    std::atomic<bool> hasChanges_{false}; // lets the loop skip the mutex on almost every step
};

} // namespace vae
