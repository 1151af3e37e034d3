#include "tests/support/shapes_fixture.h"

#include "core/engine/Trainer.h"
#include "core/engine/libtorch/FusedMlpStep.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vae {
namespace {

using testing::shapesDataset;
using testing::smallConfig;

// Decoded means at points spread over the prior's bulk, as floats in [0, 1].
std::vector<std::vector<float>> decodedAcrossThePlane(const ModelSnapshot& model)
{
    const std::vector<float> points{-1.5f, -1.5f, 1.5f, -1.5f, 0.0f, 0.0f, -1.5f, 1.5f, 1.5f, 1.5f};
    const std::vector<std::uint8_t> bytes = model.decode(points.data(), int(points.size() / 2));
    std::vector<std::vector<float>> images(points.size() / 2);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        images[i / std::size_t(model.imageSize())].push_back(bytes[i] / 255.0f);
    return images;
}

double meanAbsoluteDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += std::abs(a[i] - b[i]);
    return sum / double(a.size());
}

// The largest mean absolute difference between two of the images.
double spread(const std::vector<std::vector<float>>& images)
{
    double largest = 0;
    for (std::size_t i = 0; i < images.size(); ++i)
        for (std::size_t j = i + 1; j < images.size(); ++j)
            largest = std::max(largest, meanAbsoluteDifference(images[i], images[j]));
    return largest;
}

std::vector<float> trainingMeanImage()
{
    const ImageSet& train = shapesDataset()->train;
    std::vector<double> sums(std::size_t(train.imageSize()), 0.0);
    for (std::size_t i = 0; i < train.pixels.size(); ++i)
        sums[i % sums.size()] += train.pixels[i] / 255.0;
    std::vector<float> mean;
    for (double sum : sums)
        mean.push_back(float(sum / train.count()));
    return mean;
}

std::shared_ptr<const ModelSnapshot> trained(TrainingObjective objective)
{
    TrainingConfig config = smallConfig();
    config.objective = objective;
    config.learningRate = 3e-3;
    config.epochs = 3;
    Trainer trainer(config, shapesDataset());
    while (!trainer.finished()) {
        trainer.trainStep();
        if (trainer.atEpochEnd())
            trainer.finishEpoch();
    }
    return trainer.snapshot();
}

TEST(PriorObjective, TeachesTheDecoderTheDataMeanWhereTheElboDoesNot)
{
    const std::vector<float> mean = trainingMeanImage();
    const auto prior = decodedAcrossThePlane(*trained(TrainingObjective::Prior));
    const auto elbo = decodedAcrossThePlane(*trained(TrainingObjective::Elbo));
    EXPECT_LT(spread(prior), 0.02);
    for (const auto& image : prior)
        EXPECT_LT(meanAbsoluteDifference(image, mean), 0.03);
    EXPECT_GT(spread(elbo), 0.1);
}

TEST(PriorObjective, IsNeverTrainedByTheFusedElboStep)
{
    TrainingConfig config = smallConfig();
    EXPECT_TRUE(FusedMlpStep::supports(config));
    config.objective = TrainingObjective::Prior;
    EXPECT_FALSE(FusedMlpStep::supports(config));
}

TEST(PriorObjective, IsStoredInTheSettingsAndOldSettingsMeanTheElbo)
{
    TrainingConfig config = smallConfig();
    config.objective = TrainingObjective::Prior;
    EXPECT_EQ(TrainingConfig::fromJson(config.toJson()).objective, TrainingObjective::Prior);
    QJsonObject old = config.toJson();
    old.remove(QStringLiteral("objective"));
    EXPECT_EQ(TrainingConfig::fromJson(old).objective, TrainingObjective::Elbo);
    EXPECT_EQ(parseObjective(QStringLiteral("prior")), TrainingObjective::Prior);
}

} // namespace
} // namespace vae
