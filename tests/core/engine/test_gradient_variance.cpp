#include "tests/core/engine/estimate_fixture.h"
#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/GradientVariance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vae {
namespace {

using testing::shapesDataset;
using testing::trainedTwoDimensionalModel;

const GradientVariance& find(const std::vector<GradientVariance>& rows, GradientEstimator estimator, int samples)
{
    for (const GradientVariance& row : rows)
        if (row.estimator == estimator && row.samples == samples)
            return row;
    throw std::logic_error("no such row");
}

TEST(GradientVariance, ScoreFunctionIsFarNoisierAndEveryEstimatorFallsAsOneOverL)
{
    const auto model = trainedTwoDimensionalModel();
    const std::vector<GradientVariance> rows =
        encoderGradientVariance(*model, shapesDataset()->test, 20, 40, {1, 10}, 7);
    ASSERT_EQ(rows.size(), 6u);
    for (GradientEstimator estimator :
         {GradientEstimator::Analytic, GradientEstimator::MonteCarlo, GradientEstimator::ScoreFunction}) {
        const GradientVariance& one = find(rows, estimator, 1);
        const GradientVariance& ten = find(rows, estimator, 10);
        EXPECT_GT(one.variance, 0.0) << toString(estimator);
        EXPECT_GT(one.relativeVariance, 0.0) << toString(estimator);
        // Ten independent draws averaged: a tenth of the variance, within the noise of 40 draws.
        const double ratio = one.variance / ten.variance;
        EXPECT_GT(ratio, 5.0) << toString(estimator);
        EXPECT_LT(ratio, 20.0) << toString(estimator);
    }
    const double scoreFunction = find(rows, GradientEstimator::ScoreFunction, 1).variance;
    EXPECT_GT(scoreFunction, 10 * find(rows, GradientEstimator::Analytic, 1).variance);
    EXPECT_GT(scoreFunction, 10 * find(rows, GradientEstimator::MonteCarlo, 1).variance);
}

TEST(GradientVariance, IsDeterministicForASeedAndChecksItsSettings)
{
    const auto model = trainedTwoDimensionalModel();
    const ImageSet& test = shapesDataset()->test;
    const auto a = encoderGradientVariance(*model, test, 5, 3, {2}, 1);
    const auto b = encoderGradientVariance(*model, test, 5, 3, {2}, 1);
    ASSERT_EQ(a.size(), 3u);
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(a[i].variance, b[i].variance);
    EXPECT_THROW(encoderGradientVariance(*model, test, 5, 1, {2}, 1), InputError);
    EXPECT_THROW(encoderGradientVariance(*model, test, 5, 3, {0}, 1), InputError);
    EXPECT_THROW(encoderGradientVariance(*model, test, 0, 3, {1}, 1), InputError);
}

} // namespace
} // namespace vae
