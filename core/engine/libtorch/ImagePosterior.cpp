#include "core/engine/ImagePosterior.h"

#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/EstimateSupport.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"

#include <QString>

#include <cmath>

namespace vae {
namespace {

constexpr double epsReach = 6; // N(0, 1)'s mass beyond |eps_i| = 6 is 2e-9

// E_q[log p(x|z)] = the integral of N(eps; 0, I) log p(x | mean + sigma eps) over eps. The weights
// are normalised to sum to 1, so the rule is exact for a constant and the truncation at epsReach
// only drops the tails' share of the integrand's variation.
double expectedReconstruction(VaeNetworkImpl& network, const torch::Tensor& target, const torch::Tensor& mean,
                              const torch::Tensor& standardDeviation, int index, double tolerance)
{
    const auto integrate = [&](int resolution) {
        const int64_t n = resolution;
        const torch::Tensor centres = (torch::arange(n, torch::kDouble) + 0.5) * (2 * epsReach / n) - epsReach;
        const torch::Tensor eps =
            torch::stack({centres.unsqueeze(0).expand({n, n}), centres.unsqueeze(1).expand({n, n})}, -1)
                .reshape({n * n, 2});
        const torch::Tensor weights = torch::exp(-0.5 * eps.square().sum(-1));
        const torch::Tensor z = (mean + standardDeviation * eps).to(torch::kFloat);
        return ((weights * logLikelihoodsAt(network, target, z)).sum() / weights.sum()).item<double>();
    };
    return refineUntilAgreeing(tolerance, integrate,
                               QStringLiteral("the expected reconstruction of test image %1").arg(index))
        .value;
}

} // namespace

LatentGridDensity standardisedDensity(const LatentGridDensity& density, const std::array<double, 2>& mean,
                                      const std::array<double, 2>& standardDeviation)
{
    LatentGridDensity standardised = density;
    for (std::size_t a = 0; a < 2; ++a) {
        standardised.minimum[a] = (density.minimum[a] - mean[a]) / standardDeviation[a];
        standardised.maximum[a] = (density.maximum[a] - mean[a]) / standardDeviation[a];
    }
    const auto jacobian = float(standardDeviation[0] * standardDeviation[1]);
    for (float& value : standardised.values)
        value *= jacobian;
    return standardised;
}

ImagePosterior imagePosterior(const ModelSnapshot& model, const ImageSet& images, int index, double tolerance)
{
    ImagePosterior result;
    result.quadrature = quadratureLogLikelihood(model, images, index, tolerance); // checks d_z and the index
    c10::InferenceMode inference;
    VaeNetworkImpl& network = forwardNetwork(model);
    const BatchSource source = testSource(images, model.config());
    const torch::Tensor rows = torch::full({1}, int64_t(index), torch::kLong);
    const torch::Tensor pixels = source.images(rows);
    torch::Generator unused = at::make_generator<at::CPUGeneratorImpl>(0);
    const torch::Tensor target = source.targets(rows, pixels, unused);

    const Posterior posterior = network.encode(pixels);
    const torch::Tensor mean = posterior.mean[0].to(torch::kDouble);
    const torch::Tensor standardDeviation = torch::exp(0.5 * posterior.logVariance[0].to(torch::kDouble));
    for (int64_t a = 0; a < 2; ++a) {
        result.mean[std::size_t(a)] = mean[a].item<double>();
        result.standardDeviation[std::size_t(a)] = standardDeviation[a].item<double>();
    }
    result.kl = analyticKl({mean, posterior.logVariance[0].to(torch::kDouble)}).item<double>();
    result.reconstruction = expectedReconstruction(network, target, mean, standardDeviation, index, tolerance);
    result.standardised = standardisedDensity(result.quadrature.posterior, result.mean, result.standardDeviation);
    return result;
}

} // namespace vae
