#include "core/run/TrainingConfig.h"

#include <QJsonObject>

#include <gtest/gtest.h>

#include <functional>

using namespace vae;

namespace {

TrainingConfig withLearningRate(double learningRate)
{
    TrainingConfig config;
    config.learningRate = learningRate;
    return config;
}

SettingProblem problemThrownBy(const std::function<void()>& parse)
{
    try {
        parse();
    } catch (const SettingError& error) {
        EXPECT_EQ(QString::fromStdString(error.what()), error.problem().message());
        return error.problem();
    }
    ADD_FAILURE() << "no SettingError";
    return {};
}

} // namespace

TEST(TrainingConfig, DefaultsAreValid)
{
    EXPECT_FALSE(TrainingConfig{}.validate());
    EXPECT_FALSE(TrainingConfig{}.validateFor(1, 28, 28));
}

TEST(TrainingConfig, AValueOutOfRangeNamesTheSettingTheValueAndTheRange)
{
    const std::optional<SettingProblem> problem = withLearningRate(50).validate();
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->setting, Setting::LearningRate);
    EXPECT_EQ(problem->message(), QStringLiteral("learning rate 50 is out of range: greater than 0, at most 10"));
}

TEST(TrainingConfig, SettingsThatContradictEachOtherNameTheOneToChange)
{
    TrainingConfig config;
    config.likelihood = Likelihood::Gaussian;
    config.binarization = Binarization::Dynamic;
    const std::optional<SettingProblem> problem = config.validate();
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->setting, Setting::Binarization);
    EXPECT_TRUE(problem->message().startsWith(QStringLiteral("binarisation dynamic needs the Bernoulli likelihood")))
        << problem->message().toStdString();

    config = TrainingConfig{};
    config.architecture = Architecture::Conv;
    const std::optional<SettingProblem> misfit = config.validateFor(1, 14, 14);
    ASSERT_TRUE(misfit);
    EXPECT_EQ(misfit->setting, Setting::Architecture);
    EXPECT_TRUE(misfit->message().startsWith(QStringLiteral("architecture conv needs images")))
        << misfit->message().toStdString();
}

TEST(TrainingConfig, ParsersNameTheSettingAndTheChoices)
{
    const SettingProblem architecture = problemThrownBy([] { parseArchitecture(QStringLiteral("rnn")); });
    EXPECT_EQ(architecture.setting, Setting::Architecture);
    EXPECT_EQ(architecture.message(), QStringLiteral("architecture 'rnn' is not one of mlp|conv"));
    const SettingProblem optimizer = problemThrownBy([] { parseOptimizer(QStringLiteral("lbfgs")); });
    EXPECT_EQ(optimizer.setting, Setting::Optimizer);
    EXPECT_EQ(optimizer.message(), QStringLiteral("optimiser 'lbfgs' is not one of adam|adagrad|sgd"));
    const SettingProblem hidden = problemThrownBy([] { parseHiddenLayers(QStringLiteral("400,0")); });
    EXPECT_EQ(hidden.setting, Setting::HiddenLayers);
    EXPECT_EQ(hidden.message(), QStringLiteral("hidden layers '0' is not a layer width from 1 to 8192"));
}

// Core serves the command line and the window alike: its words for a setting are neither's control.
TEST(TrainingConfig, MessagesNameNoCommandLineOption)
{
    std::vector<TrainingConfig> bad(8);
    bad[0].latentDim = 0;
    bad[1].hiddenLayers = {9000};
    bad[2].samples = 0;
    bad[3].weightDecay = 2;
    bad[4].beta = -1;
    bad[5].warmupEpochs = -1;
    bad[6].batchSize = 0;
    bad[7].threads = 300;
    for (const TrainingConfig& config : bad) {
        const std::optional<SettingProblem> problem = config.validate();
        ASSERT_TRUE(problem);
        EXPECT_TRUE(problem->message().startsWith(settingName(problem->setting))) << problem->message().toStdString();
        EXPECT_FALSE(problem->message().contains(QStringLiteral("--"))) << problem->message().toStdString();
    }
}

TEST(TrainingConfig, StoredSettingsOutOfRangeAreAPlainInputError)
{
    QJsonObject json = withLearningRate(1e-3).toJson();
    json[QStringLiteral("lr")] = 50;
    try {
        TrainingConfig::fromJson(json);
        FAIL() << "lr 50 was accepted";
    } catch (const SettingError& error) {
        FAIL() << "a stored setting is no option to name: " << error.what();
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()), "settings: learning rate 50 is out of range: greater than 0, at most 10");
    }
}
