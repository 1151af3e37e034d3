#pragma once

#include "core/data/Dataset.h"
#include "core/engine/LikelihoodEstimate.h"
#include "core/engine/ModelSnapshot.h"

#include <cstdint>
#include <vector>

namespace vae {

// Ways to estimate the gradient of the ELBO with respect to the encoder's parameters.
enum class GradientEstimator {
    Analytic,      // reparameterised, analytic KL: the paper's estimator B
    MonteCarlo,    // reparameterised, Monte Carlo KL: estimator A
    ScoreFunction, // REINFORCE: mean_l (log p(x, z_l) - log q(z_l|x)) grad log q(z_l|x), no baseline
};

const char* toString(GradientEstimator estimator); // "analytic", "mc", "score_function"

// The spread of one estimator's gradient at one sample count L, over repeated draws.
struct GradientVariance {
    GradientEstimator estimator = GradientEstimator::Analytic;
    int samples = 1;
    double variance = 0;         // per parameter over the draws, averaged over the encoder's parameters
    double relativeVariance = 0; // variance / the squared mean gradient, each averaged over the parameters
};

// For each estimator and each L in `sampleCounts`: `draws` estimates, each with fresh draws of z,
// of the gradient of the mean per-image bound of the first `imageCount` test images with respect
// to every parameter of the encoder, and their variance. The ratio of averages in
// relativeVariance stays finite where single parameters' mean gradients are near zero.
// Deterministic for a seed. Runs on the calling thread with its compute thread count.
std::vector<GradientVariance> encoderGradientVariance(const ModelSnapshot& model, const ImageSet& images,
                                                      int imageCount, int draws, const std::vector<int>& sampleCounts,
                                                      std::uint64_t seed, const EstimateControl& control = {});

} // namespace vae
