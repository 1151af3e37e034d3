#pragma once

#include <vector>

namespace vae {

struct PrincipalAxes {
    std::vector<float> first; // unit vectors in latent space, orthogonal
    std::vector<float> second;
    double firstVariance = 0;
    double secondVariance = 0;
};

// The first two principal components of `count` points of `dim` coordinates (row-major).
PrincipalAxes principalAxes(const std::vector<float>& points, int count, int dim);

} // namespace vae
