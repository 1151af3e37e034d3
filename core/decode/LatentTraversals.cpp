#include "core/decode/LatentTraversals.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace vae {

std::vector<int> dimensionsByKl(const std::vector<double>& kl, int latentDim)
{
    std::vector<int> order(static_cast<std::size_t>(std::max(0, latentDim)));
    std::iota(order.begin(), order.end(), 0);
    if (kl.size() == order.size())
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return kl[std::size_t(a)] > kl[std::size_t(b)]; });
    return order;
}

std::vector<float> traversalLatents(const std::vector<float>& reference, int latentDim,
                                    const std::vector<int>& dimensions, int steps)
{
    if (steps < 2)
        throw std::invalid_argument("traversalLatents: a traversal needs at least two steps");
    if (!reference.empty() && int(reference.size()) != latentDim)
        throw std::invalid_argument("traversalLatents: the reference does not match the latent size");
    const std::vector<float> origin = reference.empty() ? std::vector<float>(std::size_t(latentDim), 0.0f) : reference;
    std::vector<float> latents;
    latents.reserve(dimensions.size() * std::size_t(steps) * std::size_t(latentDim));
    for (int dimension : dimensions) {
        if (dimension < 0 || dimension >= latentDim)
            throw std::invalid_argument("traversalLatents: a dimension outside the latent space");
        for (int step = 0; step < steps; ++step) {
            // Computed from both ends, so the middle of an odd count is exactly zero.
            const double offset = traversalRange * double(2 * step - (steps - 1)) / double(steps - 1);
            std::vector<float> point = origin;
            point[std::size_t(dimension)] += float(offset);
            latents.insert(latents.end(), point.begin(), point.end());
        }
    }
    return latents;
}

} // namespace vae
