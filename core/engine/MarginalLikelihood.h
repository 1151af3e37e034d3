#pragma once

#include "core/data/Dataset.h"
#include "core/engine/LikelihoodEstimate.h"
#include "core/engine/ModelSnapshot.h"

#include <cstdint>

namespace vae {

constexpr int maximumImportanceSamples = 1'000'000;

// log p(x) of each of the first `imageCount` images by importance sampling with the encoder as
// the proposal, the bound of Burda et al.'s IWAE:
//     log (1/K) sum_k p(x|z_k) p(z_k) / q(z_k|x),   z_k ~ q(z|x),  K = `samples`,
// which equals the ELBO's expectation at K = 1 and rises towards log p(x) as K grows. `images` is
// the test split: its targets are the ones the test evaluation scores (the snapshot's
// binarisation). Deterministic for a seed: image i's draws depend on the seed, i and K only, not
// on the batching, the image count or the thread count (which change only the float rounding).
// Works through the samples a few thousand decoded images at a time, so memory stays bounded for
// any K. Runs on the calling thread with its compute thread count (setComputeThreads). Throws
// InputError for K out of 1..maximumImportanceSamples or a count out of range.
LikelihoodEstimate importanceSampledLogLikelihood(const ModelSnapshot& model, const ImageSet& images, int samples,
                                                  int imageCount, std::uint64_t seed,
                                                  const EstimateControl& control = {});

// Both sides of log p(x) >= ELBO on the same images from the same K draws: the bound above, and
// the ELBO as the mean of the same log weights log p(x, z_k) - log q(z_k|x) (an unbiased Monte
// Carlo ELBO over K samples, the KL term included in the weights). Per image, log-mean-exp is at
// least the mean (Jensen), so `gap` = logLikelihood - elbo >= 0 image by image; the gap estimates
// KL(q(z|x) || p(z|x)), and its standard error is the paired one, far below either side's.
struct ImportanceSampledBounds {
    LikelihoodEstimate logLikelihood;
    LikelihoodEstimate elbo;
    LikelihoodEstimate gap;
};

// The same arguments, draws and exceptions as importanceSampledLogLikelihood.
ImportanceSampledBounds importanceSampledBounds(const ModelSnapshot& model, const ImageSet& images, int samples,
                                                int imageCount, std::uint64_t seed,
                                                const EstimateControl& control = {});

} // namespace vae
