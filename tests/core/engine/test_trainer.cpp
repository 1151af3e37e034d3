#include "tests/support/dataset_fixtures.h"
#include "tests/support/python_check.h"
#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/EngineRuntime.h"
#include "core/engine/Trainer.h"
#include "core/files/AtomicFile.h"
#include "core/files/NpyWriter.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace vae {
namespace {

using testing::readFile;
using testing::runPython;
using testing::shapesDataset;
using testing::smallConfig;

std::vector<StepMetrics> trainSteps(Trainer& trainer, int steps)
{
    std::vector<StepMetrics> metrics;
    for (int i = 0; i < steps; ++i)
        metrics.push_back(trainer.trainStep());
    return metrics;
}

// The ELBO of a ReLU MLP with a Bernoulli decoder on grey targets, per image and averaged over
// the images, computed apart from the engine: by PyTorch from the exported weights, in double
// precision, with the KL in closed form and the reconstruction averaged over many draws of z.
struct IndependentElbo {
    double reconstruction = 0;
    double kl = 0;
    double bitsPerDim = 0;
    // The standard error of an estimate of `reconstruction` that takes one draw per image.
    double oneDrawStandardError = 0;
};

IndependentElbo independentElbo(const Trainer& trainer, const ImageSet& images, int draws = 16)
{
    QTemporaryDir folder;
    const QString weights = folder.filePath(QStringLiteral("weights.pt"));
    const QString pixels = folder.filePath(QStringLiteral("images.npy"));
    trainer.exportWeights(weights);
    writeFileAtomically(pixels,
                        npyBytes(std::vector<std::int64_t>(images.pixels.begin(), images.pixels.end()),
                                 {images.count(), images.imageSize()}));
    const QStringList printed = runPython(QStringLiteral(R"(
import sys, math, numpy, torch
from torch.nn.functional import logsigmoid
w = {name: value.double() for name, value in torch.load(sys.argv[1]).items()}
x = torch.from_numpy(numpy.load(sys.argv[2])).double() / 255
draws = int(sys.argv[3])
def dense_relu_stack(prefix, values):
    layer = 0
    while f'{prefix}.{layer}.weight' in w:
        values = torch.relu(values @ w[f'{prefix}.{layer}.weight'].T + w[f'{prefix}.{layer}.bias'])
        layer += 2  # each Linear is followed by its ReLU
    return values
h = dense_relu_stack('encoder', x)
mean = h @ w['posterior_mean.weight'].T + w['posterior_mean.bias']
log_variance = h @ w['posterior_log_variance.weight'].T + w['posterior_log_variance.bias']
kl = -0.5 * (1 + log_variance - mean ** 2 - log_variance.exp()).sum(1)
generator = torch.Generator().manual_seed(1)
per_draw = []
for _ in range(draws):
    z = mean + (0.5 * log_variance).exp() * torch.randn(mean.shape, generator=generator, dtype=torch.double)
    logits = dense_relu_stack('decoder', z) @ w['output_mean.weight'].T + w['output_mean.bias']
    per_draw.append((x * logsigmoid(logits) + (1 - x) * logsigmoid(-logits)).sum(1))
per_draw = torch.stack(per_draw)
count, pixels = x.shape
reconstruction = per_draw.mean().item()
elbo = reconstruction - kl.mean().item()
print(reconstruction, kl.mean().item(), -elbo / (pixels * math.log(2)), per_draw.var(0).sum().sqrt().item() / count)
)"),
                                          {weights, pixels, QString::number(draws)})
                                    .split(QLatin1Char(' '));
    EXPECT_EQ(printed.size(), 4);
    if (printed.size() != 4)
        return {};
    return {printed[0].toDouble(), printed[1].toDouble(), printed[2].toDouble(), printed[3].toDouble()};
}

// Shapes whose training split is one image, over and over: every batch is that image.
std::shared_ptr<const Dataset> oneImageOverAndOver(int copies)
{
    auto dataset = std::make_shared<Dataset>(*shapesDataset());
    const ImageSet& shapes = shapesDataset()->train;
    dataset->train.pixels.clear();
    for (int copy = 0; copy < copies; ++copy)
        dataset->train.pixels.insert(dataset->train.pixels.end(), shapes.image(0),
                                     shapes.image(0) + shapes.imageSize());
    dataset->train.labels.assign(std::size_t(copies), shapes.labels[0]);
    return dataset;
}

TEST(Trainer, AStepReportsTheBatchsPerImageFiguresOfTheModelBeforeTheUpdate)
{
    const auto dataset = oneImageOverAndOver(200);
    Trainer trainer(smallConfig(), dataset);
    ImageSet oneImage = dataset->train;
    oneImage.pixels.resize(std::size_t(oneImage.imageSize()));
    oneImage.labels.resize(1);
    const IndependentElbo expected = independentElbo(trainer, oneImage, 4000);
    const StepMetrics step = trainer.trainStep();
    EXPECT_EQ(step.step, 1);
    // The step's reconstruction takes one draw for each of the batch's 100 images.
    const double tolerance =
        5 * expected.oneDrawStandardError / std::sqrt(100.0) + 1e-4 * std::abs(expected.reconstruction);
    EXPECT_NEAR(step.reconstruction, expected.reconstruction, tolerance);
    EXPECT_NEAR(step.kl, expected.kl, 1e-4 * std::max(1.0, expected.kl));
    EXPECT_NEAR(step.elbo, expected.reconstruction - expected.kl, tolerance + 1e-4 * std::max(1.0, expected.kl));
}

TEST(Trainer, SameSeedGivesTheSameCurveAndAnotherSeedDoesNot)
{
    Trainer first(smallConfig(), shapesDataset());
    Trainer second(smallConfig(), shapesDataset());
    TrainingConfig otherSeed = smallConfig();
    otherSeed.seed = 1;
    Trainer third(otherSeed, shapesDataset());
    const auto a = trainSteps(first, 5);
    const auto b = trainSteps(second, 5);
    const auto c = trainSteps(third, 5);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(a[i].elbo, b[i].elbo) << "step " << i;
    EXPECT_NE(a[4].elbo, c[4].elbo);
}

TEST(Trainer, AnExplicitThreadCountIsUsedForEveryStepAndAutoStartsWithOneThread)
{
    TrainingConfig twoThreads = smallConfig();
    twoThreads.threads = 2;
    Trainer trainer(twoThreads, shapesDataset());
    for (int i = 0; i < 30; ++i) {
        trainer.trainStep();
        EXPECT_EQ(computeThreads(), 2) << "step " << i;
    }
    LiveSettings settings = LiveSettings::of(trainer.config());
    settings.threads = 0;
    trainer.applyLiveSettings(settings);
    trainer.trainStep();
    EXPECT_EQ(computeThreads(), 1);
    settings.threads = 2;
    trainer.applyLiveSettings(settings);
    for (int i = 0; i < 30; ++i) {
        trainer.trainStep();
        EXPECT_EQ(computeThreads(), 2) << "step " << i;
    }
}

TEST(Trainer, EpochEndsAfterCeilNOverMStepsWithTestFigures)
{
    TrainingConfig config = smallConfig();
    config.epochs = 1;
    Trainer trainer(config, shapesDataset());
    const int expectedSteps = (shapesDataset()->train.count() + config.batchSize - 1) / config.batchSize;
    EXPECT_EQ(trainer.stepsPerEpoch(), expectedSteps);
    trainSteps(trainer, expectedSteps - 1);
    EXPECT_FALSE(trainer.atEpochEnd());
    trainer.trainStep();
    ASSERT_TRUE(trainer.atEpochEnd());
    const EpochMetrics epoch = trainer.finishEpoch();
    EXPECT_EQ(epoch.epoch, 1);
    EXPECT_EQ(epoch.step, expectedSteps);
    // The epoch's training figures average its steps; its test figures are the test set scored by
    // the model as the epoch left it.
    const auto& steps = trainer.history().steps;
    const double meanElbo = std::accumulate(steps.begin(), steps.end(), 0.0,
                                            [](double sum, const StepMetrics& step) { return sum + step.elbo; }) /
        double(steps.size());
    EXPECT_NEAR(epoch.elbo, meanElbo, 1e-4);
    const Evaluation afterwards = trainer.evaluateTest();
    EXPECT_EQ(epoch.testElbo, afterwards.elbo);
    EXPECT_EQ(epoch.testReconstruction, afterwards.reconstruction);
    EXPECT_EQ(epoch.testKl, afterwards.kl);
    EXPECT_GT(epoch.imagesPerSecond, 0.0);
    EXPECT_TRUE(trainer.finished());
    ASSERT_EQ(trainer.history().epochs.size(), 1u);
    EXPECT_EQ(trainer.history().steps.size(), std::size_t(expectedSteps));
}

TEST(Trainer, TheTestEvaluationIsDeterministicAndAgreesWithAnIndependentComputation)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainSteps(trainer, 20);
    const Evaluation a = trainer.evaluateTest();
    const Evaluation b = trainer.evaluateTest();
    EXPECT_EQ(a.elbo, b.elbo);
    EXPECT_EQ(a.images, shapesDataset()->test.count());

