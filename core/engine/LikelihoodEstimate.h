#pragma once

#include <functional>
#include <vector>

namespace vae {

// Estimates of log p(x) for a run of images, in nats, and their summary over the images.
struct LikelihoodEstimate {
    std::vector<double> perImage;
    double mean = 0;
    double standardError = 0; // of the mean: the images' spread / sqrt(N), which dwarfs the sampling noise
};

// How a long estimate reports and stops, both called on the computing thread between batches:
// `progress` gets the images done and the total; when `shouldInterrupt` returns true the estimate
// throws EvaluationInterrupted.
struct EstimateControl {
    std::function<void(int done, int total)> progress;
    std::function<bool()> shouldInterrupt;
};

// The mean and its standard error (0 for a single image).
LikelihoodEstimate summariseImages(std::vector<double> perImage);

} // namespace vae
