#pragma once

#include <QMetaType>

#include <cstdint>
#include <vector>

namespace vae {

// All figures are per image, in nats, with their true signs: elbo and reconstruction are log
// densities (negative for Bernoulli data), kl >= 0, and elbo = reconstruction - kl.
struct StepMetrics {
    std::int64_t step = 0; // 1-based count of optimiser steps taken
    int epoch = 0;         // 0-based epoch the step belongs to
    float elbo = 0;
    float reconstruction = 0;
    float kl = 0;
};

struct EpochMetrics {
    int epoch = 0;         // 1-based: the number of epochs completed
    std::int64_t step = 0; // steps completed at the end of the epoch
    double elbo = 0;       // mean over the epoch's training steps
    double reconstruction = 0;
    double kl = 0;
    double testElbo = 0;
    double testReconstruction = 0;
    double testKl = 0;
    double imagesPerSecond = 0; // training steps only, test evaluation excluded
    double seconds = 0;         // wall time of the epoch, evaluation included
};

struct MetricHistory {
    std::vector<StepMetrics> steps;
    std::vector<EpochMetrics> epochs;
};

struct Evaluation {
    double elbo = 0;
    double reconstruction = 0;
    double kl = 0;
    double bitsPerDim = 0; // -elbo / (D ln 2)
    int images = 0;
};

// Both sides of log p(x) >= ELBO for one model on the first `images` test images, from the same
// K = `samples` importance samples per image (core/engine/MarginalLikelihood.h), with the standard
// errors of their means over the images. The gap, log p(x) - ELBO, estimates KL(q(z|x) || p(z|x)).
struct LikelihoodPoint {
    int epoch = 0;         // epochs completed by the model estimated
    std::int64_t step = 0; // its training step
    int images = 0;
    int samples = 0;
    double logLikelihood = 0;
    double logLikelihoodError = 0;
    double elbo = 0;
    double elboError = 0;
    double gap = 0;
    double gapError = 0; // paired: far below the other two
    double seconds = 0;  // CPU time of the estimate
};

} // namespace vae

Q_DECLARE_METATYPE(vae::LikelihoodPoint)
Q_DECLARE_METATYPE(vae::StepMetrics)
Q_DECLARE_METATYPE(vae::EpochMetrics)
Q_DECLARE_METATYPE(vae::Evaluation)
