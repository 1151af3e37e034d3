#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/Trainer.h"
#include "core/engine/libtorch/VaeNetwork.h"
#include "core/files/CheckpointFile.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <random>

namespace vae {
namespace {

using testing::shapesDataset;
using testing::smallConfig;

// A square of a random colour at a random place on black, `count` images of channels x side x side.
ImageSet colouredSquares(int count, int channels, int side, std::uint32_t seed)
{
    ImageSet images;
    images.channels = channels;
    images.height = side;
    images.width = side;
    images.pixels.assign(std::size_t(count) * std::size_t(images.imageSize()), 0);
    images.labels.assign(std::size_t(count), 0);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> corner(0, side / 2);
    std::uniform_int_distribution<int> intensity(128, 255);
    for (int index = 0; index < count; ++index) {
        const int top = corner(random);
        const int left = corner(random);
        for (int channel = 0; channel < channels; ++channel) {
            const auto value = std::uint8_t(intensity(random));
            std::uint8_t* plane = images.pixels.data() + std::size_t(index) * std::size_t(images.imageSize()) +
                std::size_t(channel) * std::size_t(side * side);
            for (int row = top; row < top + side / 2; ++row)
                for (int column = left; column < left + side / 2; ++column)
                    plane[row * side + column] = value;
        }
    }
    return images;
}

std::shared_ptr<const Dataset> colouredSquaresDataset(int channels, int side)
{
    auto dataset = std::make_shared<Dataset>();
    dataset->name = QStringLiteral("squares");
    dataset->source = QStringLiteral("test:squares");
    dataset->train = colouredSquares(64, channels, side, 1);
    dataset->test = colouredSquares(16, channels, side, 2);
    return dataset;
}

TrainingConfig convConfig(Likelihood likelihood)
{
    TrainingConfig config = smallConfig();
    config.architecture = Architecture::Conv;
    config.likelihood = likelihood;
    config.latentDim = 4;
    config.batchSize = 32;
    return config;
}

struct ImageShape {
    int side;
    int channels;
    int stages; // stride-2 convolutions down to a feature map of 7x7 or 4x4
};

class ConvNetwork : public ::testing::TestWithParam<ImageShape> { };

TEST_P(ConvNetwork, HasAStagePerHalvingAndMapsImagesToLatentsAndBack)
{
    const auto [side, channels, stages] = GetParam();
    const TrainingConfig config = convConfig(Likelihood::Gaussian);
    VaeNetwork network(config, channels, side, side);
    std::vector<std::vector<int64_t>> convolutions;
    for (const auto& parameter : network->named_parameters())
        if (parameter.key().rfind("encoder.", 0) == 0 && parameter.value().dim() == 4)
            convolutions.push_back(parameter.value().sizes().vec());
    ASSERT_EQ(int(convolutions.size()), stages);
    EXPECT_EQ(convolutions.front(), (std::vector<int64_t>{32, channels, 4, 4}));
    EXPECT_EQ(convolutions.back()[0], std::min(32 << (stages - 1), 256));

    const int pixels = channels * side * side;
    const torch::Tensor images = torch::rand({5, pixels});
    const Posterior posterior = network->encode(images);
    EXPECT_EQ(posterior.mean.sizes(), (std::vector<int64_t>{5, config.latentDim}));
    EXPECT_EQ(posterior.logVariance.sizes(), (std::vector<int64_t>{5, config.latentDim}));
    const PixelDistribution decoded = network->decode(posterior.mean);
    EXPECT_EQ(decoded.mean.sizes(), (std::vector<int64_t>{5, pixels}));
    EXPECT_EQ(decoded.logVariance.sizes(), (std::vector<int64_t>{5, pixels}));
}

TEST_P(ConvNetwork, AFewStepsRaiseTheTestElboForEitherLikelihood)
{
    const auto [side, channels, stages] = GetParam();
    for (const Likelihood likelihood : {Likelihood::Bernoulli, Likelihood::Gaussian}) {
        Trainer trainer(convConfig(likelihood), colouredSquaresDataset(channels, side));
        const double before = trainer.evaluateTest().elbo;
        for (int step = 0; step < 6; ++step)
            trainer.trainStep();
        const double after = trainer.evaluateTest().elbo;
        EXPECT_GT(after, before) << toString(likelihood).toStdString() << " at " << channels << "x" << side << "x"
                                 << side;
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, ConvNetwork,
                         ::testing::Values(ImageShape{28, 1, 2}, ImageShape{28, 3, 2}, ImageShape{32, 1, 3},
                                           ImageShape{32, 3, 3}, ImageShape{64, 1, 4}, ImageShape{64, 3, 4}),
                         [](const auto& instance) {
                             return std::to_string(instance.param.side) + "px" +
                                 std::to_string(instance.param.channels) + "channels";
                         });

// Writes a checkpoint of `config` on `dataset` as an older vae-explorer (engine version 1) did.
QString versionOneCheckpoint(const QTemporaryDir& folder, const TrainingConfig& config,
                             std::shared_ptr<const Dataset> dataset)
{
    const QString path = folder.filePath(QStringLiteral("old.vae"));
    Trainer(config, std::move(dataset)).saveCheckpoint(path);
    CheckpointContents contents = readCheckpointFile(path);
    contents.meta[QStringLiteral("engine_version")] = 1;
    writeCheckpointFile(path, contents);
    return path;
}

TEST(ConvCheckpoint, AnOlderTwoStageModelLoadsWhereTheLayoutIsUnchangedAndIsRefusedWhereItGrew)
{
    QTemporaryDir folder;
    const TrainingConfig config = convConfig(Likelihood::Bernoulli);
    EXPECT_NO_THROW(Trainer::fromCheckpoint(versionOneCheckpoint(folder, config, shapesDataset()), shapesDataset()));

    const std::shared_ptr<const Dataset> large = colouredSquaresDataset(3, 32);
    const QString path = versionOneCheckpoint(folder, config, large);
    try {
        Trainer::fromCheckpoint(path, large);
        FAIL() << "an older 32 px conv checkpoint was accepted";
    } catch (const InputError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("old.vae"), std::string::npos) << message;
        EXPECT_NE(message.find("3 stages"), std::string::npos) << message;
        EXPECT_NE(message.find("train it again"), std::string::npos) << message;
    }
}

} // namespace
} // namespace vae
