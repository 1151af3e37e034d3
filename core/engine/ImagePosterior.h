#pragma once

#include "core/data/Dataset.h"
#include "core/engine/ModelSnapshot.h"
#include "core/engine/QuadratureLikelihood.h"

#include <array>

namespace vae {

// Both sides of log p(x) >= ELBO for one test image of a d_z = 2 model, each computed to within
// the tolerance rather than sampled, so that their difference is the encoder's own error:
//   log p(x) = ELBO + KL(q(z|x) || p(z|x)).
struct ImagePosterior {
    QuadratureLikelihood quadrature; // log p(x), and p(z|x) over z
    // q(z|x) = N(mean, diag(standardDeviation^2)), the encoder's answer.
    std::array<double, 2> mean{};
    std::array<double, 2> standardDeviation{};
    double reconstruction = 0; // E_q[log p(x|z)], by quadrature over eps
    double kl = 0;             // KL(q(z|x) || p(z)), in closed form
    // p(eps|x) for eps = (z - mean) / standardDeviation: the posterior as the reparameterisation
    // sees it, N(0, I) where the encoder is exact. Normalised over eps like `quadrature.posterior`.
    LatentGridDensity standardised;

    double logLikelihood() const { return quadrature.logLikelihood; }
    // The expectation of what the test evaluation estimates with L draws of z, against the same
    // targets (for a run that trains the ELBO; one that trains the prior objective reports that).
    double elbo() const { return reconstruction - kl; }
    double posteriorKl() const { return logLikelihood() - elbo(); } // KL(q(z|x) || p(z|x)) >= 0
};

// For d_z = 2 (InputError otherwise): test image `index`'s log p(x) and posterior by
// quadratureLogLikelihood, and its ELBO with E_q[log p(x|z)] by the midpoint rule over eps in
// [-6, 6]^2, weighted by N(eps; 0, I) and refined until two resolutions agree within `tolerance`
// nats. `images` is the test split, scored against the test evaluation's targets. Runs on the
// calling thread with its compute thread count; throws std::runtime_error where a quadrature does
// not converge.
ImagePosterior imagePosterior(const ModelSnapshot& model, const ImageSet& images, int index, double tolerance = 0.01);

// A density over z re-expressed over eps = (z - mean) / standardDeviation: the same cells, their
// corners moved and their values scaled by the Jacobian standardDeviation[0] * standardDeviation[1].
LatentGridDensity standardisedDensity(const LatentGridDensity& density, const std::array<double, 2>& mean,
                                      const std::array<double, 2>& standardDeviation);

} // namespace vae
