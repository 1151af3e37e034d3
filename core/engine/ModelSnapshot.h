#pragma once

#include "core/run/TrainingConfig.h"

#include <memory>
#include <vector>

namespace vae {

struct SnapshotNetwork;

// An immutable deep copy of a trained model, made on the thread that owns the Trainer and then
// read from any thread (several at once): the views decode from it while training goes on.
class ModelSnapshot {
public:
    explicit ModelSnapshot(std::unique_ptr<SnapshotNetwork> network);
    ~ModelSnapshot();

    int latentDim() const;
    int channels() const;
    int height() const;
    int width() const;
    int imageSize() const { return channels() * height() * width(); }
    Likelihood likelihood() const;
    // The run's settings when the copy was taken: the estimators of log p(x) need its binarisation.
    const TrainingConfig& config() const;
    std::int64_t step() const; // the training step the copy was taken after

    // Posterior means and log variances of `count` images given as bytes (C, H, W per image):
    // `means` and `logVariances` receive count * latentDim floats.
    void encode(const std::uint8_t* images, int count, std::vector<float>& means,
                std::vector<float>& logVariances) const;

    // Decoded images for `count` latent points (count * latentDim floats): count * imageSize pixel
    // bytes (C, H, W per image), the decoder's mean (Bernoulli probabilities or Gaussian means)
    // clamped to [0, 1] and rounded to the nearest of 0..255; with `sample`, a draw from p(x|z)
    // seeded by `seed`. Bytes, not floats: every view shows them, and the conversion runs here
    // vectorised, on a quarter of the memory the floats would take.
    std::vector<std::uint8_t> decode(const float* latents, int count, bool sample = false,
                                     std::uint64_t seed = 0) const;

    // The copy itself, for the engine's estimators in libtorch/.
    const SnapshotNetwork& network() const { return *network_; }

private:
    std::unique_ptr<SnapshotNetwork> network_;
};

} // namespace vae
