#include "tests/support/trained_model_fixture.h"

#include "core/engine/MarginalLikelihood.h"
#include "core/engine/Trainer.h"
#include "core/session/BackgroundEstimate.h"
#include "core/session/LikelihoodSeries.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::shapesDataset;
using testing::smallConfig;
using testing::waitUntil;

// A model trained for `epochs` on the shapes, with the epochs' figures and the epoch-end snapshots.
struct TrainedEpochs {
    std::vector<EpochMetrics> epochs;
    std::vector<SnapshotPtr> snapshots;
};

TrainedEpochs trainEpochs(int epochs)
{
    TrainingConfig config = smallConfig();
    config.epochs = epochs;
    Trainer trainer(config, shapesDataset());
    TrainedEpochs trained;
    while (!trainer.finished())
        if (const auto progress = trainer.advance(); progress.epoch) {
            trained.epochs.push_back(*progress.epoch);
            trained.snapshots.push_back(trainer.snapshot());
        }
    return trained;
}

TEST(LikelihoodSeries, GivesEachEpochLogLikelihoodAboveTheElboOnTheSameImages)
{
    const TrainedEpochs trained = trainEpochs(2);
    LikelihoodSeries series;
    QSignalSpy failures(&series, &LikelihoodSeries::failed);
    std::vector<LikelihoodPoint> points;
    QObject::connect(&series, &LikelihoodSeries::pointReady,
                     [&](const LikelihoodPoint& point) { points.push_back(point); });
    series.reset(shapesDataset(), 2);
    for (std::size_t i = 0; i < trained.epochs.size(); ++i) {
        series.addSnapshot(trained.snapshots[i]); // before its epoch: not yet wanted
        EpochMetrics epoch = trained.epochs[i];
        epoch.seconds = 1000; // cheap next to training, so every epoch is admitted
        series.addEpoch(epoch);
        series.addSnapshot(trained.snapshots[i]);
    }
    ASSERT_TRUE(waitUntil([&] { return !series.busy(); }));
    EXPECT_EQ(failures.count(), 0);
    ASSERT_EQ(points.size(), 2u);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const LikelihoodPoint& point = points[i];
        EXPECT_EQ(point.epoch, int(i) + 1);
        EXPECT_EQ(point.step, trained.epochs[i].step);
        EXPECT_EQ(point.images, std::min(LikelihoodSeries::seriesImages, shapesDataset()->test.count()));
        EXPECT_EQ(point.samples, LikelihoodSeries::seriesSamples);
        EXPECT_GE(point.logLikelihood, point.elbo);
        EXPECT_NEAR(point.gap, point.logLikelihood - point.elbo, 1e-9);
        EXPECT_GT(point.gap, 2 * point.gapError);
        EXPECT_GT(point.seconds, 0.0);
    }
}

TEST(LikelihoodSeries, SkipsEpochsOverBudgetButNotTheLast)
{
    const TrainedEpochs trained = trainEpochs(3);
    LikelihoodSeries series;
    std::vector<int> epochs;
    QObject::connect(&series, &LikelihoodSeries::pointReady,
                     [&](const LikelihoodPoint& point) { epochs.push_back(point.epoch); });
    series.reset(shapesDataset(), 3);
    for (std::size_t i = 0; i < trained.epochs.size(); ++i) {
        EpochMetrics epoch = trained.epochs[i];
        epoch.seconds = 1e-6; // an estimate costs far more than such an epoch
        series.addEpoch(epoch);
        series.addSnapshot(trained.snapshots[i]);
        ASSERT_TRUE(waitUntil([&] { return !series.busy(); }));
    }
    EXPECT_EQ(epochs, (std::vector<int>{1, 3}));
}

TEST(BackgroundEstimate, ReportsProgressAndTheResult)
{
    const TrainedEpochs trained = trainEpochs(1);
    BackgroundEstimate estimate;
    QSignalSpy progress(&estimate, &BackgroundEstimate::progressed);
    std::optional<LikelihoodPoint> result;
    QObject::connect(&estimate, &BackgroundEstimate::finished, [&](const LikelihoodPoint& point) { result = point; });
    const int images = std::min(300, shapesDataset()->test.count());
    estimate.start({trained.snapshots.back(), shapesDataset(), 1, 50, images, 0});
    EXPECT_TRUE(estimate.running());
    ASSERT_TRUE(waitUntil([&] { return result.has_value(); }));
    EXPECT_FALSE(estimate.running());
    EXPECT_EQ(result->images, images);
    EXPECT_GE(result->logLikelihood, result->elbo);
    ASSERT_GE(progress.count(), 1);
    EXPECT_EQ(progress.back().at(0).toInt(), images);
    EXPECT_EQ(progress.back().at(1).toInt(), images);
}

TEST(BackgroundEstimate, StopsOnCancelWithoutAResult)
{
    const TrainedEpochs trained = trainEpochs(1);
    BackgroundEstimate estimate;
    QSignalSpy progress(&estimate, &BackgroundEstimate::progressed);
    QSignalSpy finished(&estimate, &BackgroundEstimate::finished);
    QSignalSpy cancelled(&estimate, &BackgroundEstimate::cancelled);
    QSignalSpy failures(&estimate, &BackgroundEstimate::failed);
    // Far too long to finish: a million samples for each test image.
    estimate.start(
        {trained.snapshots.back(), shapesDataset(), 1, maximumImportanceSamples, shapesDataset()->test.count(), 0});
    estimate.cancel();
    EXPECT_FALSE(estimate.running());
    EXPECT_EQ(cancelled.count(), 1);
    // A short estimate after it runs once the cancelled one has stopped.
    std::optional<LikelihoodPoint> result;
    QObject::connect(&estimate, &BackgroundEstimate::finished, [&](const LikelihoodPoint& point) { result = point; });
    estimate.start({trained.snapshots.back(), shapesDataset(), 1, 10, 5, 0});
    ASSERT_TRUE(waitUntil([&] { return result.has_value(); }));
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(result->images, 5);
    EXPECT_EQ(failures.count(), 0);
    for (const QList<QVariant>& report : progress)
        EXPECT_EQ(report.at(1).toInt(), 5) << "a report of the cancelled estimate";
}

TEST(BackgroundEstimate, DestroyedMidEstimateStopsIt)
{
    const TrainedEpochs trained = trainEpochs(1);
    auto estimate = std::make_unique<BackgroundEstimate>();
    bool answered = false;
    QObject::connect(estimate.get(), &BackgroundEstimate::finished, [&] { answered = true; });
    estimate->start(
        {trained.snapshots.back(), shapesDataset(), 1, maximumImportanceSamples, shapesDataset()->test.count(), 0});
    estimate.reset(); // returns once the job has seen its stop flag: within one decoder pass
    QCoreApplication::processEvents();
    EXPECT_FALSE(answered);
}

} // namespace
} // namespace vae
