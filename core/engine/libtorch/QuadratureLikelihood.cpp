#include "core/engine/QuadratureLikelihood.h"

#include "core/data/InputError.h"
#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/EstimateSupport.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"

#include <QString>

#include <cmath>

namespace vae {
namespace {

constexpr int locatingResolution = 64;
constexpr int locatingRounds = 20;
constexpr double relevantNats = 30;  // cells further below the peak add less than e^-30 of it each
constexpr double priorReach = 6;     // the prior's mass beyond |z_i| = 6 is 2e-9
constexpr double posteriorReach = 8; // in standard deviations of q
constexpr int paddingCells = 2;

struct Box {
    std::array<double, 2> minimum;
    std::array<double, 2> maximum;

    double width(int axis) const { return maximum[std::size_t(axis)] - minimum[std::size_t(axis)]; }
    double cellArea(int resolution) const { return width(0) * width(1) / (double(resolution) * double(resolution)); }
};

// Cell centres along one axis.
torch::Tensor centres(const Box& box, int axis, int resolution)
{
    const double step = box.width(axis) / resolution;
    return (torch::arange(resolution, torch::kDouble) + 0.5) * step + box.minimum[std::size_t(axis)];
}

// log p(x|z) + log p(z) at the cell centres, float64 [resolution (z_2), resolution (z_1)].
torch::Tensor logIntegrand(VaeNetworkImpl& network, const torch::Tensor& target, const Box& box, int resolution)
{
    const int64_t n = resolution;
    const torch::Tensor z = torch::stack({centres(box, 0, resolution).unsqueeze(0).expand({n, n}),
                                          centres(box, 1, resolution).unsqueeze(1).expand({n, n})},
                                         -1)
                                .reshape({n * n, 2})
                                .to(torch::kFloat);
    return (logLikelihoodsAt(network, target, z) + logPriorDensity(z).to(torch::kDouble)).view({n, n});
}

double logIntegral(const torch::Tensor& logValues, const Box& box, int resolution)
{
    return torch::logsumexp(logValues.flatten(), 0).item<double>() + std::log(box.cellArea(resolution));
}

// The cells within relevantNats of the peak, widened by a margin of cells, since the peak may sit
// between cell centres.
Box relevantBox(const torch::Tensor& logValues, const Box& box, int resolution)
{
    const torch::Tensor relevant = logValues > logValues.max().item<double>() - relevantNats;
    Box fitted = box;
    for (int axis = 0; axis < 2; ++axis) {
        const torch::Tensor used = torch::nonzero(relevant.any(axis)).flatten(); // columns for z_1, rows for z_2
        const double step = box.width(axis) / resolution;
        const auto a = std::size_t(axis);
        fitted.minimum[a] = box.minimum[a] + double(used.min().item<int64_t>() - paddingCells) * step;
        fitted.maximum[a] = box.minimum[a] + double(used.max().item<int64_t>() + 1 + paddingCells) * step;
    }
    return fitted;
}

// Starts from the union of q(z|x)'s and the prior's bulk. Where the relevant cells reach an edge,
// the integrand goes on beyond it (an encoder that lags behind its decoder can leave the posterior
// far out in the prior's tail): that side moves out by the box's width. Otherwise the box shrinks
// to the relevant cells, round by round, until they fill at least half of it along each axis.
Box locate(VaeNetworkImpl& network, const torch::Tensor& pixels, const torch::Tensor& target)
{
    const Posterior posterior = network.encode(pixels);
    Box box;
    for (int axis = 0; axis < 2; ++axis) {
        const double mean = posterior.mean[0][axis].item<double>();
        const double reach = posteriorReach * std::exp(0.5 * posterior.logVariance[0][axis].item<double>());
        box.minimum[std::size_t(axis)] = std::min(mean - reach, -priorReach);
        box.maximum[std::size_t(axis)] = std::max(mean + reach, priorReach);
    }
    for (int round = 0; round < locatingRounds; ++round) {
        const Box fitted = relevantBox(logIntegrand(network, target, box, locatingResolution), box, locatingResolution);
        bool reachesAnEdge = false;
        for (std::size_t a = 0; a < 2; ++a) {
            const double width = box.width(int(a));
            if (fitted.minimum[a] < box.minimum[a]) {
                box.minimum[a] -= width;
                reachesAnEdge = true;
            }
            if (fitted.maximum[a] > box.maximum[a]) {
                box.maximum[a] += width;
                reachesAnEdge = true;
            }
        }
        if (reachesAnEdge)
            continue;
        const bool settled = fitted.width(0) > 0.5 * box.width(0) && fitted.width(1) > 0.5 * box.width(1);
        box = fitted;
        if (settled)
            break;
    }
    return box;
}

QuadratureLikelihood integrate(VaeNetworkImpl& network, const BatchSource& source, int index, double tolerance)
{
    const torch::Tensor rows = torch::full({1}, int64_t(index), torch::kLong);
    const torch::Tensor pixels = source.images(rows);
    torch::Generator unused = at::make_generator<at::CPUGeneratorImpl>(0);
    const torch::Tensor target = source.targets(rows, pixels, unused);
    const Box box = locate(network, pixels, target);
    torch::Tensor logValues;
    const RefinedIntegral integral = refineUntilAgreeing(
        tolerance,
        [&](int resolution) {
            logValues = logIntegrand(network, target, box, resolution);
            return logIntegral(logValues, box, resolution);
        },
        QStringLiteral("the quadrature of test image %1").arg(index));
    QuadratureLikelihood result;
    result.logLikelihood = integral.value;
    result.posterior.minimum = box.minimum;
    result.posterior.maximum = box.maximum;
    result.posterior.resolution = integral.resolution;
    const torch::Tensor density = torch::exp(logValues - integral.value).to(torch::kFloat).contiguous();
    result.posterior.values.assign(density.data_ptr<float>(), density.data_ptr<float>() + density.numel());
    return result;
}

VaeNetworkImpl& twoDimensionalNetwork(const ModelSnapshot& model)
{
    if (model.latentDim() != 2)
        throw InputError(QStringLiteral("--quadrature needs a model with a 2-d latent space; this one has d_z = %1")
                             .arg(model.latentDim())
                             .toStdString());
    return forwardNetwork(model);
}

} // namespace

QuadratureLikelihood quadratureLogLikelihood(const ModelSnapshot& model, const ImageSet& images, int index,
                                             double tolerance)
{
    VaeNetworkImpl& network = twoDimensionalNetwork(model);
    checkImageCount(images, index + 1);
    c10::InferenceMode inference;
    return integrate(network, testSource(images, model.config()), index, tolerance);
}

LikelihoodEstimate quadratureLogLikelihoods(const ModelSnapshot& model, const ImageSet& images, int imageCount,
                                            const EstimateControl& control, double tolerance)
{
    VaeNetworkImpl& network = twoDimensionalNetwork(model);
    checkImageCount(images, imageCount);
    c10::InferenceMode inference;
    const BatchSource source = testSource(images, model.config());
    std::vector<double> perImage;
    for (int index = 0; index < imageCount; ++index) {
        checkInterrupt(control);
        perImage.push_back(integrate(network, source, index, tolerance).logLikelihood);
        if (control.progress)
            control.progress(index + 1, imageCount);
    }
    return summariseImages(std::move(perImage));
}

} // namespace vae
