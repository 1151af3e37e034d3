#pragma once

#include "core/data/Dataset.h"
#include "core/run/TrainingConfig.h"

#include <torch/torch.h>

namespace vae {

// One split of the data as tensors: the images as bytes [N, D] (sharing the Dataset's memory) and
// the decoder's targets. Floats are made one batch at a time.
class BatchSource {
public:
    // For static binarisation, and for the test targets of dynamic binarisation, pixels are drawn
    // once as Bernoulli(grey/255) from a generator seeded by `binarizationSeed`.
    BatchSource(const ImageSet& images, Binarization binarization, bool isTestSplit, std::uint64_t binarizationSeed);

    int64_t count() const { return pixels_.size(0); }

    // Grey values in [0, 1] for the given rows, [B, D] float.
    torch::Tensor images(const torch::Tensor& rows) const;
    // What the decoder is scored against for those rows: grey values, or binary pixels.
    torch::Tensor targets(const torch::Tensor& rows, const torch::Tensor& images, torch::Generator& generator) const;

private:
    torch::Tensor pixels_;        // uint8 [N, D]
    torch::Tensor binaryTargets_; // uint8 [N, D] 0/1 when binarised once, else undefined
    bool dynamic_ = false;
};

// The seed a run's binarised targets are drawn from: the run's seed, apart from its training draws.
// The estimators of log p(x) score the test split against the same targets as the evaluation.
std::uint64_t binarizationSeed(const TrainingConfig& config);

// A run's test split as its evaluation scores it. Its targets are fixed, so targets() does not
// draw from the generator it is given.
BatchSource testSource(const ImageSet& images, const TrainingConfig& config);

} // namespace vae
