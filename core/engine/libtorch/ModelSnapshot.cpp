#include "core/engine/ModelSnapshot.h"

#include "core/engine/libtorch/SnapshotNetwork.h"

namespace vae {

std::unique_ptr<SnapshotNetwork> copyNetwork(const VaeNetwork& network, const TrainingConfig& config, int channels,
                                             int height, int width, std::int64_t step)
{
    torch::NoGradGuard noGrad;
    VaeNetwork copy(config, channels, height, width);
    const auto source = network->named_parameters();
    for (auto& parameter : copy->named_parameters())
        parameter.value().copy_(source[parameter.key()]);
    copy->eval();
    return std::make_unique<SnapshotNetwork>(SnapshotNetwork{copy, config, channels, height, width, step});
}

ModelSnapshot::ModelSnapshot(std::unique_ptr<SnapshotNetwork> network)
    : network_(std::move(network))
{
}
ModelSnapshot::~ModelSnapshot() = default;

int ModelSnapshot::latentDim() const
{
    return network_->network->latentDim();
}
int ModelSnapshot::channels() const
{
    return network_->channels;
}
int ModelSnapshot::height() const
{
    return network_->height;
}
int ModelSnapshot::width() const
{
    return network_->width;
}
const TrainingConfig& ModelSnapshot::config() const
{
    return network_->config;
}
Likelihood ModelSnapshot::likelihood() const
{
    return network_->network->likelihood();
}
std::int64_t ModelSnapshot::step() const
{
    return network_->step;
}

void ModelSnapshot::encode(const std::uint8_t* images, int count, std::vector<float>& means,
                           std::vector<float>& logVariances) const
{
    c10::InferenceMode inference;
    const torch::Tensor pixels =
        torch::from_blob(const_cast<std::uint8_t*>(images), {count, imageSize()}, torch::kUInt8);
    const Posterior posterior = network_->network->encode(pixels.to(torch::kFloat).div_(255));
    const torch::Tensor mean = posterior.mean.contiguous();
    const torch::Tensor logVariance = posterior.logVariance.contiguous();
    means.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    logVariances.assign(logVariance.data_ptr<float>(), logVariance.data_ptr<float>() + logVariance.numel());
}

std::vector<std::uint8_t> ModelSnapshot::decode(const float* latents, int count, bool sample, std::uint64_t seed) const
{
    c10::InferenceMode inference;
    const torch::Tensor z = torch::from_blob(const_cast<float*>(latents), {count, latentDim()}, torch::kFloat);
    const PixelDistribution decoded = network_->network->decode(z);
    torch::Tensor images;
    if (likelihood() == Likelihood::Bernoulli) {
        images = decoded.mean.sigmoid_(); // in place: a live grid is 400 images, decoded several times a second
        if (sample) {
            torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
            images = at::bernoulli(images, generator);
        }
    } else {
        images = decoded.mean;
        if (sample) {
            torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
            images =
                images + torch::exp(0.5 * decoded.logVariance) * at::randn(images.sizes(), generator, images.options());
        }
    }
    // x + 0.5 truncated rounds these non-negative values to the nearest byte.
    const torch::Tensor pixels = images.clamp_(0.0, 1.0).mul_(255.0).add_(0.5).to(torch::kUInt8).contiguous();
    return std::vector<std::uint8_t>(pixels.data_ptr<std::uint8_t>(), pixels.data_ptr<std::uint8_t>() + pixels.numel());
}

} // namespace vae
