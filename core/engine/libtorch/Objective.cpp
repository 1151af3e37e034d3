#include "core/engine/libtorch/Objective.h"

namespace vae {

torch::Tensor logLikelihood(const PixelDistribution& decoded, const torch::Tensor& target, Likelihood likelihood)
{
    if (likelihood == Likelihood::Bernoulli)
        return -torch::binary_cross_entropy_with_logits(decoded.mean, target, {}, {}, at::Reduction::None).sum(-1);
    const torch::Tensor squaredError = (target - decoded.mean).square();
    return -0.5 * (decoded.logVariance + squaredError * torch::exp(-decoded.logVariance)).sum(-1) -
        halfLog2Pi * target.size(-1);
}

torch::Tensor logLikelihoodPerSample(const PixelDistribution& decoded, const torch::Tensor& targets,
                                     Likelihood likelihood)
{
    const int64_t images = targets.size(0);
    const int64_t pixels = targets.size(1);
    const torch::Tensor mean = decoded.mean.view({images, -1, pixels});
    if (likelihood == Likelihood::Gaussian)
        return logLikelihood({mean, decoded.logVariance.view({images, -1, pixels})}, targets.unsqueeze(1), likelihood);
    // t l - softplus(l) summed over pixels; the first sum is a product with each image's targets.
    const torch::Tensor targetTerms = at::bmm(mean, targets.unsqueeze(2)).squeeze(2);
    return targetTerms - at::softplus(mean).sum(-1);
}

torch::Tensor analyticKl(const Posterior& posterior)
{
    return -0.5 * (1 + posterior.logVariance - posterior.mean.square() - posterior.logVariance.exp()).sum(-1);
}

torch::Tensor logPosteriorDensity(const torch::Tensor& z, const Posterior& posterior)
{
    const torch::Tensor standardised = (z - posterior.mean) * torch::exp(-0.5 * posterior.logVariance);
    return -0.5 * (standardised.square() + posterior.logVariance).sum(-1) - halfLog2Pi * z.size(-1);
}

torch::Tensor logPriorDensity(const torch::Tensor& z)
{
    return -0.5 * z.square().sum(-1) - halfLog2Pi * z.size(-1);
}

torch::Tensor reparameterise(const Posterior& posterior, int samples, torch::Generator& generator)
{
    std::vector<int64_t> shape{samples};
    for (int64_t size : posterior.mean.sizes())
        shape.push_back(size);
    const torch::Tensor eps = at::randn(shape, generator, posterior.mean.options());
    return posterior.mean + torch::exp(0.5 * posterior.logVariance) * eps;
}

ElboTerms elboTerms(VaeNetworkImpl& network, const torch::Tensor& images, const torch::Tensor& targets,
                    Estimator estimator, int samples, torch::Generator& generator)
{
    const Posterior posterior = network.encode(images);
    const torch::Tensor z = reparameterise(posterior, samples, generator); // [L, B, d_z]
    const int64_t batch = images.size(0);
    const PixelDistribution decoded = network.decode(z.reshape({samples * batch, network.latentDim()}));
    const torch::Tensor repeatedTargets = samples == 1 ? targets : targets.repeat({samples, 1});
    const torch::Tensor reconstruction =
        logLikelihood(decoded, repeatedTargets, network.likelihood()).reshape({samples, batch}).mean(0);
    if (estimator == Estimator::Analytic)
        return {reconstruction, analyticKl(posterior)};
    const torch::Tensor kl = (logPosteriorDensity(z, posterior) - logPriorDensity(z)).mean(0);
    return {reconstruction, kl};
}

ElboTerms priorSampledTerms(VaeNetworkImpl& network, const torch::Tensor& targets, int samples,
                            torch::Generator& generator)
{
    const int64_t batch = targets.size(0);
    const torch::Tensor z = at::randn({samples * batch, network.latentDim()}, generator, targets.options());
    const torch::Tensor repeatedTargets = samples == 1 ? targets : targets.repeat({samples, 1});
    const torch::Tensor logLikelihoods =
        logLikelihood(network.decode(z), repeatedTargets, network.likelihood()).reshape({samples, batch});
    const torch::Tensor bound = torch::logsumexp(logLikelihoods, 0) - std::log(double(samples));
    return {bound, torch::zeros_like(bound)};
}

ElboTerms objectiveTerms(VaeNetworkImpl& network, const torch::Tensor& images, const torch::Tensor& targets,
                         const TrainingConfig& config, torch::Generator& generator)
{
    if (config.objective == TrainingObjective::Prior)
        return priorSampledTerms(network, targets, config.samples, generator);
    return elboTerms(network, images, targets, config.estimator, config.samples, generator);
}

} // namespace vae
