#include "core/engine/libtorch/Objective.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace vae {
namespace {

Posterior samplePosterior(int batch, int latent, std::uint64_t seed)
{
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    return {at::randn({batch, latent}, generator), 0.5 * at::randn({batch, latent}, generator) - 0.5};
}

TEST(AnalyticKl, EqualsMonteCarloEstimateWithinItsStandardError)
{
    const Posterior posterior = samplePosterior(4, 3, 1);
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(2);
    const int samples = 200000;
    const torch::Tensor z = reparameterise(posterior, samples, generator); // [L, B, d]
    const torch::Tensor perSample = (logPosteriorDensity(z, posterior) - logPriorDensity(z)).to(torch::kDouble);
    const torch::Tensor estimate = perSample.mean(0);
    const torch::Tensor standardError = perSample.std(0) / std::sqrt(double(samples));
    const torch::Tensor analytic = analyticKl(posterior).to(torch::kDouble);
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(analytic[i].item<double>(), estimate[i].item<double>(), 4 * standardError[i].item<double>())
            << "image " << i;
    }
}

TEST(AnalyticKl, IsZeroExactlyAtThePrior)
{
    const Posterior prior{torch::zeros({2, 5}), torch::zeros({2, 5})};
    EXPECT_FLOAT_EQ(analyticKl(prior).abs().max().item<float>(), 0.0f);
}

TEST(LogDensities, MatchTheNormalDensityFormula)
{
    const Posterior posterior{torch::tensor({{0.5f, -1.0f}}), torch::tensor({{std::log(4.0f), 0.0f}})};
    const torch::Tensor z = torch::tensor({{{1.5f, 0.0f}}});
    // N(1.5; 0.5, 4) * N(0; -1, 1): log = -ln(2 pi) - ln 2 / 2 ... written out term by term.
    const double expectedPosterior = -std::log(2 * M_PI) - 0.5 * std::log(4.0) - 0.5 * (1.0 / 4.0) - 0.5 * 1.0;
    const double expectedPrior = -std::log(2 * M_PI) - 0.5 * (1.5 * 1.5);
    EXPECT_NEAR(logPosteriorDensity(z, posterior).item<double>(), expectedPosterior, 1e-5);
    EXPECT_NEAR(logPriorDensity(z).item<double>(), expectedPrior, 1e-5);
}

TEST(GaussianLikelihood, MatchesTheFormula)
{
    const PixelDistribution decoded{torch::tensor({{0.25f, 0.75f}}), torch::tensor({{0.0f, std::log(0.25f)}})};
    const torch::Tensor target = torch::tensor({{0.5f, 0.5f}});
    const double expected = (-0.5 * std::log(2 * M_PI) - 0.5 * 0.0625) +
        (-0.5 * std::log(2 * M_PI) - 0.5 * std::log(0.25) - 0.5 * 0.0625 / 0.25);
    EXPECT_NEAR(logLikelihood(decoded, target, Likelihood::Gaussian).item<double>(), expected, 1e-5);
}

// A 2-pixel VAE with 2 hidden units and 1 latent dimension whose weights are set by hand. Every
// weight differs from every other, so a swapped head or a transposed matrix changes the figures.
constexpr double encoderWeight[2][2] = {{0.6, -0.4}, {0.3, 0.8}};
constexpr double encoderBias[2] = {0.1, -0.2};
constexpr double meanWeight[2] = {0.7, -0.5};
constexpr double meanBias = 0.05;
constexpr double logVarianceWeight[2] = {-0.9, 0.4};
constexpr double logVarianceBias = -0.3;
constexpr double decoderWeight[2] = {0.5, -0.3};
constexpr double decoderBias[2] = {0.8, 0.6};
constexpr double outputWeight[2][2] = {{0.9, -1.1}, {-0.6, 1.3}};
constexpr double outputBias[2] = {0.2, -0.1};

double relu(double value)
{
    return value > 0 ? value : 0;
}

// The tiny model's forward pass for one image and one standard normal draw, written out.
struct HandFigures {
    double encoderPreactivation[2];
    double decoderPreactivation[2];
    double reconstruction;
    double kl;
};

HandFigures byHand(double x0, double x1, double eps)
{
    HandFigures figures{};
    double hidden[2];
    for (int unit = 0; unit < 2; ++unit) {
        figures.encoderPreactivation[unit] =
            encoderWeight[unit][0] * x0 + encoderWeight[unit][1] * x1 + encoderBias[unit];
        hidden[unit] = relu(figures.encoderPreactivation[unit]);
    }
    const double mean = meanWeight[0] * hidden[0] + meanWeight[1] * hidden[1] + meanBias;
    const double logVariance = logVarianceWeight[0] * hidden[0] + logVarianceWeight[1] * hidden[1] + logVarianceBias;
    const double z = mean + std::exp(0.5 * logVariance) * eps;
    double decoded[2];
    for (int unit = 0; unit < 2; ++unit) {
        figures.decoderPreactivation[unit] = decoderWeight[unit] * z + decoderBias[unit];
        decoded[unit] = relu(figures.decoderPreactivation[unit]);
    }
    const double pixels[2] = {x0, x1};
    figures.reconstruction = 0;
    for (int pixel = 0; pixel < 2; ++pixel) {
        const double logit =
            outputWeight[pixel][0] * decoded[0] + outputWeight[pixel][1] * decoded[1] + outputBias[pixel];
        const double p = 1.0 / (1.0 + std::exp(-logit));
        figures.reconstruction += pixels[pixel] * std::log(p) + (1 - pixels[pixel]) * std::log(1 - p);
    }
    figures.kl = -0.5 * (1 + logVariance - mean * mean - std::exp(logVariance));
    return figures;
}

