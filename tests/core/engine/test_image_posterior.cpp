#include "tests/core/engine/estimate_fixture.h"
#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/ImagePosterior.h"
#include "core/engine/Trainer.h"
#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vae {
namespace {

using testing::linearGaussianModel;
using testing::shapesDataset;

// The mass, means and variances of a density on its grid, by the midpoint rule.
struct GridMoments {
    double mass = 0;
    std::array<double, 2> mean{};
    std::array<double, 2> variance{};
};

GridMoments momentsOf(const LatentGridDensity& grid)
{
    GridMoments moments;
    std::array<double, 2> squares{};
    for (int row = 0; row < grid.resolution; ++row)
        for (int column = 0; column < grid.resolution; ++column) {
            const double p =
                grid.values[std::size_t(row * grid.resolution + column)] * grid.cellWidth(0) * grid.cellWidth(1);
            const std::array<double, 2> point{grid.minimum[0] + (column + 0.5) * grid.cellWidth(0),
                                              grid.minimum[1] + (row + 0.5) * grid.cellWidth(1)};
            moments.mass += p;
            for (std::size_t a = 0; a < 2; ++a) {
                moments.mean[a] += p * point[a];
                squares[a] += p * point[a] * point[a];
            }
        }
    for (std::size_t a = 0; a < 2; ++a)
        moments.variance[a] = squares[a] - moments.mean[a] * moments.mean[a];
    return moments;
}

// The largest difference between a density on its grid and N(0, I)'s.
double largestDistanceFromStandardNormal(const LatentGridDensity& grid)
{
    double largest = 0;
    for (int row = 0; row < grid.resolution; ++row)
        for (int column = 0; column < grid.resolution; ++column) {
            const double x = grid.minimum[0] + (column + 0.5) * grid.cellWidth(0);
            const double y = grid.minimum[1] + (row + 0.5) * grid.cellWidth(1);
            const double normal = std::exp(-0.5 * (x * x + y * y)) / (2 * M_PI);
            largest = std::max(largest, std::abs(grid.values[std::size_t(row * grid.resolution + column)] - normal));
        }
    return largest;
}

// Test image `index`'s ELBO as the test evaluation estimates it, its targets and its terms, from
// `samples` draws of z, with the estimate's standard error.
struct SampledElbo {
    double mean = 0;
    double standardError = 0;
};

SampledElbo sampledElbo(const ModelSnapshot& model, int index, int samples)
{
    c10::InferenceMode inference;
    const BatchSource source = testSource(shapesDataset()->test, model.config());
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(17);
    const torch::Tensor rows = torch::full({1}, int64_t(index), torch::kLong);
    const torch::Tensor images = source.images(rows);
    const torch::Tensor targets = source.targets(rows, images, generator);
    VaeNetworkImpl& network = forwardNetwork(model);
    const Posterior posterior = network.encode(images);
    const torch::Tensor z = reparameterise(posterior, samples, generator).squeeze(1); // [L, d_z]
    const torch::Tensor reconstructions =
        logLikelihood(network.decode(z), targets.expand({samples, -1}), network.likelihood()).to(torch::kDouble);
    const torch::Tensor elbos = reconstructions - analyticKl(posterior).to(torch::kDouble);
    return {elbos.mean().item<double>(), elbos.std().item<double>() / std::sqrt(double(samples))};
}

TEST(ImagePosterior, AnExactEncoderSeesAStandardNormalInEpsAndClosesTheGap)
{
    const auto& linear = linearGaussianModel(1.0);
    for (int index : {0, 1, 2}) {
        const ImagePosterior result = imagePosterior(*linear.model, linear.images, index);
        for (std::size_t a = 0; a < 2; ++a) {
            EXPECT_NEAR(result.mean[a], linear.posteriorMean(index)[a], 1e-4) << "image " << index;
            EXPECT_NEAR(result.standardDeviation[a], std::sqrt(linear.posteriorVariance()[a]), 1e-4);
        }
        // N(0, I) peaks at 1 / 2 pi = 0.159.
        EXPECT_LT(largestDistanceFromStandardNormal(result.standardised), 0.002) << "image " << index;
        const GridMoments moments = momentsOf(result.standardised);
        EXPECT_NEAR(moments.mass, 1.0, 1e-3);
        EXPECT_NEAR(result.logLikelihood(), linear.logLikelihood(index), 0.01);
        EXPECT_NEAR(result.elbo(), linear.logLikelihood(index), 0.02) << "the ELBO is tight for an exact q";
        EXPECT_NEAR(result.posteriorKl(), 0.0, 0.02);
    }
}

TEST(ImagePosterior, AnEncoderTooWideByTwoLosesItsClosedFormKl)
{
    // q has the exact mean and twice the variances: KL(q || p(z|x)) = 2 * (2 - 1 - ln 2) / 2 on
    // each image, and in eps coordinates the posterior is N(0, I / 2).
    const auto& linear = linearGaussianModel(2.0);
    const double expectedKl = 1 - std::log(2.0);
    for (int index : {0, 1, 2}) {
        const ImagePosterior result = imagePosterior(*linear.model, linear.images, index);
        EXPECT_NEAR(result.posteriorKl(), expectedKl, 0.02) << "image " << index;
        const GridMoments moments = momentsOf(result.standardised);
        for (std::size_t a = 0; a < 2; ++a) {
            EXPECT_NEAR(moments.mean[a], 0.0, 0.01) << "image " << index << ", axis " << a;
            EXPECT_NEAR(moments.variance[a], 0.5, 0.01) << "image " << index << ", axis " << a;
        }
    }
}

TEST(ImagePosterior, ItsElboIsTheOneTheTestEvaluationSamplesAndLiesBelowLogPx)
{
    const auto model = testing::trainedTwoDimensionalModel();
    for (int index = 0; index < 4; ++index) {
        const ImagePosterior result = imagePosterior(*model, shapesDataset()->test, index);
        const SampledElbo sampled = sampledElbo(*model, index, 20000);
        EXPECT_NEAR(result.elbo(), sampled.mean, 4 * sampled.standardError + 0.02) << "image " << index;
        EXPECT_GT(result.posteriorKl(), 0.02) << "image " << index << ": a trained encoder is not exact";
        const GridMoments moments = momentsOf(result.standardised);
        EXPECT_NEAR(moments.mass, 1.0, 1e-3) << "image " << index;
    }
}

TEST(ImagePosterior, NeedsATwoDimensionalLatentSpace)
{
    TrainingConfig config = testing::smallConfig();
    config.latentDim = 3;
    Trainer trainer(config, shapesDataset());
    EXPECT_THROW(imagePosterior(*trainer.snapshot(), shapesDataset()->test, 0), InputError);
}

} // namespace
} // namespace vae
