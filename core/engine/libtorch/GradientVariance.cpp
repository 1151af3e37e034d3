#include "core/engine/GradientVariance.h"

#include "core/data/InputError.h"
#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/EstimateSupport.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"

#include <QString>

namespace vae {
namespace {

constexpr GradientEstimator allEstimators[] = {GradientEstimator::Analytic, GradientEstimator::MonteCarlo,
                                               GradientEstimator::ScoreFunction};
constexpr int maximumSamples = 1000;

std::vector<torch::Tensor> encoderParameters(const VaeNetworkImpl& network)
{
    std::vector<torch::Tensor> parameters;
    for (const auto& parameter : network.named_parameters()) {
        const std::string& name = parameter.key();
        if (name.rfind("encoder.", 0) == 0 || name.rfind("posterior_", 0) == 0)
            parameters.push_back(parameter.value());
    }
    return parameters;
}

// The per-image bound whose gradient the score function estimates: its value carries no gradient,
// only log q(z|x) does, at draws of z that do not depend on the parameters.
torch::Tensor scoreFunctionSurrogate(VaeNetworkImpl& network, const torch::Tensor& pixels, const torch::Tensor& targets,
                                     int samples, torch::Generator& generator)
{
    const Posterior posterior = network.encode(pixels);
    const torch::Tensor z = reparameterise(posterior, samples, generator).detach(); // [L, B, d_z]
    const torch::Tensor logPosterior = logPosteriorDensity(z, posterior);
    torch::Tensor logJoint;
    {
        torch::NoGradGuard noGrad;
        const int64_t batch = pixels.size(0);
        const PixelDistribution decoded = network.decode(z.reshape({samples * batch, network.latentDim()}));
        const torch::Tensor repeatedTargets = samples == 1 ? targets : targets.repeat({samples, 1});
        logJoint = logLikelihood(decoded, repeatedTargets, network.likelihood()).reshape({samples, batch}) +
            logPriorDensity(z);
    }
    return ((logJoint - logPosterior.detach()) * logPosterior).mean(0);
}

// One draw of the gradient of the batch's mean bound, flattened, float64.
torch::Tensor gradientDraw(VaeNetworkImpl& network, const std::vector<torch::Tensor>& parameters,
                           const torch::Tensor& pixels, const torch::Tensor& targets, GradientEstimator estimator,
                           int samples, torch::Generator& generator)
{
    torch::Tensor bound;
    if (estimator == GradientEstimator::ScoreFunction)
        bound = scoreFunctionSurrogate(network, pixels, targets, samples, generator);
    else
        bound = elboTerms(network, pixels, targets,
                          estimator == GradientEstimator::Analytic ? Estimator::Analytic : Estimator::MonteCarlo,
                          samples, generator)
                    .elbo();
    std::vector<torch::Tensor> gradients = torch::autograd::grad({bound.mean()}, parameters);
    for (torch::Tensor& gradient : gradients)
        gradient = gradient.flatten().to(torch::kDouble);
    return torch::cat(gradients);
}

void checkSettings(const ImageSet& images, int imageCount, int draws, const std::vector<int>& sampleCounts)
{
    checkImageCount(images, imageCount);
    if (draws < 2)
        throw InputError(
            QStringLiteral("gradient variance: %1 draws are too few (at least 2)").arg(draws).toStdString());
    for (int samples : sampleCounts)
        if (samples < 1 || samples > maximumSamples)
            throw InputError(QStringLiteral("gradient variance: L = %1 is out of range (1 to %2)")
                                 .arg(samples)
                                 .arg(maximumSamples)
                                 .toStdString());
}

} // namespace

const char* toString(GradientEstimator estimator)
{
    switch (estimator) {
    case GradientEstimator::MonteCarlo:
        return "mc";
    case GradientEstimator::ScoreFunction:
        return "score_function";
    case GradientEstimator::Analytic:
        break;
    }
    return "analytic";
}

std::vector<GradientVariance> encoderGradientVariance(const ModelSnapshot& model, const ImageSet& images,
                                                      int imageCount, int draws, const std::vector<int>& sampleCounts,
                                                      std::uint64_t seed, const EstimateControl& control)
{
    checkSettings(images, imageCount, draws, sampleCounts);
    torch::AutoGradMode gradientsOn(true);
    VaeNetworkImpl& network = forwardNetwork(model);
    const std::vector<torch::Tensor> parameters = encoderParameters(network);
    const BatchSource source = testSource(images, model.config());
    const torch::Tensor rows = torch::arange(int64_t(imageCount), torch::kLong);
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const torch::Tensor pixels = source.images(rows);
    const torch::Tensor targets = source.targets(rows, pixels, generator);

    std::vector<GradientVariance> results;
    const int total = int(std::size(allEstimators) * sampleCounts.size()) * draws;
    for (GradientEstimator estimator : allEstimators) {
        for (int samples : sampleCounts) {
            torch::Tensor sum;
            torch::Tensor sumOfSquares;
            for (int draw = 0; draw < draws; ++draw) {
                checkInterrupt(control);
                const torch::Tensor gradient =
                    gradientDraw(network, parameters, pixels, targets, estimator, samples, generator);
                sum = sum.defined() ? sum + gradient : gradient;
                sumOfSquares = sumOfSquares.defined() ? sumOfSquares + gradient.square() : gradient.square();
                if (control.progress)
                    control.progress(int(results.size()) * draws + draw + 1, total);
            }
            const torch::Tensor mean = sum / draws;
            const torch::Tensor variance = ((sumOfSquares - draws * mean.square()) / (draws - 1)).clamp_min(0.0);
            GradientVariance result;
            result.estimator = estimator;
            result.samples = samples;
            result.variance = variance.mean().item<double>();
            result.relativeVariance = result.variance / mean.square().mean().item<double>();
            results.push_back(result);
        }
    }
    return results;
}

} // namespace vae
