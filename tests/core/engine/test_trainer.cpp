#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/Trainer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vae {
namespace {

using testing::shapesDataset;
using testing::smallConfig;

std::vector<StepMetrics> trainSteps(Trainer& trainer, int steps)
{
    std::vector<StepMetrics> metrics;
    for (int i = 0; i < steps; ++i)
        metrics.push_back(trainer.trainStep());
    return metrics;
}

TEST(Trainer, ReportsPerImageFiguresWithTheirTrueSigns)
{
    Trainer trainer(smallConfig(), shapesDataset());
    const StepMetrics step = trainer.trainStep();
    EXPECT_EQ(step.step, 1);
    EXPECT_LT(step.reconstruction, 0.0f);
    EXPECT_GE(step.kl, 0.0f);
    EXPECT_FLOAT_EQ(step.elbo, step.reconstruction - step.kl);
    // 784 grey pixels scored by an untrained Bernoulli decoder: about 784 * ln 2 nats lost.
    EXPECT_NEAR(step.reconstruction, -784 * std::log(2.0), 150);
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
    EXPECT_NEAR(epoch.testElbo, epoch.testReconstruction - epoch.testKl, 1e-9);
    EXPECT_GT(epoch.imagesPerSecond, 0.0);
    EXPECT_TRUE(trainer.finished());
    ASSERT_EQ(trainer.history().epochs.size(), 1u);
    EXPECT_EQ(trainer.history().steps.size(), std::size_t(expectedSteps));
}

TEST(Trainer, EvaluationIsDeterministicAndBitsPerDimFollowFromTheElbo)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainSteps(trainer, 3);
    const Evaluation a = trainer.evaluateTest();
    const Evaluation b = trainer.evaluateTest();
    EXPECT_EQ(a.elbo, b.elbo);
    EXPECT_EQ(a.images, shapesDataset()->test.count());
    EXPECT_NEAR(a.bitsPerDim, -a.elbo / (784 * std::log(2.0)), 1e-9);
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
    try {
        trainSteps(trainer, 200);
        FAIL() << "SGD at lr 10 on a Gaussian decoder did not diverge";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("diverged"), std::string::npos) << error.what();
    }
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
    EXPECT_LT(epochs[1].testElbo, 0.0);
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
                EXPECT_GE(steps.back().kl, estimator == Estimator::Analytic ? 0.0f : -5.0f) << label;
            }
}

} // namespace
} // namespace vae
