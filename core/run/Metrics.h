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

} // namespace vae

Q_DECLARE_METATYPE(vae::StepMetrics)
Q_DECLARE_METATYPE(vae::EpochMetrics)
Q_DECLARE_METATYPE(vae::Evaluation)