    const int draws = 16;
    const IndependentElbo expected = independentElbo(trainer, shapesDataset()->test, draws);
    // Both estimates of the reconstruction are noisy: the engine's takes one draw per image.
    const double reconstructionTolerance =
        5 * expected.oneDrawStandardError * std::sqrt(1.0 + 1.0 / draws) + 1e-5 * std::abs(expected.reconstruction);
    EXPECT_NEAR(a.reconstruction, expected.reconstruction, reconstructionTolerance);
    EXPECT_NEAR(a.kl, expected.kl, 1e-5 * std::max(1.0, expected.kl));
    EXPECT_NEAR(a.elbo, expected.reconstruction - expected.kl, reconstructionTolerance + 1e-5 * expected.kl);
    EXPECT_NEAR(a.bitsPerDim, expected.bitsPerDim,
                (reconstructionTolerance + 1e-5 * expected.kl) / (784 * std::log(2.0)));
}

TEST(Trainer, KlWarmUpRampsTheWeightLinearly)
{
    TrainingConfig config = smallConfig();
    config.warmupEpochs = 2;
    config.beta = 0.5;
    Trainer trainer(config, shapesDataset());
    EXPECT_DOUBLE_EQ(trainer.currentKlWeight(), 0.0);
    const int half = trainer.stepsPerEpoch() / 2;
    trainSteps(trainer, half);
    const double expected = 0.5 * (double(half * config.batchSize) / shapesDataset()->train.count()) / 2.0;
    EXPECT_NEAR(trainer.currentKlWeight(), expected, 1e-9);
}

