#include "core/latent/LatentSampling.h"

#include <cmath>
#include <random>
#include <stdexcept>

namespace vae {

std::vector<float> priorSamples(int count, int latentDim, std::uint64_t seed)
{
    return posteriorSamples(std::vector<float>(std::size_t(latentDim), 0.0f),
                            std::vector<float>(std::size_t(latentDim), 0.0f), count, seed);
}

std::vector<float> posteriorSamples(const std::vector<float>& mean, const std::vector<float>& logVariance, int count,
                                    std::uint64_t seed)
{
    if (mean.size() != logVariance.size())
        throw std::invalid_argument("posteriorSamples: the mean and the log variance differ in size");
    std::mt19937_64 generator(seed);
    std::normal_distribution<float> standardNormal;
    std::vector<float> samples;
    samples.reserve(std::size_t(count) * mean.size());
    for (int n = 0; n < count; ++n)
        for (std::size_t i = 0; i < mean.size(); ++i)
            samples.push_back(mean[i] + std::exp(0.5f * logVariance[i]) * standardNormal(generator));
    return samples;
}

} // namespace vae
