#include "core/session/EstimateBudget.h"

namespace vae {

EstimateBudget::EstimateBudget(double share)
    : share_(share)
{
}

bool EstimateBudget::admit(double trainingSeconds, bool lastEpoch)
{
    trainingSeconds_ += trainingSeconds;
    const bool first = lastCost_ == 0 && expectedCosts_.empty();
    if (!first && !lastEpoch && spentSeconds_ + lastCost_ > share_ * trainingSeconds_)
        return false;
    spentSeconds_ += lastCost_;
    expectedCosts_.push_back(lastCost_);
    return true;
}

void EstimateBudget::settle(double cpuSeconds)
{
    if (expectedCosts_.empty())
        return;
    spentSeconds_ += cpuSeconds - expectedCosts_.front();
    expectedCosts_.pop_front();
    lastCost_ = cpuSeconds;
}

void EstimateBudget::reset()
{
    trainingSeconds_ = 0;
    spentSeconds_ = 0;
    lastCost_ = 0;
    expectedCosts_.clear();
}

} // namespace vae