class TinyModel : public ::testing::Test {
protected:
    void SetUp() override
    {
        TrainingConfig config;
        config.hiddenLayers = {2};
        config.latentDim = 1;
        network = VaeNetwork(config, 1, 1, 2);
        auto tensor = [](std::initializer_list<double> values, std::vector<std::int64_t> shape) {
            return torch::tensor(std::vector<double>(values), torch::kFloat).reshape(shape);
        };
        const std::map<std::string, torch::Tensor> weights{
            {"encoder.0.weight",
             tensor({encoderWeight[0][0], encoderWeight[0][1], encoderWeight[1][0], encoderWeight[1][1]}, {2, 2})},
            {"encoder.0.bias", tensor({encoderBias[0], encoderBias[1]}, {2})},
            {"posterior_mean.weight", tensor({meanWeight[0], meanWeight[1]}, {1, 2})},
            {"posterior_mean.bias", tensor({meanBias}, {1})},
            {"posterior_log_variance.weight", tensor({logVarianceWeight[0], logVarianceWeight[1]}, {1, 2})},
            {"posterior_log_variance.bias", tensor({logVarianceBias}, {1})},
            {"decoder.0.weight", tensor({decoderWeight[0], decoderWeight[1]}, {2, 1})},
            {"decoder.0.bias", tensor({decoderBias[0], decoderBias[1]}, {2})},
            {"output_mean.weight",
             tensor({outputWeight[0][0], outputWeight[0][1], outputWeight[1][0], outputWeight[1][1]}, {2, 2})},
            {"output_mean.bias", tensor({outputBias[0], outputBias[1]}, {2})},
        };
        torch::NoGradGuard noGrad;
        const auto parameters = network->named_parameters();
        ASSERT_EQ(parameters.size(), weights.size());
        for (const auto& parameter : parameters) {
            const auto found = weights.find(parameter.key());
            ASSERT_NE(found, weights.end()) << parameter.key();
            ASSERT_EQ(parameter.value().sizes(), found->second.sizes()) << parameter.key();
            parameter.value().copy_(found->second);
        }
    }

    VaeNetwork network{nullptr};
};

TEST_F(TinyModel, PerImageFiguresMatchAHandComputation)
{
    // The first image keeps all four ReLU units live, so every weight counts; the second turns
    // the first encoder unit off, so the clamp counts too.
    const double images[2][2] = {{0.9, 0.2}, {0.1, 0.7}};
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(7);
    torch::Generator sameDraws = at::make_generator<at::CPUGeneratorImpl>(7);
    const torch::Tensor eps = at::randn({1, 2, 1}, sameDraws); // [L, B, d_z], as the objective draws

    const torch::Tensor batch =
        torch::tensor({images[0][0], images[0][1], images[1][0], images[1][1]}, torch::kFloat).reshape({2, 2});
    const ElboTerms terms = elboTerms(*network, batch, batch, Estimator::Analytic, 1, generator);
    for (int i = 0; i < 2; ++i) {
        const HandFigures expected = byHand(images[i][0], images[i][1], eps[0][i][0].item<double>());
        EXPECT_NEAR(terms.reconstruction[i].item<double>(), expected.reconstruction, 1e-5) << "image " << i;
        EXPECT_NEAR(terms.kl[i].item<double>(), expected.kl, 1e-6) << "image " << i;
        EXPECT_NEAR(terms.elbo()[i].item<double>(), expected.reconstruction - expected.kl, 1e-5) << "image " << i;
        for (int unit = 0; unit < 2; ++unit)
            EXPECT_GT(expected.decoderPreactivation[unit], 0.0) << "image " << i << ", decoder unit " << unit;
    }
    const HandFigures first = byHand(images[0][0], images[0][1], eps[0][0][0].item<double>());
    EXPECT_GT(first.encoderPreactivation[0], 0.0);
    EXPECT_GT(first.encoderPreactivation[1], 0.0);
    const HandFigures second = byHand(images[1][0], images[1][1], eps[0][1][0].item<double>());
    EXPECT_LT(second.encoderPreactivation[0], 0.0);
    EXPECT_GT(second.encoderPreactivation[1], 0.0);
}

TEST_F(TinyModel, EstimatorsAAndBAgreeInExpectation)
{
    const torch::Tensor images = torch::tensor({{0.2f, 0.9f}, {0.7f, 0.1f}});
    torch::Generator generatorA = at::make_generator<at::CPUGeneratorImpl>(11);
    torch::Generator generatorB = at::make_generator<at::CPUGeneratorImpl>(12);
    const int samples = 100000;
    torch::NoGradGuard noGrad;
    const ElboTerms a = elboTerms(*network, images, images, Estimator::MonteCarlo, samples, generatorA);
    const ElboTerms b = elboTerms(*network, images, images, Estimator::Analytic, samples, generatorB);
    for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(a.kl[i].item<double>(), b.kl[i].item<double>(), 0.01) << "image " << i;
        EXPECT_NEAR(a.elbo()[i].item<double>(), b.elbo()[i].item<double>(), 0.02) << "image " << i;
    }
}

} // namespace
} // namespace vae
