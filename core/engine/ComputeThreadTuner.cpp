#include "core/engine/ComputeThreadTuner.h"

#include <algorithm>

namespace vae {
namespace {

double median(std::vector<double> values)
{
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

} // namespace

ComputeThreadTuner::ComputeThreadTuner(int cores)
    : ComputeThreadTuner(cores, Schedule{})
{
}

ComputeThreadTuner::ComputeThreadTuner(int cores, Schedule schedule)
    : cores_(std::max(1, cores))
    , schedule_(schedule)
    , kept_(cores_)
    , current_(cores_)
    , stepsToSettle_(schedule.settleSteps)
    , interval_(schedule.firstInterval)
{
}

void ComputeThreadTuner::recordStep(double seconds, int images)
{
    if (cores_ == 1 || images <= 0)
        return;
    if (!probing_)
        sinceProbe_ += seconds;
    if (stepsToSettle_ > 0) {
        --stepsToSettle_;
        return;
    }
    recentSecondsPerImage_.push_back(seconds / images);
    if (int(recentSecondsPerImage_.size()) > schedule_.sampleSteps)
        recentSecondsPerImage_.erase(recentSecondsPerImage_.begin());
    if (int(recentSecondsPerImage_.size()) < schedule_.sampleSteps)
        return;
    if (probing_) {
        finishProbe();
        return;
    }
    // The first probe comes as soon as the starting count is measured: a run started beside a
    // busy program should not wait an interval at a fraction of its speed.
    if (probedOnce_ && sinceProbe_ < interval_)
        return;
    keptSecondsPerImage_ = median(recentSecondsPerImage_);
    probing_ = true;
    probedOnce_ = true;
    switchTo(neighbourToProbe());
}

int ComputeThreadTuner::neighbourToProbe()
{
    const int down = current_ - 1;
    const int up = current_ + 1;
    const bool tryDown = down >= 1 && (probeDownFirst_ || up > cores_);
    probeDownFirst_ = !probeDownFirst_;
    return tryDown ? down : up;
}

void ComputeThreadTuner::switchTo(int threads)
{
    current_ = threads;
    recentSecondsPerImage_.clear();
    stepsToSettle_ = schedule_.settleSteps;
}

void ComputeThreadTuner::finishProbe()
{
    probing_ = false;
    sinceProbe_ = 0;
    if (median(recentSecondsPerImage_) < keptSecondsPerImage_ * (1.0 - schedule_.requiredGain)) {
        kept_ = current_;
        interval_ = schedule_.firstInterval;
        return;
    }
    interval_ = std::min(2.0 * interval_, schedule_.longestInterval);
    switchTo(kept_);
}

} // namespace vae
