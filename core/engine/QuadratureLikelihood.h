#pragma once

#include "core/data/Dataset.h"
#include "core/engine/LikelihoodEstimate.h"
#include "core/engine/ModelSnapshot.h"

#include <array>
#include <vector>

namespace vae {

// A density over a rectangle of the 2-d latent plane, given at the centres of a resolution x
// resolution grid of equal cells: row j, column i holds the value at
//   z = (minimum[0] + (i + 1/2) * cellWidth(0), minimum[1] + (j + 1/2) * cellWidth(1)).
struct LatentGridDensity {
    std::array<double, 2> minimum{};
    std::array<double, 2> maximum{};
    int resolution = 0;
    std::vector<float> values; // resolution * resolution, row-major

    double cellWidth(int axis) const { return (maximum[std::size_t(axis)] - minimum[std::size_t(axis)]) / resolution; }
};

// log p(x) = log of the integral of p(x|z) p(z) over the plane, and the posterior p(z|x) it implies.
struct QuadratureLikelihood {
    double logLikelihood = 0;
    LatentGridDensity posterior; // normalised: its values times the cell area sum to 1
};

// For d_z = 2 (InputError otherwise): log p(x) of test image `index` by the midpoint rule on a
// latent grid. The grid is first fitted to where the integrand matters, starting from the union
// of q(z|x)'s and the prior's bulk and shrinking to the cells within 30 nats of the peak, then
// refined (doubling the resolution) until two resolutions agree within `tolerance` nats.
// `images` is the test split, scored against the test evaluation's targets. Runs on the calling
// thread with its compute thread count; throws std::runtime_error if no resolution up to 1024
// per axis converges.
QuadratureLikelihood quadratureLogLikelihood(const ModelSnapshot& model, const ImageSet& images, int index,
                                             double tolerance = 0.01);

// The same for each of the first `imageCount` images, without the grids.
LikelihoodEstimate quadratureLogLikelihoods(const ModelSnapshot& model, const ImageSet& images, int imageCount,
                                            const EstimateControl& control = {}, double tolerance = 0.01);

} // namespace vae