TEST(Trainer, RejectsSettingsOutOfRangeAndConvOnOddSizes)
{
    TrainingConfig config = smallConfig();
    config.latentDim = 0;
    EXPECT_THROW(Trainer(config, shapesDataset()), InputError);
    config = smallConfig();
    LiveSettings negativeLearningRate = LiveSettings::of(config);
    negativeLearningRate.learningRate = -1;
    EXPECT_THROW(Trainer(config, shapesDataset()).applyLiveSettings(negativeLearningRate), InputError);
    auto odd = std::make_shared<Dataset>(*shapesDataset());
    for (ImageSet* split : {&odd->train, &odd->test}) {
        split->width = 14;
        split->height = 14;
        split->pixels.resize(std::size_t(split->labels.size()) * 14 * 14);
    }
    config.architecture = Architecture::Conv;
    try {
        Trainer trainer(config, odd);
        FAIL() << "conv on 14x14 images was accepted";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("multiples of 4"), std::string::npos) << error.what();
    }
}

TEST(Trainer, ADivergingRunStopsWithAClearMessageAndKeepsTheModel)
{
    TrainingConfig config = smallConfig();
    config.likelihood = Likelihood::Gaussian;
    config.optimizer = OptimizerKind::Sgd;
    config.learningRate = 10;
    Trainer trainer(config, shapesDataset());
    QTemporaryDir folder;
    const QString weights = folder.filePath(QStringLiteral("before-the-step.pt"));
    for (int step = 0; step < 200; ++step) {
        trainer.exportWeights(weights);
        const std::size_t stepsBefore = trainer.history().steps.size();
        try {
            trainer.trainStep();
        } catch (const std::runtime_error& error) {
            EXPECT_NE(std::string(error.what()).find("diverged"), std::string::npos) << error.what();
            EXPECT_EQ(trainer.completedSteps(), step);
            EXPECT_EQ(trainer.history().steps.size(), stepsBefore);
            trainer.exportWeights(folder.filePath(QStringLiteral("after-the-failure.pt")));
            EXPECT_EQ(readFile(folder.filePath(QStringLiteral("after-the-failure.pt"))), readFile(weights))
                << "the failed step changed the weights";
            return;
        }
    }
    FAIL() << "SGD at lr 10 on a Gaussian decoder did not diverge";
}

