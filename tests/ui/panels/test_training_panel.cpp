#include "ui/panels/TrainingPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>

#include <gtest/gtest.h>

namespace vae {
namespace {

TrainingConfig unusualConfig()
{
    TrainingConfig config;
    config.objective = TrainingObjective::Prior;
    config.estimator = Estimator::MonteCarlo;
    config.latentDim = 7;
    config.hiddenLayers = {300, 200};
    config.learningRate = 0.02;
    config.beta = 0.5;
    config.epochs = 42;
    config.threads = 1;
    return config;
}

TEST(TrainingPanel, ShowsEverySettingOfARunAndGivesItBack)
{
    TrainingPanel panel;
    QSignalSpy live(&panel, &TrainingPanel::liveSettingsChanged);
    QSignalSpy model(&panel, &TrainingPanel::modelSettingChanged);
    panel.setConfig(unusualConfig());
    EXPECT_EQ(panel.config().toJson(), unusualConfig().toJson());
    EXPECT_EQ(panel.config().objective, TrainingObjective::Prior);
    EXPECT_EQ(live.count(), 0); // showing a run announces nothing
    EXPECT_EQ(model.count(), 0);
}

TEST(TrainingPanel, ALiveSettingChangeAnnouncesAllFourAsTheyAreShown)
{
    TrainingPanel panel;
    panel.setConfig(unusualConfig());
    QSignalSpy live(&panel, &TrainingPanel::liveSettingsChanged);
    auto* beta = panel.findChild<QDoubleSpinBox*>(QStringLiteral("beta"));
    ASSERT_TRUE(beta);
    beta->setValue(0.25);
    ASSERT_EQ(live.count(), 1);
    const auto settings = live.front().front().value<LiveSettings>();
    EXPECT_EQ(settings.beta, 0.25);
    EXPECT_EQ(settings.learningRate, 0.02);
    EXPECT_EQ(settings.epochs, 42);
    EXPECT_EQ(settings.threads, 1);
}

TEST(TrainingPanel, ChoosingTheObjectiveAsksForANewModel)
{
    TrainingPanel panel;
    QSignalSpy model(&panel, &TrainingPanel::modelSettingChanged);
    auto* objective = panel.findChild<QComboBox*>(QStringLiteral("objective"));
    ASSERT_TRUE(objective);
    objective->setCurrentIndex(1);
    ASSERT_EQ(model.count(), 1);
    EXPECT_EQ(panel.config().objective, TrainingObjective::Prior);
}

} // namespace
} // namespace vae
