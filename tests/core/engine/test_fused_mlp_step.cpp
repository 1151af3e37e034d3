#include "core/engine/libtorch/AutogradStep.h"
#include "core/engine/libtorch/FusedMlpStep.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

class FusedMlpStepTest : public ::testing::TestWithParam<Activation> { };

TEST_P(FusedMlpStepTest, GivesAutogradsTermsAndGradients)
{
    TrainingConfig config;
    config.hiddenLayers = {32, 16};
    config.latentDim = 3;
    config.activation = GetParam();
    ASSERT_TRUE(FusedMlpStep::supports(config));
    torch::manual_seed(5);
    VaeNetwork network(config, 1, 4, 5);
    const torch::Tensor images = torch::rand({9, 20});
    const torch::Tensor targets = torch::bernoulli(images);
    const double klWeight = 0.7;

    FusedMlpStep fused(network->mlpLayers());
    torch::Generator fusedDraws = at::make_generator<at::CPUGeneratorImpl>(17);
    const BatchTerms fusedTerms = fused.compute(images, targets, klWeight, fusedDraws);
    std::vector<torch::Tensor> fusedGradients;
    for (const auto& parameter : network->parameters())
        fusedGradients.push_back(parameter.grad().clone());

    AutogradStep autograd(config, network);
    torch::Generator autogradDraws = at::make_generator<at::CPUGeneratorImpl>(17);
    const BatchTerms autogradTerms = autograd.compute(images, targets, klWeight, autogradDraws);

    EXPECT_NEAR(fusedTerms.reconstruction, autogradTerms.reconstruction, 1e-4);
    EXPECT_NEAR(fusedTerms.kl, autogradTerms.kl, 1e-5);
    const auto named = network->named_parameters();
    for (std::size_t i = 0; i < named.size(); ++i) {
        const torch::Tensor& expected = named[i].value().grad();
        EXPECT_TRUE(torch::allclose(fusedGradients[i], expected, 1e-4, 1e-6))
            << named[i].key() << ": largest difference " << (fusedGradients[i] - expected).abs().max().item<float>();
        EXPECT_GT(expected.abs().max().item<float>(), 0.0f) << named[i].key();
    }
}

INSTANTIATE_TEST_SUITE_P(Activations, FusedMlpStepTest, ::testing::Values(Activation::Relu, Activation::Tanh),
                         [](const auto& instance) { return toString(instance.param).toStdString(); });

TEST(FusedMlpStep, CoversOnlyTheReferenceFamily)
{
    TrainingConfig config;
    EXPECT_TRUE(FusedMlpStep::supports(config));
    config.samples = 2;
    EXPECT_FALSE(FusedMlpStep::supports(config));
    config = {};
    config.estimator = Estimator::MonteCarlo;
    EXPECT_FALSE(FusedMlpStep::supports(config));
    config = {};
    config.likelihood = Likelihood::Gaussian;
    EXPECT_FALSE(FusedMlpStep::supports(config));
    config = {};
    config.architecture = Architecture::Conv;
    EXPECT_FALSE(FusedMlpStep::supports(config));
}

} // namespace
} // namespace vae
