#include "tests/support/shapes_fixture.h"

#include "core/decode/ExportRecipes.h"
#include "core/decode/LatentTraversals.h"
#include "core/engine/Trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace vae {
namespace {

// The largest difference between two grey images' pixels.
int largestDifference(const QImage& a, const QImage& b)
{
    EXPECT_EQ(a.size(), b.size());
    int largest = 0;
    for (int y = 0; y < std::min(a.height(), b.height()); ++y)
        for (int x = 0; x < std::min(a.width(), b.width()); ++x)
            largest = std::max(largest, std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))));
    return largest;
}

TEST(LatentTraversals, DimensionsRunFromTheMostKlToTheLeastTiesAndMissingFiguresInNaturalOrder)
{
    EXPECT_EQ(dimensionsByKl({0.1, 2.0, 0.5, 2.0}, 4), (std::vector<int>{1, 3, 2, 0}));
    EXPECT_EQ(dimensionsByKl({}, 3), (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(dimensionsByKl({1.0, 2.0}, 3), (std::vector<int>{0, 1, 2})); // figures of another model
}

TEST(LatentTraversals, EachRowMovesOneDimensionFromMinusThreeToThreeAboutTheReference)
{
    const std::vector<float> reference{0.5f, -1.0f, 2.0f};
    const std::vector<float> latents = traversalLatents(reference, 3, {2, 0}, 5);
    ASSERT_EQ(latents.size(), std::size_t(2 * 5 * 3));
    const float offsets[] = {-3.0f, -1.5f, 0.0f, 1.5f, 3.0f};
    for (int row = 0; row < 2; ++row)
        for (int step = 0; step < 5; ++step) {
            std::vector<float> expected = reference;
            expected[row == 0 ? 2 : 0] += offsets[step];
            const auto first = latents.begin() + (row * 5 + step) * 3;
            EXPECT_EQ(std::vector<float>(first, first + 3), expected) << "row " << row << ", step " << step;
        }
    EXPECT_EQ(traversalLatents({}, 2, {1}, 2), (std::vector<float>{0.0f, -3.0f, 0.0f, 3.0f}));
    EXPECT_THROW(traversalLatents({}, 2, {2}, 5), std::invalid_argument);
    EXPECT_THROW(traversalLatents({1.0f}, 2, {0}, 5), std::invalid_argument);
    EXPECT_THROW(traversalLatents({}, 2, {0}, 1), std::invalid_argument);
}

TEST(LatentTraversals, TheSheetHasARowPerDimensionByKlAColumnPerStepAndTheReferenceInTheMiddle)
{
    TrainingConfig config = testing::smallConfig();
    config.latentDim = 3;
    Trainer trainer(config, testing::shapesDataset());
    for (int step = 0; step < 30; ++step)
        trainer.trainStep();
    const auto model = trainer.snapshot();
    const std::vector<float> reference{0.3f, -0.7f, 1.1f};
    const std::vector<double> kl{0.2, 0.9, 0.4}; // rows: dimension 1, then 2, then 0
    const int side = model->width();
    const QImage sheet = decodeTraversalSheet(*model, reference, kl, 5, {}, TileLayout{2, 1, Qt::white});
    ASSERT_EQ(sheet.size(), QSize(5 * (2 * side + 1) + 1, 3 * (2 * side + 1) + 1));
    const auto cell = [&](int row, int column) {
        return sheet.copy(1 + column * (2 * side + 1), 1 + row * (2 * side + 1), 2 * side, 2 * side)
            .scaled(side, side, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    };
    const auto decoded = [&](const std::vector<float>& z) { return decodeImages(*model, z).front(); };
    const int rowDimension[] = {1, 2, 0};
    for (int row = 0; row < 3; ++row) {
        EXPECT_LE(largestDifference(cell(row, 2), decoded(reference)), 1) << "row " << row;
        std::vector<float> low = reference;
        low[std::size_t(rowDimension[row])] -= 3.0f;
        EXPECT_LE(largestDifference(cell(row, 0), decoded(low)), 1) << "row " << row;
    }
    // The rows differ as their dimensions do, or the order above proves nothing.
    std::vector<float> lowOne = reference, lowTwo = reference;
    lowOne[1] -= 3.0f;
    lowTwo[2] -= 3.0f;
    EXPECT_GT(largestDifference(decoded(lowOne), decoded(lowTwo)), 10);
}

} // namespace
} // namespace vae
