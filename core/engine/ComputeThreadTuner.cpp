#include "core/engine/ComputeThreadTuner.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace vae {
namespace {

double median(std::vector<double> values)
{
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

} // namespace

ComputeThreadTuner::ComputeThreadTuner(int cores, IdleCores idleCores)
    : ComputeThreadTuner(cores, std::move(idleCores), Schedule{})
{
}

ComputeThreadTuner::ComputeThreadTuner(int cores, IdleCores idleCores, Schedule schedule)
    : cores_(std::max(1, cores))
    , idleCores_(std::move(idleCores))
    , schedule_(schedule)
    , kept_(1)
    , current_(1)
    , largestUsed_(1)
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
    if (probing_)
        judgeProbe();
    else if (int(recentSecondsPerImage_.size()) == schedule_.sampleSteps)
        considerProbing();
}

void ComputeThreadTuner::considerProbing()
{
    // The first probe comes as soon as the starting count is measured, so a quiet machine gets
    // all its cores within a few dozen steps.
    if (probedOnce_ && !climbing_ && sinceProbe_ < interval_)
        return;
    auto inRange = [this](int threads) { return threads >= 1 && threads <= cores_; };
    if (!inRange(current_ + direction_)) {
        direction_ = -direction_;
        // A climb ends at the first or the last count; a periodic probe takes the other side.
        if (climbing_ || !inRange(current_ + direction_)) {
            climbing_ = false;
            sinceProbe_ = 0;
            return;
        }
    }
    bool ontoIdleCore = false;
    if (direction_ > 0) {
        const Growth growth = growthWorthTrying();
        if (growth == Growth::AskAgain)
            return;
        if (growth == Growth::Defer) {
            climbing_ = false;
            probedOnce_ = true; // the look counts as a probe: the next comes after an interval
            sinceProbe_ = 0;
            return;
        }
        ontoIdleCore = growth == Growth::OntoIdleCore;
    }
    const int candidate = current_ + direction_;
    keptSecondsPerImage_ = median(recentSecondsPerImage_);
    probing_ = true;
    probedOnce_ = true;
    switchTo(candidate);
    if (ontoIdleCore)
        stepsToSettle_ = std::max(stepsToSettle_, schedule_.wakeSettleSteps);
}

ComputeThreadTuner::Growth ComputeThreadTuner::growthWorthTrying()
{
    const double idle = idleCores_.look ? idleCores_.look() : -1;
    if (std::isnan(idle))
        return Growth::AskAgain;
    if (idle < 0 || idle >= schedule_.idleCoresToGrow) {
        busyFor_ = 0;
        return idle < 0 ? Growth::Try : Growth::OntoIdleCore;
    }
    // Beside one busy program a second thread only waits for the taken core; among many, each
    // thread gets its share of the cores and a team can win after all. So a busy machine defers
    // the probe rather than forbidding it.
    busyFor_ += sinceProbe_;
    if (busyFor_ < schedule_.busyInterval)
        return Growth::Defer;
    busyFor_ = 0;
    return Growth::Try;
}

void ComputeThreadTuner::judgeProbe()
{
    // The probe wins when its median beats the threshold, i.e. when more than half of its samples
    // do: it is decided as soon as enough samples fall on one side, which ends a losing probe
    // early.
    const double threshold = keptSecondsPerImage_ * (1.0 - schedule_.requiredGain);
    const int faster = int(std::count_if(recentSecondsPerImage_.begin(), recentSecondsPerImage_.end(),
                                         [threshold](double sample) { return sample < threshold; }));
    const int slower = int(recentSecondsPerImage_.size()) - faster;
    const int needed = schedule_.sampleSteps / 2 + 1;
    if (faster < needed && slower <= schedule_.sampleSteps - needed)
        return;
    probing_ = false;
    sinceProbe_ = 0;
    climbing_ = faster >= needed;
    if (climbing_) {
        kept_ = current_;
        interval_ = schedule_.firstInterval;
        return;
    }
    interval_ = std::min(2.0 * interval_, schedule_.longestInterval);
    direction_ = -direction_;
    switchTo(kept_);
}

void ComputeThreadTuner::switchTo(int threads)
{
    current_ = threads;
    recentSecondsPerImage_.clear();
    stepsToSettle_ = threads > largestUsed_ ? schedule_.firstUseSettleSteps : schedule_.settleSteps;
    largestUsed_ = std::max(largestUsed_, threads);
    if (idleCores_.restart)
        idleCores_.restart();
}

} // namespace vae
