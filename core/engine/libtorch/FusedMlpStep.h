#pragma once

#include "core/engine/libtorch/GradientStep.h"

namespace vae {

// The gradient of the reference model (MLP, Bernoulli decoder, analytic KL, one sample) by hand:
// the five large matrix products go straight to BLAS into preallocated buffers, and the
// element-wise work between them is fused (the Bernoulli log-likelihood and its gradient in one
// pass), with no autograd graph, no temporaries and no zeroing of gradients. Equal to
// AutogradStep up to float rounding (tested).
class FusedMlpStep : public GradientStep {
public:
    static bool supports(const TrainingConfig& config);

    explicit FusedMlpStep(MlpLayers layers);
    ~FusedMlpStep() override;
    BatchTerms compute(const torch::Tensor& images, const torch::Tensor& targets, double klWeight,
                       torch::Generator& generator) override;

private:
    struct Buffers;
    Buffers& buffersFor(int64_t batch);
    void activate(torch::Tensor& values) const;
    // gradient *= activation'(pre-activation), given the activation's output.
    void backActivate(torch::Tensor& gradient, const torch::Tensor& output) const;

    MlpLayers layers_;
    std::vector<std::unique_ptr<Buffers>> buffers_; // one set per batch size seen (the last batch may be smaller)
};

} // namespace vae
