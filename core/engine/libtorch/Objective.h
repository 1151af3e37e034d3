#pragma once

#include "core/engine/libtorch/VaeNetwork.h"

#include <torch/torch.h>

namespace vae {

// Per-image terms of the ELBO, each [B], in nats: elbo = reconstruction - kl.
struct ElboTerms {
    torch::Tensor reconstruction; // E_q[log p(x|z)], Monte Carlo over L samples
    torch::Tensor kl;             // KL(q(z|x) || p(z)): analytic (estimator B) or Monte Carlo (A)
    torch::Tensor elbo() const { return reconstruction - kl; }
};

constexpr double halfLog2Pi = 0.91893853320467274178; // (1/2) ln 2 pi

// log p(x|z) summed over pixels, [B].
torch::Tensor logLikelihood(const PixelDistribution& decoded, const torch::Tensor& target, Likelihood likelihood);

// log p(x_i|z_is) for S latent points per image decoded image-major (rows i*S to i*S+S-1 belong to
// image i, [B*S, D]) against each image's targets [B, D]: [B, S]. The targets are not repeated,
// and the Bernoulli terms take one vectorised softplus pass and one batched matrix-vector product,
// because the estimators of log p(x) decode thousands of samples per image.
torch::Tensor logLikelihoodPerSample(const PixelDistribution& decoded, const torch::Tensor& targets,
                                     Likelihood likelihood);

// KL(N(mean, exp(logVariance)) || N(0, I)) = -1/2 sum(1 + log s^2 - m^2 - s^2), [B].
torch::Tensor analyticKl(const Posterior& posterior);

// log N(z; mean, exp(logVariance)) and log N(z; 0, I) summed over dimensions. z may carry a
// leading sample dimension [L, B, d_z] over [B, d_z] posteriors.
torch::Tensor logPosteriorDensity(const torch::Tensor& z, const Posterior& posterior);
torch::Tensor logPriorDensity(const torch::Tensor& z);

// z = mean + exp(logVariance / 2) * eps for L samples: [L, B, d_z].
torch::Tensor reparameterise(const Posterior& posterior, int samples, torch::Generator& generator);

// The ELBO's terms for a batch with the chosen estimator and L samples per image.
ElboTerms elboTerms(VaeNetworkImpl& network, const torch::Tensor& images, const torch::Tensor& targets,
                    Estimator estimator, int samples, torch::Generator& generator);

// The prior objective log (1/L) sum_l p(x|z_l), z_l ~ N(0, I), as `reconstruction`, with a zero KL:
// the bound the decoder is trained on when the encoder is left out.
ElboTerms priorSampledTerms(VaeNetworkImpl& network, const torch::Tensor& targets, int samples,
                            torch::Generator& generator);

// The terms of the objective the run trains (config.objective), which its test figures report.
ElboTerms objectiveTerms(VaeNetworkImpl& network, const torch::Tensor& images, const torch::Tensor& targets,
                         const TrainingConfig& config, torch::Generator& generator);

} // namespace vae
