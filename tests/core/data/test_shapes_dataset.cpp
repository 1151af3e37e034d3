#include "tests/support/shapes_fixture.h"

#include "core/data/ShapesDataset.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>

#include <algorithm>
#include <array>
#include <iostream>
#include <numeric>

using namespace vae;

namespace {

const Dataset& shapes()
{
    return *vae::testing::shapesDataset();
}

void expectFactorsInRange(const std::vector<ShapeFactors>& all)
{
    constexpr std::array<float, 3> symmetryAngles = {90, 180, 120};
    for (const ShapeFactors& factors : all) {
        EXPECT_GE(factors.scale, 0.5f);
        EXPECT_LE(factors.scale, 1.0f);
        EXPECT_GE(factors.rotationDegrees, 0.0f);
        EXPECT_LT(factors.rotationDegrees, symmetryAngles[std::size_t(factors.kind)]);
        EXPECT_GE(factors.x, 0.0f);
        EXPECT_LE(factors.x, 1.0f);
        EXPECT_GE(factors.y, 0.0f);
        EXPECT_LE(factors.y, 1.0f);
    }
}

} // namespace

TEST(ShapesDatasetTest, HasTheDocumentedSizeAndClasses)
{
    const Dataset& dataset = shapes();
    EXPECT_EQ(dataset.name, "shapes");
    EXPECT_EQ(dataset.classNames, (QStringList{"square", "ellipse", "triangle"}));
    EXPECT_EQ(dataset.train.count(), 12000);
    EXPECT_EQ(dataset.test.count(), 2000);
    EXPECT_EQ(dataset.channels(), 1);
    EXPECT_EQ(dataset.height(), 28);
    EXPECT_EQ(dataset.width(), 28);
    EXPECT_EQ(dataset.test.channels, 1);
    EXPECT_EQ(dataset.test.height, 28);
    EXPECT_EQ(dataset.test.width, 28);
}

TEST(ShapesDatasetTest, LabelsAreTheShapeKindsAndRoughlyBalanced)
{
    const ShapesFactors factors = shapesDatasetFactors();
    const Dataset& dataset = shapes();
    ASSERT_EQ(factors.train.size(), 12000u);
    ASSERT_EQ(factors.test.size(), 2000u);
    std::array<int, 3> counts{};
    for (std::size_t i = 0; i < factors.train.size(); ++i) {
        ASSERT_EQ(dataset.train.labels[i], int(factors.train[i].kind));
        ++counts[std::size_t(dataset.train.labels[i])];
    }
    for (std::size_t i = 0; i < factors.test.size(); ++i)
        ASSERT_EQ(dataset.test.labels[i], int(factors.test[i].kind));
    for (int count : counts) {
        EXPECT_GT(count, 3600);
        EXPECT_LT(count, 4400);
    }
}

TEST(ShapesDatasetTest, FactorsStayInTheirRanges)
{
    const ShapesFactors factors = shapesDatasetFactors();
    expectFactorsInRange(factors.train);
    expectFactorsInRange(factors.test);
}

TEST(ShapesDatasetTest, EveryImageShowsABrightShapeInsideABlackBorder)
{
    for (const ImageSet* split : {&shapes().train, &shapes().test}) {
        for (int index = 0; index < split->count(); ++index) {
            const std::uint8_t* image = split->image(index);
            const int brightest = *std::max_element(image, image + 28 * 28);
            const long sum = std::accumulate(image, image + 28 * 28, 0L);
            ASSERT_EQ(brightest, 255) << "image " << index;
            ASSERT_GT(sum, 255L * 25) << "image " << index; // the smallest shape covers more than 25 pixels
            for (int corner : {0, 27, 27 * 28, 28 * 28 - 1})
                ASSERT_EQ(image[corner], 0) << "image " << index << " corner " << corner;
        }
    }
}

TEST(ShapesDatasetTest, IsIdenticalOnEveryGeneration)
{
    QElapsedTimer timer;
    timer.start();
    const Dataset again = makeShapesDataset();
    const qint64 elapsed = timer.elapsed();
    std::cout << "[ timing   ] builtin:shapes generated in " << elapsed << " ms\n";
    ::testing::Test::RecordProperty("shapes_generation_ms", int(elapsed));
    EXPECT_EQ(again.train.pixels, shapes().train.pixels);
    EXPECT_EQ(again.test.pixels, shapes().test.pixels);
    EXPECT_NE(again.train.pixels, std::vector<std::uint8_t>(again.train.pixels.size(), 0));
}
