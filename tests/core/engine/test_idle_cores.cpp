#include "core/engine/IdleCores.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace vae;

TEST(IdleCores, ReadsTheMachinesLineOfProcStatCountingDiskWaitsAsIdle)
{
    const std::optional<CpuTimes> times = parseCpuTimes("cpu  100 20 30 400 50 6 7 8 9 10");
    ASSERT_TRUE(times);
    EXPECT_EQ(times->total, 621);
    EXPECT_EQ(times->idle, 450);
    EXPECT_FALSE(parseCpuTimes("cpu0 100 20 30 400 50 6 7 8 9 10"));
    EXPECT_FALSE(parseCpuTimes("cpu  100 20"));
    EXPECT_FALSE(parseCpuTimes(""));
}

TEST(IdleCores, AveragesTheIdleShareOverTheCores)
{
    // 200 ticks passed on 2 cores, 50 of them idle: a quarter of the time, half a core.
    EXPECT_DOUBLE_EQ(idleCoresBetween({1000, 300}, {1200, 350}, 2), 0.5);
    // Under 20 ticks a core apart the readings cannot tell: 10 ticks, all busy, on a quiet machine.
    EXPECT_TRUE(std::isnan(idleCoresBetween({1000, 300}, {1000, 300}, 2)));
    EXPECT_TRUE(std::isnan(idleCoresBetween({1000, 300}, {1010, 300}, 2)));
    EXPECT_FALSE(std::isnan(idleCoresBetween({1000, 300}, {1040, 300}, 2)));
}
