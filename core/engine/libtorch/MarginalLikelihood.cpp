#include "core/engine/MarginalLikelihood.h"

#include "core/data/InputError.h"
#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/EstimateSupport.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"

#include <QString>

#include <cmath>

namespace vae {
namespace {

// A seed for image `index` alone (SplitMix64 of the pair), so its draws do not depend on which
// other images share its batch.
std::uint64_t imageSeed(std::uint64_t seed, int64_t index)
{
    std::uint64_t x = seed + 0x9e3779b97f4a7c15 * std::uint64_t(index + 1);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
    x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
    return x ^ (x >> 31);
}

// log sum_k exp(w_k) per image over passes of samples, in float64: the log weights of one image
// spread over hundreds of nats, and K reaches thousands.
class RunningLogSumExp {
public:
    explicit RunningLogSumExp(int64_t images)
        : maxima_(torch::full({images}, -INFINITY, torch::kDouble))
        , sums_(torch::zeros({images}, torch::kDouble))
    {
    }

    void add(const torch::Tensor& logWeights) // [images, samples]
    {
        const torch::Tensor weights = logWeights.to(torch::kDouble);
        const torch::Tensor maxima = torch::maximum(maxima_, std::get<0>(weights.max(1)));
        sums_ = sums_ * torch::exp(maxima_ - maxima) + torch::exp(weights - maxima.unsqueeze(1)).sum(1);
        maxima_ = maxima;
    }

    torch::Tensor value() const { return maxima_ + torch::log(sums_); }

private:
    torch::Tensor maxima_;
    torch::Tensor sums_;
};

} // namespace

LikelihoodEstimate importanceSampledLogLikelihood(const ModelSnapshot& model, const ImageSet& images, int samples,
                                                  int imageCount, std::uint64_t seed, const EstimateControl& control)
{
    return importanceSampledBounds(model, images, samples, imageCount, seed, control).logLikelihood;
}

ImportanceSampledBounds importanceSampledBounds(const ModelSnapshot& model, const ImageSet& images, int samples,
                                                int imageCount, std::uint64_t seed, const EstimateControl& control)
{
    if (samples < 1 || samples > maximumImportanceSamples)
        throw InputError(QStringLiteral("--iw-samples %1 is out of range (1 to %2)")
                             .arg(samples)
                             .arg(maximumImportanceSamples)
                             .toStdString());
    checkImageCount(images, imageCount);
    c10::InferenceMode inference;
    VaeNetworkImpl& network = forwardNetwork(model);
    const BatchSource source = testSource(images, model.config());
    const int64_t latentDim = network.latentDim();
    const int64_t rowsPerPass = decodedRowsPerPass(model.imageSize());
    const int64_t imagesPerPass = std::max<int64_t>(1, rowsPerPass / samples);
    const int64_t samplesPerPass = std::min<int64_t>(samples, rowsPerPass);
    torch::Generator unused = at::make_generator<at::CPUGeneratorImpl>(seed);

    std::vector<double> logLikelihoods;
    std::vector<double> elbos;
    logLikelihoods.reserve(std::size_t(imageCount));
    elbos.reserve(std::size_t(imageCount));
    for (int64_t first = 0; first < imageCount; first += imagesPerPass) {
        const int64_t end = std::min<int64_t>(first + imagesPerPass, imageCount);
        const int64_t count = end - first;
        const torch::Tensor rows = torch::arange(first, end, torch::kLong);
        const torch::Tensor pixels = source.images(rows);
        const torch::Tensor targets = source.targets(rows, pixels, unused);
        const Posterior posterior = network.encode(pixels);
        const torch::Tensor mean = posterior.mean.unsqueeze(1);
        const torch::Tensor standardDeviation = torch::exp(0.5 * posterior.logVariance).unsqueeze(1);
        // log q(z|x) = logNormaliser - |eps|^2 / 2 for z = mean + sigma eps.
        const torch::Tensor logNormaliser =
            (-0.5 * posterior.logVariance.sum(-1) - halfLog2Pi * double(latentDim)).unsqueeze(1);
        std::vector<torch::Generator> generators;
        for (int64_t image = first; image < end; ++image)
            generators.push_back(at::make_generator<at::CPUGeneratorImpl>(imageSeed(seed, image)));

        RunningLogSumExp logSum(count);
        torch::Tensor weightSums = torch::zeros({count}, torch::kDouble);
        for (int64_t drawn = 0; drawn < samples; drawn += samplesPerPass) {
            checkInterrupt(control);
            const int64_t passSamples = std::min<int64_t>(samplesPerPass, samples - drawn);
            const torch::Tensor eps = torch::empty({count, passSamples, latentDim});
            for (int64_t image = 0; image < count; ++image)
                eps.select(0, image).normal_(0.0, 1.0, generators[std::size_t(image)]);
            const torch::Tensor z = mean + standardDeviation * eps;
            const PixelDistribution decoded = network.decode(z.view({count * passSamples, latentDim}));
            const torch::Tensor logPosterior = logNormaliser - 0.5 * eps.square().sum(-1);
            const torch::Tensor logWeights =
                logLikelihoodPerSample(decoded, targets, network.likelihood()) + logPriorDensity(z) - logPosterior;
            logSum.add(logWeights);
            weightSums += logWeights.sum(1, false, torch::kDouble);
        }
        const torch::Tensor passLikelihoods = (logSum.value() - std::log(double(samples))).contiguous();
        const torch::Tensor passElbos = (weightSums / double(samples)).contiguous();
        logLikelihoods.insert(logLikelihoods.end(), passLikelihoods.data_ptr<double>(),
                              passLikelihoods.data_ptr<double>() + count);
        elbos.insert(elbos.end(), passElbos.data_ptr<double>(), passElbos.data_ptr<double>() + count);
        if (control.progress)
            control.progress(int(end), imageCount);
    }
    std::vector<double> gaps(logLikelihoods.size());
    for (std::size_t image = 0; image < gaps.size(); ++image)
        gaps[image] = logLikelihoods[image] - elbos[image];
    return {summariseImages(std::move(logLikelihoods)), summariseImages(std::move(elbos)),
            summariseImages(std::move(gaps))};
}

} // namespace vae
