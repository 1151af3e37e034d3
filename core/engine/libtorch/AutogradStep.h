#pragma once

#include "core/engine/libtorch/GradientStep.h"

namespace vae {

// Any architecture, likelihood, estimator and objective: autograd through objectiveTerms().
class AutogradStep : public GradientStep {
public:
    AutogradStep(const TrainingConfig& config, VaeNetwork network);
    BatchTerms compute(const torch::Tensor& images, const torch::Tensor& targets, double klWeight,
                       torch::Generator& generator) override;

private:
    VaeNetwork network_;
    TrainingConfig config_;
};

} // namespace vae
