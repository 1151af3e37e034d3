#include "core/engine/libtorch/Objective.h"

#include <gtest/gtest.h>

#include <cmath>

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
        EXPECT_GT(analytic[i].item<double>(), 0.0);
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

// A 2-pixel, 1-latent VAE with hand-set weights, checked against a computation written out here.
class TinyModel : public ::testing::Test {
protected:
    void SetUp() override
    {
        TrainingConfig config;
        config.hiddenLayers = {2};
        config.latentDim = 1;
        network = VaeNetwork(config, 1, 1, 2);
        torch::NoGradGuard noGrad;
        for (auto& parameter : network->named_parameters()) {
            const torch::Tensor values =
                torch::arange(parameter.value().numel(), torch::kFloat).reshape(parameter.value().sizes());
            parameter.value().copy_(0.1 * values - 0.05);
        }
    }

    double relu(double value) const { return value > 0 ? value : 0; }
    double weight(int index) const { return 0.1 * index - 0.05; }

    VaeNetwork network{nullptr};
};

TEST_F(TinyModel, PerImageFiguresMatchAHandComputation)
{
    const double x0 = 0.2, x1 = 0.9;
    const torch::Tensor images = torch::tensor({{float(x0), float(x1)}});
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(7);
    torch::Generator sameDraws = at::make_generator<at::CPUGeneratorImpl>(7);
    const double eps = at::randn({1, 1, 1}, sameDraws).item<double>();

    // Every weight matrix and bias holds 0.1 * k - 0.05 in row-major order.
    const double h0 = relu(weight(0) * x0 + weight(1) * x1 + weight(0));
    const double h1 = relu(weight(2) * x0 + weight(3) * x1 + weight(1));
    const double mu = weight(0) * h0 + weight(1) * h1 + weight(0);
    const double logVariance = weight(0) * h0 + weight(1) * h1 + weight(0);
    const double z = mu + std::exp(0.5 * logVariance) * eps;
    const double d0 = relu(weight(0) * z + weight(0));
    const double d1 = relu(weight(1) * z + weight(1));
    const double logit0 = weight(0) * d0 + weight(1) * d1 + weight(0);
    const double logit1 = weight(2) * d0 + weight(3) * d1 + weight(1);
    auto logBernoulli = [](double target, double logit) {
        const double p = 1.0 / (1.0 + std::exp(-logit));
        return target * std::log(p) + (1 - target) * std::log(1 - p);
    };
    const double reconstruction = logBernoulli(x0, logit0) + logBernoulli(x1, logit1);
    const double kl = -0.5 * (1 + logVariance - mu * mu - std::exp(logVariance));

    const ElboTerms terms = elboTerms(*network, images, images, Estimator::Analytic, 1, generator);
    EXPECT_NEAR(terms.reconstruction.item<double>(), reconstruction, 1e-5);
    EXPECT_NEAR(terms.kl.item<double>(), kl, 1e-6);
    EXPECT_NEAR(terms.elbo().item<double>(), reconstruction - kl, 1e-5);
    EXPECT_LT(terms.reconstruction.item<double>(), 0.0);
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
        EXPECT_NEAR(a.elbo()[i].item<double>(), (a.reconstruction - a.kl)[i].item<double>(), 1e-6);
    }
}

} // namespace
} // namespace vae