TEST(Trainer, AnInterruptedEvaluationLeavesTheEpochEndPending)
{
    TrainingConfig config = smallConfig();
    config.epochs = 1;
    Trainer trainer(config, shapesDataset());
    while (!trainer.atEpochEnd())
        trainer.trainStep();
    bool interrupt = true;
    trainer.setInterruptCheck([&interrupt] { return interrupt; });
    EXPECT_THROW(trainer.finishEpoch(), EvaluationInterrupted);
    EXPECT_TRUE(trainer.atEpochEnd());
    EXPECT_FALSE(trainer.finished());
    EXPECT_TRUE(trainer.history().epochs.empty());
    interrupt = false;
    EXPECT_EQ(trainer.finishEpoch().epoch, 1);
    EXPECT_TRUE(trainer.finished());
}

class EndToEnd : public ::testing::TestWithParam<Architecture> { };

TEST_P(EndToEnd, TestElboImprovesWithTraining)
{
    TrainingConfig config = smallConfig();
    config.architecture = GetParam();
    config.epochs = 2;
    Trainer trainer(config, shapesDataset());
    const double before = trainer.evaluateTest().elbo;
    while (!trainer.finished()) {
        trainer.trainStep();
        if (trainer.atEpochEnd())
            trainer.finishEpoch();
    }
    const auto& epochs = trainer.history().epochs;
    ASSERT_EQ(epochs.size(), 2u);
    EXPECT_GT(epochs[0].testElbo, before + 50) << "before training " << before;
    EXPECT_GT(epochs[1].testElbo, epochs[0].testElbo);
}

INSTANTIATE_TEST_SUITE_P(Architectures, EndToEnd, ::testing::Values(Architecture::Mlp, Architecture::Conv),
                         [](const auto& instance) { return toString(instance.param).toStdString(); });

TEST(Trainer, EveryEstimatorLikelihoodAndOptimiserTrains)
{
    for (Estimator estimator : {Estimator::Analytic, Estimator::MonteCarlo})
        for (Likelihood likelihood : {Likelihood::Bernoulli, Likelihood::Gaussian})
            for (OptimizerKind optimizer : {OptimizerKind::Adam, OptimizerKind::Adagrad, OptimizerKind::Sgd}) {
                TrainingConfig config = smallConfig();
                config.estimator = estimator;
                config.likelihood = likelihood;
                config.optimizer = optimizer;
                config.samples = 2;
                config.learningRate = optimizer == OptimizerKind::Sgd ? 1e-4 : 1e-3;
                config.binarization = likelihood == Likelihood::Bernoulli ? Binarization::Dynamic : Binarization::None;
                Trainer trainer(config, shapesDataset());
                const auto steps = trainSteps(trainer, 30);
                const std::string label =
                    (toString(estimator) + "/" + toString(likelihood) + "/" + toString(optimizer)).toStdString();
                EXPECT_GT(steps.back().elbo, steps.front().elbo) << label;
            }
}

} // namespace
} // namespace vae
