#pragma once

#include <cstdint>
#include <vector>

namespace vae {

// `count` draws from the prior N(0, I) in `latentDim` dimensions, row-major; the same for the
// same seed, so a sheet of samples can be decoded again by every new snapshot.
std::vector<float> priorSamples(int count, int latentDim, std::uint64_t seed);

// `count` draws z = mean + exp(logVariance / 2) * eps from q(z|x) = N(mean, diag exp(logVariance)).
std::vector<float> posteriorSamples(const std::vector<float>& mean, const std::vector<float>& logVariance, int count,
                                    std::uint64_t seed);

} // namespace vae
