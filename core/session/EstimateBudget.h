#pragma once

#include <deque>

namespace vae {

// Which epochs get a point of the log p(x) series, so that its estimates cost at most `share` of
// the training time. An epoch is admitted while the CPU time spent on estimates, counting the
// admitted ones still running at the cost of the last one finished, stays within `share` of the
// training's wall time so far; the first epoch always is (its cost is not known yet), and so is a
// run's last (training stops after it, so its estimate takes nothing from training). Comparing
// the estimate's CPU time with training's wall time is conservative: training runs on every core,
// so one CPU second taken from it costs it less than one second.
class EstimateBudget {
public:
    explicit EstimateBudget(double share);

    // An epoch of `trainingSeconds` has ended: true when its estimate may run.
    bool admit(double trainingSeconds, bool lastEpoch);
    // The oldest admitted estimate has finished, having taken `cpuSeconds`.
    void settle(double cpuSeconds);
    // A new run: nothing spent, nothing known.
    void reset();

    double share() const { return share_; }
    double spentSeconds() const { return spentSeconds_; }
    double trainingSeconds() const { return trainingSeconds_; }

private:
    double share_;
    double trainingSeconds_ = 0;
    double spentSeconds_ = 0;          // finished estimates' CPU time plus the running ones' expected
    double lastCost_ = 0;              // the last finished estimate's CPU time
    std::deque<double> expectedCosts_; // of the admitted estimates not finished yet, oldest first
};

} // namespace vae
