#include "core/data/DatasetOptions.h"

#include "tests/support/dataset_fixtures.h"

#include <gtest/gtest.h>

using namespace vae;
using namespace vae::testing;

TEST(DatasetOptionsTest, RoundTripsThroughJson)
{
    DatasetOptions options;
    options.imageFolderColor = ColorMode::Rgb;
    options.imageFolderSize = 64;
    options.imageFolderBackground = QColor(12, 34, 56);
    EXPECT_EQ(DatasetOptions::fromJson(options.toJson()), options);
    EXPECT_EQ(DatasetOptions::fromJson({}), DatasetOptions()); // checkpoints from before the options
}

TEST(DatasetOptionsTest, ParsesTheWordsAndRefusesOthers)
{
    EXPECT_EQ(parseColorMode("RGB"), ColorMode::Rgb);
    EXPECT_EQ(parseColorMode("gray"), ColorMode::Grey);
    expectMessageContains(inputErrorOf([] { parseColorMode("cmyk"); }), {"'cmyk'", "rgb or grey"});
    EXPECT_EQ(parseBackground("black"), QColor(0, 0, 0));
    EXPECT_EQ(parseBackground("#ff8000"), QColor(255, 128, 0));
    expectMessageContains(inputErrorOf([] { parseBackground("transparentish"); }), {"'transparentish'"});
    EXPECT_EQ(checkedImageSize(1024), 1024);
    expectMessageContains(inputErrorOf([] { checkedImageSize(0); }), {"image size 0", "1..1024"});
    expectMessageContains(inputErrorOf([] { DatasetOptions::fromJson({{"image_size", 5000}}); }), {"5000"});
}
