#include "tests/core/engine/estimate_fixture.h"
#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/EvaluationInterrupted.h"
#include "core/engine/MarginalLikelihood.h"
#include "core/engine/QuadratureLikelihood.h"
#include "core/engine/Trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace vae {
namespace {

using testing::linearGaussianModel;
using testing::preciseElbos;
using testing::shapesDataset;
using testing::trainedTwoDimensionalModel;

// The mean of a - b over the images and its standard error: paired, so that what the images have
// in common (most of log p(x)) cancels.
LikelihoodEstimate difference(const std::vector<double>& a, const std::vector<double>& b)
{
    std::vector<double> differences;
    for (std::size_t i = 0; i < a.size(); ++i)
        differences.push_back(a[i] - b[i]);
    return summariseImages(differences);
}

std::vector<double> toVector(const torch::Tensor& values)
{
    const torch::Tensor contiguous = values.contiguous();
    return {contiguous.data_ptr<double>(), contiguous.data_ptr<double>() + contiguous.numel()};
}

TEST(QuadratureLikelihood, MatchesTheClosedFormAndItsPosteriorIntegratesToOne)
{
    const auto& linear = testing::linearGaussianModel();
    for (int index : {0, 1, 2, 3}) {
        const QuadratureLikelihood result = quadratureLogLikelihood(*linear.model, linear.images, index);
        EXPECT_NEAR(result.logLikelihood, linear.logLikelihood(index), 0.01) << "image " << index;
        const LatentGridDensity& grid = result.posterior;
        ASSERT_EQ(grid.values.size(), std::size_t(grid.resolution) * std::size_t(grid.resolution));
        double mass = 0;
        std::array<double, 2> mean{};
        std::array<double, 2> squares{};
        for (int row = 0; row < grid.resolution; ++row)
            for (int column = 0; column < grid.resolution; ++column) {
                const double p =
                    grid.values[std::size_t(row * grid.resolution + column)] * grid.cellWidth(0) * grid.cellWidth(1);
                const std::array<double, 2> z{grid.minimum[0] + (column + 0.5) * grid.cellWidth(0),
                                              grid.minimum[1] + (row + 0.5) * grid.cellWidth(1)};
                mass += p;
                for (std::size_t a = 0; a < 2; ++a) {
                    mean[a] += p * z[a];
                    squares[a] += p * z[a] * z[a];
                }
            }
        EXPECT_NEAR(mass, 1.0, 1e-3) << "image " << index;
        for (std::size_t a = 0; a < 2; ++a) {
            EXPECT_NEAR(mean[a], linear.posteriorMean(index)[a], 0.01) << "image " << index << ", axis " << a;
            EXPECT_NEAR(squares[a] - mean[a] * mean[a], linear.posteriorVariance()[a],
                        0.02 * linear.posteriorVariance()[a])
                << "image " << index << ", axis " << a;
        }
    }
}

TEST(QuadratureLikelihood, FollowsAPosteriorThatTheEncoderMisplaces)
{
    // Early in training the decoder runs ahead of the encoder and some posteriors sit far from
    // q(z|x); the exact value must still bound the importance-sampled one from above.
    const auto model = trainedTwoDimensionalModel();
    const ImageSet& test = shapesDataset()->test;
    const int images = 8;
    const LikelihoodEstimate quadrature = quadratureLogLikelihoods(*model, test, images);
    const LikelihoodEstimate sampled = importanceSampledLogLikelihood(*model, test, 1000, images, 8);
    const LikelihoodEstimate shortfall = difference(quadrature.perImage, sampled.perImage);
    EXPECT_GT(shortfall.mean, -3 * shortfall.standardError);
    const std::vector<double> elbos = toVector(preciseElbos(*model, images));
    for (int i = 0; i < images; ++i)
        EXPECT_GT(quadrature.perImage[std::size_t(i)], elbos[std::size_t(i)]) << "image " << i;
}

TEST(QuadratureLikelihood, NeedsATwoDimensionalLatentSpace)
{
    TrainingConfig config = testing::smallConfig();
    config.latentDim = 3;
    Trainer trainer(config, shapesDataset());
    EXPECT_THROW(quadratureLogLikelihood(*trainer.snapshot(), shapesDataset()->test, 0), InputError);
}

TEST(ImportanceSampling, EqualsTheElboAtKOneAndRisesWithK)
{
    const auto model = trainedTwoDimensionalModel();
    const ImageSet& test = shapesDataset()->test;
    const int images = 100;
    const std::vector<double> elbos = toVector(preciseElbos(*model, images));
    const LikelihoodEstimate k1 = importanceSampledLogLikelihood(*model, test, 1, images, 1);
    const LikelihoodEstimate k10 = importanceSampledLogLikelihood(*model, test, 10, images, 2);
    const LikelihoodEstimate k1000 = importanceSampledLogLikelihood(*model, test, 1000, images, 3);

    // At K = 1 the bound is a one-sample estimate of the ELBO itself.
    const LikelihoodEstimate atOne = difference(k1.perImage, elbos);
    EXPECT_LT(std::abs(atOne.mean), 4 * atOne.standardError) << atOne.mean;
    const LikelihoodEstimate oneToTen = difference(k10.perImage, k1.perImage);
    EXPECT_GT(oneToTen.mean, 4 * oneToTen.standardError) << oneToTen.mean;
    const LikelihoodEstimate tenToThousand = difference(k1000.perImage, k10.perImage);
    EXPECT_GT(tenToThousand.mean, 4 * tenToThousand.standardError) << tenToThousand.mean;
    const LikelihoodEstimate gap = difference(k1000.perImage, elbos);
    EXPECT_GT(gap.mean, 0.05) << "the posterior should have left the prior";
    EXPECT_GT(gap.mean, 4 * gap.standardError);
}

TEST(ImportanceSampling, BoundsShareTheirDrawsAndTheGapIsTheirDifference)
{
    const auto model = trainedTwoDimensionalModel();
    const ImageSet& test = shapesDataset()->test;
    const int images = 100;
    const ImportanceSampledBounds bounds = importanceSampledBounds(*model, test, 100, images, 4);
    const LikelihoodEstimate alone = importanceSampledLogLikelihood(*model, test, 100, images, 4);
    EXPECT_EQ(bounds.logLikelihood.perImage, alone.perImage);
    ASSERT_EQ(bounds.elbo.perImage.size(), std::size_t(images));
    for (std::size_t i = 0; i < std::size_t(images); ++i) {
        EXPECT_GE(bounds.gap.perImage[i], 0.0) << "image " << i;
        EXPECT_NEAR(bounds.gap.perImage[i], bounds.logLikelihood.perImage[i] - bounds.elbo.perImage[i], 1e-9);
    }
    // The mean of the log weights is an unbiased ELBO: it agrees with the precise one.
    const LikelihoodEstimate offElbo = difference(bounds.elbo.perImage, toVector(preciseElbos(*model, images)));
    EXPECT_LT(std::abs(offElbo.mean), 4 * offElbo.standardError + 0.01) << offElbo.mean;
    EXPECT_GT(bounds.gap.mean, 4 * bounds.gap.standardError);
    EXPECT_LT(bounds.gap.standardError, bounds.logLikelihood.standardError);
}

TEST(ImportanceSampling, ConvergesToTheQuadratureWhereTheEncoderIsClose)
{
    // q(z|x) has the exact posterior's mean and twice its variances: a proposal that covers it.
    const auto& linear = linearGaussianModel();
    const int images = 8;
    const LikelihoodEstimate quadrature = quadratureLogLikelihoods(*linear.model, linear.images, images);
    const LikelihoodEstimate sampled = importanceSampledLogLikelihood(*linear.model, linear.images, 5000, images, 3);
    for (int i = 0; i < images; ++i)
        EXPECT_NEAR(sampled.perImage[std::size_t(i)], quadrature.perImage[std::size_t(i)], 0.05) << "image " << i;

    // The bound's expected shortfall, KL(q || p(z|x)) = 2 (1 - ln 2) / 2 nats at K = 1, shrinks with K.
    const int many = linear.images.count();
    const LikelihoodEstimate k1 = importanceSampledLogLikelihood(*linear.model, linear.images, 1, many, 1);
    const LikelihoodEstimate k10 = importanceSampledLogLikelihood(*linear.model, linear.images, 10, many, 2);
    const LikelihoodEstimate k100 = importanceSampledLogLikelihood(*linear.model, linear.images, 100, many, 3);
    std::vector<double> exact;
    for (int i = 0; i < many; ++i)
        exact.push_back(linear.logLikelihood(i));
    const LikelihoodEstimate shortfall1 = difference(exact, k1.perImage);
    EXPECT_NEAR(shortfall1.mean, 1 - std::log(2.0), 4 * shortfall1.standardError);
    const LikelihoodEstimate oneToTen = difference(k10.perImage, k1.perImage);
    EXPECT_GT(oneToTen.mean, 4 * oneToTen.standardError);
    const LikelihoodEstimate tenToHundred = difference(k100.perImage, k10.perImage);
    EXPECT_GT(tenToHundred.mean, 3 * tenToHundred.standardError);
    const LikelihoodEstimate shortfall100 = difference(exact, k100.perImage);
    EXPECT_LT(shortfall100.mean, 0.01);
}

TEST(ImportanceSampling, IsDeterministicForASeedWhateverTheBatching)
{
    const auto model = trainedTwoDimensionalModel();
    const ImageSet& test = shapesDataset()->test;
    // K = 7 puts hundreds of images in a pass, K = 5000 splits each image over two passes.
    for (int samples : {7, 5000}) {
        const LikelihoodEstimate all = importanceSampledLogLikelihood(*model, test, samples, 6, 5);
        const LikelihoodEstimate again = importanceSampledLogLikelihood(*model, test, samples, 6, 5);
        const LikelihoodEstimate fewer = importanceSampledLogLikelihood(*model, test, samples, 3, 5);
        const LikelihoodEstimate otherSeed = importanceSampledLogLikelihood(*model, test, samples, 3, 6);
        EXPECT_EQ(all.perImage, again.perImage);
        for (int i = 0; i < 3; ++i) {
            // The same draws; only the products' float rounding may differ with the batch's size.
            EXPECT_NEAR(all.perImage[std::size_t(i)], fewer.perImage[std::size_t(i)], 1e-4) << "K " << samples;
            EXPECT_NE(all.perImage[std::size_t(i)], otherSeed.perImage[std::size_t(i)]) << "K " << samples;
        }
        const double mean = std::accumulate(all.perImage.begin(), all.perImage.end(), 0.0) / 6;
        EXPECT_NEAR(all.mean, mean, 1e-9);
    }
}

TEST(ImportanceSampling, ChecksItsSettingsAndStopsWhenAsked)
{
    const auto model = trainedTwoDimensionalModel();
    const ImageSet& test = shapesDataset()->test;
    EXPECT_THROW(importanceSampledLogLikelihood(*model, test, 0, 5, 0), InputError);
    EXPECT_THROW(importanceSampledLogLikelihood(*model, test, maximumImportanceSamples + 1, 5, 0), InputError);
    EXPECT_THROW(importanceSampledLogLikelihood(*model, test, 10, test.count() + 1, 0), InputError);
    int calls = 0;
    EstimateControl control;
    control.progress = [&calls](int done, int total) {
        EXPECT_LE(done, total);
        ++calls;
    };
    control.shouldInterrupt = [&calls] { return calls >= 2; };
    EXPECT_THROW(importanceSampledLogLikelihood(*model, test, 4096, 10, 0, control), EvaluationInterrupted);
    EXPECT_EQ(calls, 2);
}

} // namespace
} // namespace vae
