#include "tests/core/engine/estimate_fixture.h"

#include "core/engine/Trainer.h"
#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"
#include "tests/support/shapes_fixture.h"

#include <map>
#include <random>

namespace vae::testing {

std::shared_ptr<const ModelSnapshot> trainedTwoDimensionalModel()
{
    static const std::shared_ptr<const ModelSnapshot> model = [] {
        Trainer trainer(smallConfig(), shapesDataset());
        for (int step = 0; step < 40; ++step)
            trainer.trainStep();
        return trainer.snapshot();
    }();
    return model;
}

torch::Tensor preciseElbos(const ModelSnapshot& model, int count, int samples)
{
    c10::InferenceMode inference;
    const BatchSource source = testSource(shapesDataset()->test, model.config());
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(99);
    const torch::Tensor rows = torch::arange(int64_t(count), torch::kLong);
    const torch::Tensor images = source.images(rows);
    const torch::Tensor targets = source.targets(rows, images, generator);
    return elboTerms(forwardNetwork(model), images, targets, Estimator::Analytic, samples, generator)
        .elbo()
        .to(torch::kDouble);
}

namespace {

torch::Tensor loadings() // A
{
    return 0.3 * torch::tensor({{1.0, 0.0}, {0.0, 2.0}, {1.0, 0.0}, {0.0, 0.0}}, torch::kDouble);
}

torch::Tensor offset() // c
{
    return torch::full({4}, 0.5, torch::kDouble);
}

constexpr double noiseVariance = 0.05;
constexpr double hiddenShift = 50;

torch::Tensor exactPosteriorVariance()
{
    return 1.0 / (1.0 + loadings().square().sum(0) / noiseVariance);
}

torch::Tensor pixelsOf(const ImageSet& images, int index)
{
    std::vector<double> pixels;
    for (int i = 0; i < 4; ++i)
        pixels.push_back(images.image(index)[i] / 255.0);
    return torch::tensor(pixels, torch::kDouble);
}

std::shared_ptr<const ModelSnapshot> linearGaussianSnapshot(double varianceScale)
{
    TrainingConfig config;
    config.latentDim = 2;
    config.hiddenLayers = {4};
    config.likelihood = Likelihood::Gaussian;
    VaeNetwork network(config, 1, 2, 2);
    const torch::Tensor variance = exactPosteriorVariance();
    // Posterior mean S A^T (x - c) / s^2, given h = x.
    const torch::Tensor meanWeights = (variance.unsqueeze(1) * loadings().t()) / noiseVariance;
    const torch::Tensor decoderWeights = torch::tensor({{1.0, 0.0}, {0.0, 1.0}, {0.0, 0.0}, {0.0, 0.0}});
    const torch::Tensor decoderBias = torch::tensor({hiddenShift, hiddenShift, 0.0, 0.0});
    const std::map<std::string, torch::Tensor> values{
        {"encoder.0.weight", torch::eye(4)},
        {"encoder.0.bias", torch::zeros({4})},
        {"posterior_mean.weight", meanWeights},
        {"posterior_mean.bias", -torch::mv(meanWeights, offset())},
        {"posterior_log_variance.weight", torch::zeros({2, 4})},
        {"posterior_log_variance.bias", torch::log(varianceScale * variance)},
        {"decoder.0.weight", decoderWeights},
        {"decoder.0.bias", decoderBias},
        {"output_mean.weight", torch::cat({loadings(), torch::zeros({4, 2}, torch::kDouble)}, 1)},
        {"output_mean.bias", offset() - hiddenShift * loadings().sum(1)},
        {"output_log_variance.weight", torch::zeros({4, 4})},
        {"output_log_variance.bias", torch::full({4}, std::log(noiseVariance))},
    };
    torch::NoGradGuard noGrad;
    for (auto& parameter : network->named_parameters())
        parameter.value().copy_(values.at(parameter.key()));
    return std::make_shared<const ModelSnapshot>(copyNetwork(network, config, 1, 2, 2, 0));
}

} // namespace

double LinearGaussianModel::logLikelihood(int index) const
{
    const torch::Tensor covariance =
        torch::mm(loadings(), loadings().t()) + noiseVariance * torch::eye(4, torch::kDouble);
    const torch::Tensor deviation = pixelsOf(images, index) - offset();
    const double quadratic = torch::dot(deviation, torch::mv(torch::inverse(covariance), deviation)).item<double>();
    return -0.5 * (quadratic + torch::logdet(covariance).item<double>() + 4 * std::log(2 * M_PI));
}

std::array<double, 2> LinearGaussianModel::posteriorMean(int index) const
{
    const torch::Tensor mean =
        exactPosteriorVariance() * torch::mv(loadings().t(), pixelsOf(images, index) - offset()) / noiseVariance;
    return {mean[0].item<double>(), mean[1].item<double>()};
}

std::array<double, 2> LinearGaussianModel::posteriorVariance() const
{
    const torch::Tensor variance = exactPosteriorVariance();
    return {variance[0].item<double>(), variance[1].item<double>()};
}

const LinearGaussianModel& linearGaussianModel(double varianceScale)
{
    static std::map<double, LinearGaussianModel> models;
    auto found = models.find(varianceScale);
    if (found == models.end())
        found = models
                    .emplace(varianceScale,
                             LinearGaussianModel{linearGaussianSnapshot(varianceScale), randomTinyImages(2000, 5)})
                    .first;
    return found->second;
}

ImageSet randomTinyImages(int count, std::uint32_t seed)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    ImageSet images;
    images.height = 2;
    images.width = 2;
    images.pixels.resize(std::size_t(count) * 4);
    for (auto& pixel : images.pixels)
        pixel = std::uint8_t(byte(random));
    return images;
}

} // namespace vae::testing
