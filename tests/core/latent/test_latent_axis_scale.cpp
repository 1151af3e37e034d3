#include "core/latent/LatentAxisScale.h"
#include "core/latent/NormalQuantile.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vae {
namespace {

TEST(LatentAxisScale, QuantileCellsAreEvenOnScreenAndCentredOnTheNormalQuantiles)
{
    const int cells = 8;
    const auto coordinates = gridCoordinates(cells, 3.0, GridSpacing::Quantile);
    const auto [low, high] = gridViewExtent(cells, 3.0, GridSpacing::Quantile);
    EXPECT_DOUBLE_EQ(low, 0.0);
    EXPECT_DOUBLE_EQ(high, 1.0);
    for (int i = 0; i < cells; ++i) {
        // Cell i's centre on the warped axis is (i + 1/2) / n, and the latent value there is
        // the normal quantile at that probability: Phi^-1(0.0625) = -1.5341, ...
        EXPECT_NEAR(latentToView(coordinates[std::size_t(i)], GridSpacing::Quantile), (i + 0.5) / cells, 1e-12);
        EXPECT_NEAR(viewToLatent((i + 0.5) / cells, GridSpacing::Quantile), coordinates[std::size_t(i)], 1e-9);
    }
    EXPECT_NEAR(coordinates.front(), -1.5341205443525463, 1e-9);
    EXPECT_NEAR(normalCdf(1.959963984540054), 0.975, 1e-12);
}

TEST(LatentAxisScale, LinearCellsAreCentredOnTheGridCoordinates)
{
    const int cells = 7;
    const auto coordinates = gridCoordinates(cells, 3.0, GridSpacing::Linear);
    const auto [low, high] = gridViewExtent(cells, 3.0, GridSpacing::Linear);
    EXPECT_DOUBLE_EQ(low, -3.5);
    EXPECT_DOUBLE_EQ(high, 3.5);
    const double width = (high - low) / cells;
    for (int i = 0; i < cells; ++i)
        EXPECT_NEAR(low + (i + 0.5) * width, coordinates[std::size_t(i)], 1e-12);
}

} // namespace
} // namespace vae
