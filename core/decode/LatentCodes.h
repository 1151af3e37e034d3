#pragma once

#include "core/data/Dataset.h"
#include "core/engine/ModelSnapshot.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace vae {

// The posterior q(z|x) = N(mean, exp(logVariance)) of every image in a split.
struct LatentCodes {
    int count = 0;
    int latentDim = 0;
    std::vector<float> means;         // count x latentDim
    std::vector<float> logVariances;  // count x latentDim
    std::vector<std::int32_t> labels; // empty when the data has none

    const float* mean(int index) const { return means.data() + std::size_t(index) * std::size_t(latentDim); }
};

// Told after each batch how many of the images are encoded; it may throw to stop there (a cancel).
using EncodeProgress = std::function<void(int encoded, int total)>;

// Encodes the images in batches; callable from any thread.
LatentCodes encodeImageSet(const ModelSnapshot& model, const ImageSet& images, const EncodeProgress& progress = {});

// Mean over the images of each dimension's analytic KL(q || N(0, 1)), in nats: the informative
// dimensions carry KL, the collapsed ones next to none.
std::vector<double> klPerDimension(const LatentCodes& codes);

// The variance over the images of each dimension's posterior mean.
std::vector<double> posteriorMeanVariances(const LatentCodes& codes);
// How many dimensions the model uses: those whose posterior mean varies with the image by more
// than `threshold` in variance (Burda et al.'s active units; a collapsed one sits at the prior).
constexpr double activeUnitThreshold = 0.01;
int activeUnits(const LatentCodes& codes, double threshold = activeUnitThreshold);
int activeUnits(const std::vector<double>& posteriorMeanVariances, double threshold = activeUnitThreshold);
// Posterior collapse: most dimensions carry no information (fewer than half of them active), or
// all together carry next to none (less than `collapsedTotalKl` nats of KL per image: a posterior
// mean can vary by more than activeUnitThreshold and still tell the prior little).
constexpr double collapsedTotalKl = 1.0;
bool posteriorCollapsed(int activeUnits, int latentDim, double totalKl);

// CSV: index,label,mean_0..mean_{d-1},log_variance_0..log_variance_{d-1} (label empty when unknown).
void writeLatentCodesCsv(const QString& path, const LatentCodes& codes);
// NumPy: PATH holds float32 [N, 2, d_z] (index 0 of the middle axis the means, 1 the log
// variances); the labels, when there are any, go to PATH with "_labels" before ".npy", int64 [N].
// Returns the files written. Both throw std::runtime_error naming the file; nothing partial is left.
QStringList writeLatentCodesNpy(const QString& path, const LatentCodes& codes);

} // namespace vae
