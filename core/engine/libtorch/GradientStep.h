#pragma once

#include "core/engine/libtorch/VaeNetwork.h"

#include <torch/torch.h>

#include <memory>

namespace vae {

// Batch means of the ELBO's terms, per image, in nats.
struct BatchTerms {
    float reconstruction = 0;
    float kl = 0;
};

// Computes the gradient of the per-image loss  mean_i(klWeight * KL_i - reconstruction_i)  into
// every parameter's .grad(), leaving the update to the optimiser. Implementations differ in speed
// only: the same random draws in the same order, the same math.
class GradientStep {
public:
    virtual ~GradientStep() = default;
    virtual BatchTerms compute(const torch::Tensor& images, const torch::Tensor& targets, double klWeight,
                               torch::Generator& generator) = 0;
};

// The fastest step that implements the settings: FusedMlpStep for the ELBO of an MLP with a
// Bernoulli decoder, the analytic KL and one sample; autograd through objectiveTerms() for
// everything else.
std::unique_ptr<GradientStep> makeGradientStep(const TrainingConfig& config, VaeNetwork network);

} // namespace vae
