#include "core/session/EstimateBudget.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

TEST(EstimateBudget, AdmitsTheFirstEpochThenKeepsTheEstimatesWithinTheirShare)
{
    EstimateBudget budget(0.10);
    EXPECT_TRUE(budget.admit(1.0, false));
    budget.settle(0.25); // each estimate costs a quarter of an epoch
    std::vector<int> admitted{1};
    for (int epoch = 2; epoch <= 20; ++epoch)
        if (budget.admit(1.0, false)) {
            admitted.push_back(epoch);
            budget.settle(0.25);
        }
    EXPECT_EQ(admitted, (std::vector<int>{1, 5, 8, 10, 13, 15, 18, 20}));
    EXPECT_LE(budget.spentSeconds(), 0.10 * budget.trainingSeconds());
}

TEST(EstimateBudget, AdmitsEveryEpochOfACheapEstimateAndTheLastEpochAlways)
{
    EstimateBudget budget(0.10);
    for (int epoch = 1; epoch <= 5; ++epoch) {
        EXPECT_TRUE(budget.admit(1.0, false)) << "epoch " << epoch;
        budget.settle(0.05);
    }
    budget.settle(0.0); // nothing admitted is waiting: ignored
    EstimateBudget costly(0.10);
    EXPECT_TRUE(costly.admit(1.0, false));
    costly.settle(5.0);
    EXPECT_FALSE(costly.admit(1.0, false));
    EXPECT_TRUE(costly.admit(1.0, true));
}

TEST(EstimateBudget, CountsAdmittedEstimatesStillRunningAtTheLastCost)
{
    EstimateBudget budget(0.10);
    EXPECT_TRUE(budget.admit(1.0, false));
    budget.settle(0.1);
    EXPECT_TRUE(budget.admit(1.0, false));  // 0.2 of 2.0: still within
    EXPECT_FALSE(budget.admit(0.5, false)); // the running one counts: 0.3 > 0.25
    budget.settle(0.1);
    budget.reset();
    EXPECT_TRUE(budget.admit(0.1, false)); // a new run starts afresh
}

} // namespace
} // namespace vae
