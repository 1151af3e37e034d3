#include "core/engine/libtorch/AutogradStep.h"

#include "core/engine/libtorch/FusedMlpStep.h"
#include "core/engine/libtorch/Objective.h"

namespace vae {

AutogradStep::AutogradStep(const TrainingConfig& config, VaeNetwork network)
    : network_(std::move(network))
    , config_(config)
{
}

BatchTerms AutogradStep::compute(const torch::Tensor& images, const torch::Tensor& targets, double klWeight,
                                 torch::Generator& generator)
{
    network_->zero_grad();
    const ElboTerms terms = objectiveTerms(*network_, images, targets, config_, generator);
    const torch::Tensor reconstruction = terms.reconstruction.mean();
    const torch::Tensor kl = terms.kl.mean();
    (klWeight * kl - reconstruction).backward();
    return {reconstruction.item<float>(), kl.item<float>()};
}

std::unique_ptr<GradientStep> makeGradientStep(const TrainingConfig& config, VaeNetwork network)
{
    if (FusedMlpStep::supports(config))
        return std::make_unique<FusedMlpStep>(network->mlpLayers());
    return std::make_unique<AutogradStep>(config, std::move(network));
}

} // namespace vae
