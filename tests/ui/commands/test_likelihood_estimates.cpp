#include "tests/support/trained_model_fixture.h"

#include "core/engine/MarginalLikelihood.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/Autosave.h"
#include "ui/commands/LikelihoodEstimateCommand.h"
#include "ui/commands/RunState.h"
#include "ui/curves/CurvesView.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::waitUntil;

TrainingConfig quickConfig(int epochs)
{
    TrainingConfig config = testing::tinyConfig();
    config.hiddenLayers = {32};
    config.batchSize = 100;
    config.threads = 1;
    config.epochs = epochs;
    return config;
}

// The window with a model trained `epochs` on the tiny dataset.
struct TrainedWindow {
    explicit TrainedWindow(int epochs)
    {
        window->autosave().setPath(autosaveFolder.filePath(QStringLiteral("autosave.vae")));
        window->resize(1200, 800);
        window->show();
        window->session().reset(quickConfig(epochs), testing::tinyDataset());
        EXPECT_TRUE(waitUntil([&] { return window->session().state() == SessionState::Ready; }));
        window->session().start();
        EXPECT_TRUE(waitUntil([&] { return window->session().state() == SessionState::Finished; }));
        command = window->findChild<LikelihoodEstimateCommand*>();
        EXPECT_TRUE(command);
    }

    QTemporaryDir autosaveFolder;
    std::unique_ptr<MainWindow> window = std::make_unique<MainWindow>();
    LikelihoodEstimateCommand* command = nullptr;
};

TEST(LikelihoodSeriesInTheWindow, EachEpochGetsLogLikelihoodAboveTheElboOfTheSameImagesOnTheCurves)
{
    TrainedWindow trained(2);
    const RunState& run = trained.window->run();
    // The first epoch and the last always get a point, whatever they cost.
    ASSERT_TRUE(waitUntil([&] { return run.likelihoodSeries().size() == 2; }));
    for (std::size_t i = 0; i < 2; ++i) {
        const LikelihoodPoint& point = run.likelihoodSeries()[i];
        EXPECT_EQ(point.epoch, int(i) + 1);
        EXPECT_EQ(point.step, run.history().epochs[i].step);
        EXPECT_EQ(point.images, testing::tinyDataset()->test.count()); // fewer than the series' 200
        EXPECT_GE(point.logLikelihood, point.elbo);
        EXPECT_GT(point.gap, 0.0);
    }
    CurvesPlot& plot = *trained.window->curves().plot();
    EXPECT_EQ(plot.likelihoodPointCount(), 2);
    ASSERT_TRUE(plot.gapLabel()->visible());
    EXPECT_TRUE(plot.gapLabel()->text().startsWith(QStringLiteral("KL(q || true posterior)")));
}

TEST(LikelihoodEstimateCommand, ShowsProgressAndTheResultWithoutBlockingTheWindow)
{
    TrainedWindow trained(1);
    LikelihoodEstimateCommand& command = *trained.command;
    EXPECT_TRUE(command.action()->isEnabled());
    EXPECT_EQ(command.action()->text(), QStringLiteral("Estimate log p(x) (K = 5000)..."));
    std::optional<LikelihoodPoint> result;
    QObject::connect(&command, &LikelihoodEstimateCommand::finished,
                     [&](const LikelihoodPoint& point) { result = point; });
    command.estimate(50, 200);
    EXPECT_TRUE(command.running());
    EXPECT_TRUE(command.progressDialog()->isVisible());
    EXPECT_FALSE(command.progressDialog()->isModal());
    ASSERT_TRUE(waitUntil([&] { return result.has_value(); }));
    EXPECT_EQ(result->images, 50);
    EXPECT_EQ(result->samples, 200);
    EXPECT_GE(result->logLikelihood, result->elbo);
    EXPECT_EQ(command.progressDialog()->value(), 50);
    EXPECT_FALSE(command.progressDialog()->isVisible());
    const auto* box = trained.window->findChild<QMessageBox*>(QStringLiteral("logLikelihoodResult"));
    ASSERT_TRUE(box);
    EXPECT_FALSE(box->isModal());
    EXPECT_TRUE(box->text().contains(QStringLiteral("KL(q || true posterior)")));
    EXPECT_TRUE(box->text().contains(QStringLiteral("first 50 test images")));
}

TEST(LikelihoodEstimateCommand, CancelStopsItWithoutAResult)
{
    TrainedWindow trained(1);
    LikelihoodEstimateCommand& command = *trained.command;
    QSignalSpy finished(&command, &LikelihoodEstimateCommand::finished);
    QSignalSpy failures(&command, &LikelihoodEstimateCommand::failed);
    command.estimate(testing::tinyDataset()->test.count(), maximumImportanceSamples);
    ASSERT_TRUE(command.running());
    auto* cancelButton = command.progressDialog()->findChild<QPushButton*>();
    ASSERT_TRUE(cancelButton);
    cancelButton->click();
    EXPECT_FALSE(command.running());
    EXPECT_FALSE(command.progressDialog()->isVisible());
    // Another estimate runs once the cancelled one has stopped, and only it answers.
    command.estimate(10, 20);
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
    EXPECT_EQ(finished.front().front().value<LikelihoodPoint>().images, 10);
    EXPECT_EQ(failures.count(), 0);
}

TEST(LikelihoodEstimateCommand, ClosingTheWindowMidEstimateStopsIt)
{
    TrainedWindow trained(1);
    bool answered = false;
    QObject::connect(trained.command, &LikelihoodEstimateCommand::finished, [&] { answered = true; });
    trained.command->estimate(testing::tinyDataset()->test.count(), maximumImportanceSamples);
    ASSERT_TRUE(trained.command->running());
    trained.window->close();
    trained.window.reset(); // returns once the estimate has seen its stop flag
    QCoreApplication::processEvents();
    EXPECT_FALSE(answered);
}

} // namespace
} // namespace vae
