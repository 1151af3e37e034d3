#include "core/run/ColourDefaults.h"

#include <gtest/gtest.h>

using namespace vae;

namespace {

bool nothingChosen(Setting)
{
    return false;
}

} // namespace

TEST(ColourDefaults, ColourImagesGetTheConvNetworkMoreLatentsAndSmallerBatches)
{
    TrainingConfig config;
    const QList<Setting> changed = adaptToColourImages(config, 3, 32, 32, nothingChosen);
    EXPECT_EQ(changed, (QList<Setting>{Setting::Architecture, Setting::LatentDim, Setting::BatchSize}));
    EXPECT_EQ(config.architecture, Architecture::Conv);
    EXPECT_EQ(config.latentDim, 16);
    EXPECT_EQ(config.batchSize, 64);
    EXPECT_FALSE(config.validateFor(3, 32, 32));
}

TEST(ColourDefaults, GreyImagesKeepTheDefaults)
{
    TrainingConfig config;
    EXPECT_TRUE(adaptToColourImages(config, 1, 28, 28, nothingChosen).isEmpty());
    EXPECT_EQ(config.toJson(), TrainingConfig().toJson());
}

TEST(ColourDefaults, ASettingTheUserChoseStays)
{
    TrainingConfig config;
    config.latentDim = 2;
    const QList<Setting> changed =
        adaptToColourImages(config, 3, 64, 64, [](Setting setting) { return setting == Setting::LatentDim; });
    EXPECT_EQ(changed, (QList<Setting>{Setting::Architecture, Setting::BatchSize}));
    EXPECT_EQ(config.latentDim, 2);
    EXPECT_EQ(config.architecture, Architecture::Conv);
}

TEST(ColourDefaults, NothingChangesWhenTheConvNetworkDoesNotFitTheImages)
{
    TrainingConfig config;
    EXPECT_TRUE(adaptToColourImages(config, 3, 30, 30, nothingChosen).isEmpty());
    EXPECT_EQ(config.toJson(), TrainingConfig().toJson());
}

TEST(ColourDefaults, AStoredConfigCountsAsChosenWhereItLeftTheDefaults)
{
    TrainingConfig config;
    EXPECT_FALSE(differsFromDefault(config, Setting::LatentDim));
    config.latentDim = 8;
    EXPECT_TRUE(differsFromDefault(config, Setting::LatentDim));
    EXPECT_FALSE(differsFromDefault(config, Setting::BatchSize));
    const QList<Setting> changed =
        adaptToColourImages(config, 3, 32, 32, [&config](Setting setting) { return differsFromDefault(config, setting); });
    EXPECT_EQ(config.latentDim, 8);
    EXPECT_EQ(changed.size(), 2);
}
