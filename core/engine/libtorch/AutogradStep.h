#pragma once

#include "core/engine/libtorch/GradientStep.h"

namespace vae {

// Any architecture, likelihood and estimator: autograd through elboTerms().
class AutogradStep : public GradientStep {
public:
    AutogradStep(const TrainingConfig& config, VaeNetwork network);
    BatchTerms compute(const torch::Tensor& images, const torch::Tensor& targets, double klWeight,
                       torch::Generator& generator) override;

private:
    VaeNetwork network_;
    Estimator estimator_;
    int samples_;
};

} // namespace vae
