#include "core/decode/LatentCodes.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

TEST(PosteriorCollapse, MostDimensionsInactiveOrNextToNoKlInAll)
{
    EXPECT_TRUE(posteriorCollapsed(1, 4, 5.0));  // three of four dimensions unused
    EXPECT_FALSE(posteriorCollapsed(2, 4, 5.0)); // half in use is not most unused
    EXPECT_TRUE(posteriorCollapsed(0, 1, 5.0));
    EXPECT_FALSE(posteriorCollapsed(1, 1, 5.0));
    // Every mean varies a little, yet the codes tell the prior less than a nat per image.
    EXPECT_TRUE(posteriorCollapsed(10, 10, 0.41));
    EXPECT_FALSE(posteriorCollapsed(10, 10, collapsedTotalKl));
    EXPECT_FALSE(posteriorCollapsed(0, 0, 0.0)); // no model, nothing to warn of
}

TEST(PosteriorCollapse, ActiveUnitsCountTheVariancesAboveTheThreshold)
{
    EXPECT_EQ(activeUnits(std::vector<double>{0.5, 0.01, 0.0100001, 0.0}), 2);
    EXPECT_EQ(activeUnits(std::vector<double>{0.5, 0.01, 0.0}, 0.001), 2);
}

} // namespace
} // namespace vae
