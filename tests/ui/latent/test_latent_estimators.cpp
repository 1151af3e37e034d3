#include "tests/support/trained_model_fixture.h"

#include "ui/latent/LatentEstimatorsPanel.h"
#include "ui/latent/LatentEstimatorsPlot.h"
#include "ui/latent/LatentSpace.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::trainedModel;
using testing::waitUntil;

constexpr int measureTimeoutMilliseconds = 180000;

struct EstimatorsFixture {
    EstimatorsFixture()
        : panel(space)
    {
        space.startModel(testing::shapesDataset());
        space.setSnapshot(trainedModel(2).snapshot);
    }

    LatentSpace space;
    LatentEstimatorsPanel panel;
};

const GradientVariance& find(const std::vector<GradientVariance>& rows, GradientEstimator estimator, int samples)
{
    const auto found = std::find_if(rows.begin(), rows.end(), [&](const GradientVariance& row) {
        return row.estimator == estimator && row.samples == samples;
    });
    EXPECT_NE(found, rows.end());
    return *found;
}

TEST(LatentEstimators, MeasuresEachEstimatorAtEachSampleCountAndPlotsThem)
{
    EstimatorsFixture fixture;
    QSignalSpy measured(&fixture.panel, &LatentEstimatorsPanel::measured);
    fixture.panel.measure();
    EXPECT_TRUE(fixture.panel.measuring());
    ASSERT_TRUE(waitUntil([&] { return !measured.isEmpty(); }, measureTimeoutMilliseconds));
    const std::vector<GradientVariance>& rows = fixture.panel.measurement();
    ASSERT_EQ(rows.size(), 15u);
    for (GradientEstimator estimator :
         {GradientEstimator::Analytic, GradientEstimator::MonteCarlo, GradientEstimator::ScoreFunction}) {
        const QCPGraph* series = fixture.panel.plot().series(estimator);
        ASSERT_EQ(series->dataCount(), 5);
        int point = 0;
        for (int samples : {1, 2, 5, 10, 50}) {
            EXPECT_EQ(series->data()->at(point)->key, samples);
            EXPECT_DOUBLE_EQ(series->data()->at(point)->value, find(rows, estimator, samples).variance);
            ++point;
        }
    }
    // Fifty samples average fifty draws' noise away; the score function is far noisier than B.
    EXPECT_LT(find(rows, GradientEstimator::Analytic, 50).variance,
              find(rows, GradientEstimator::Analytic, 1).variance / 10);
    EXPECT_GT(find(rows, GradientEstimator::ScoreFunction, 1).variance,
              10 * find(rows, GradientEstimator::Analytic, 1).variance);

    fixture.panel.plot().setRelative(true);
    EXPECT_DOUBLE_EQ(fixture.panel.plot().series(GradientEstimator::MonteCarlo)->data()->at(2)->value,
                     find(rows, GradientEstimator::MonteCarlo, 5).relativeVariance);

    fixture.space.startModel(testing::shapesDataset());
    EXPECT_TRUE(fixture.panel.measurement().empty());
    EXPECT_EQ(fixture.panel.plot().series(GradientEstimator::Analytic)->dataCount(), 0);
}

TEST(LatentEstimators, CancelStopsTheMeasurementAndKeepsNoFigures)
{
    EstimatorsFixture fixture;
    QSignalSpy measured(&fixture.panel, &LatentEstimatorsPanel::measured);
    fixture.panel.measure();
    fixture.panel.cancel();
    ASSERT_TRUE(waitUntil([&] { return !fixture.panel.measuring(); }, measureTimeoutMilliseconds));
    EXPECT_TRUE(measured.isEmpty());
    EXPECT_TRUE(fixture.panel.measurement().empty());
}

} // namespace
} // namespace vae
