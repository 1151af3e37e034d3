#include "core/data/InputError.h"
#include "core/latent/LatentGeometry.h"
#include "core/latent/NormalQuantile.h"
#include "core/latent/PrincipalAxes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace vae {
namespace {

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

TEST(NormalQuantile, MatchesKnownQuantilesAndInvertsTheCdf)
{
    EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-12);
    EXPECT_NEAR(normalQuantile(0.5), 0.0, 1e-15);
    EXPECT_NEAR(normalQuantile(0.001), -3.090232306167813, 1e-12);
    EXPECT_NEAR(normalQuantile(1e-10), -6.361340902404056, 1e-9);
    for (double p = 0.0005; p < 1.0; p += 0.0137)
        EXPECT_NEAR(normalCdf(normalQuantile(p)), p, 1e-13) << "p = " << p;
    EXPECT_TRUE(std::isinf(normalQuantile(0.0)));
}

TEST(GridCoordinates, LinearSpansTheRangeAndQuantileCellsHoldEqualPriorMass)
{
    const auto linear = gridCoordinates(5, 3.0, GridSpacing::Linear);
    ASSERT_EQ(linear.size(), 5u);
    EXPECT_DOUBLE_EQ(linear.front(), -3.0);
    EXPECT_DOUBLE_EQ(linear[2], 0.0);
    EXPECT_DOUBLE_EQ(linear.back(), 3.0);

    const int cells = 10;
    const auto quantile = gridCoordinates(cells, 3.0, GridSpacing::Quantile);
    for (int i = 0; i < cells; ++i)
        EXPECT_NEAR(normalCdf(quantile[std::size_t(i)]), (i + 0.5) / cells, 1e-12);
    EXPECT_NEAR(quantile.front(), -quantile.back(), 1e-12);
}

TEST(LatentPlane, HoldsTheOtherCoordinatesAtTheReference)
{
    const std::vector<float> reference{0.5f, -1.0f, 2.0f, 0.25f};
    const LatentPlane plane = dimensionPlane(4, 2, 0, reference);
    const std::vector<float> z = plane.point(1.5, -0.5);
    EXPECT_EQ(z, (std::vector<float>{-0.5f, -1.0f, 1.5f, 0.25f}));
    const auto [a, b] = plane.coordinates(z.data());
    EXPECT_DOUBLE_EQ(a, 1.5);
    EXPECT_DOUBLE_EQ(b, -0.5);
    EXPECT_THROW(dimensionPlane(4, 1, 4), InputError);
    EXPECT_THROW(dimensionPlane(4, 3, 3), InputError);
}

TEST(GridPoints, RowZeroIsTheTopAndColumnZeroTheLeft)
{
    const LatentPlane plane = dimensionPlane(3, 0, 1, {9.0f, 9.0f, 7.0f});
    const int cells = 4;
    const auto points = gridPoints(plane, cells, 2.0, GridSpacing::Linear);
    ASSERT_EQ(points.size(), std::size_t(cells * cells * 3));
    const auto coordinates = gridCoordinates(cells, 2.0, GridSpacing::Linear);
    for (int row = 0; row < cells; ++row)
        for (int column = 0; column < cells; ++column) {
            const float* z = points.data() + (row * cells + column) * 3;
            EXPECT_FLOAT_EQ(z[0], float(coordinates[std::size_t(column)]));
            EXPECT_FLOAT_EQ(z[1], float(coordinates[std::size_t(cells - 1 - row)]));
            EXPECT_FLOAT_EQ(z[2], 7.0f);
        }
}

TEST(InterpolationPath, LinearAndSphericalPathsJoinTheEndpoints)
{
    const std::vector<float> from{2.0f, 0.0f};
    const std::vector<float> to{0.0f, 4.0f};
    const auto linear = interpolationPath(from, to, 5, InterpolationKind::Linear);
    ASSERT_EQ(linear.size(), 10u);
    EXPECT_FLOAT_EQ(linear[4], 1.0f);
    EXPECT_FLOAT_EQ(linear[5], 2.0f);
    const auto spherical = interpolationPath(from, to, 5, InterpolationKind::Spherical);
    EXPECT_NEAR(spherical[0], 2.0f, 1e-6);
    EXPECT_NEAR(spherical[9], 4.0f, 1e-6);
    // Halfway: at 45 degrees with the mean of the two norms.
    EXPECT_NEAR(spherical[4], 3.0 / std::sqrt(2.0), 1e-5);
    EXPECT_NEAR(spherical[5], 3.0 / std::sqrt(2.0), 1e-5);
}

TEST(PrincipalAxes, FindsTheDirectionsOfLargestVariance)
{
    std::mt19937 random(4);
    std::normal_distribution<float> normal;
    const int count = 5000;
    std::vector<float> points;
    const float diagonal = 1.0f / std::sqrt(2.0f);
    for (int n = 0; n < count; ++n) {
        const float major = 3.0f * normal(random), minor = 1.0f * normal(random), noise = 0.1f * normal(random);
        points.insert(points.end(), {diagonal * (major - minor), diagonal * (major + minor), noise});
    }
    const PrincipalAxes axes = principalAxes(points, count, 3);
    EXPECT_NEAR(std::fabs(axes.first[0] * diagonal + axes.first[1] * diagonal), 1.0, 1e-3);
    EXPECT_NEAR(std::fabs(-axes.second[0] * diagonal + axes.second[1] * diagonal), 1.0, 1e-3);
    EXPECT_NEAR(axes.firstVariance, 9.0, 0.5);
    EXPECT_NEAR(axes.secondVariance, 1.0, 0.1);
}

} // namespace
} // namespace vae
