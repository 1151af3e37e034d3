#pragma once

#include <vector>

namespace vae {

// Latent traversals: a reference point moved along one dimension at a time, from -3 to +3 about
// it, so each row of a picture shows what one dimension does to the decoded image.

constexpr double traversalRange = 3.0;
constexpr int defaultTraversalSteps = 9; // odd: the middle column is the reference itself
constexpr int fewestTraversalSteps = 2;
constexpr int mostTraversalSteps = 31;

// The dimensions from the most KL to the least (ties and an empty `kl` in natural order).
std::vector<int> dimensionsByKl(const std::vector<double>& kl, int latentDim);

// `steps` points per entry of `dimensions`, row by row: `reference` (zeros when empty) plus
// offsets evenly spaced over [-traversalRange, traversalRange] along that dimension.
std::vector<float> traversalLatents(const std::vector<float>& reference, int latentDim,
                                    const std::vector<int>& dimensions, int steps);

} // namespace vae
