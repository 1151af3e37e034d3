#include "core/engine/libtorch/VaeNetwork.h"

#include "core/run/ConvLayout.h"

namespace vae {
namespace {

torch::nn::AnyModule activationModule(Activation activation)
{
    if (activation == Activation::Tanh)
        return torch::nn::AnyModule(torch::nn::Tanh());
    return torch::nn::AnyModule(torch::nn::ReLU());
}

// Dense layers of the given widths, each followed by the activation. Returns the last width.
int appendDenseStack(torch::nn::Sequential& stack, int inputWidth, const std::vector<int>& widths,
                     Activation activation)
{
    for (int width : widths) {
        stack->push_back(torch::nn::Linear(inputWidth, width));
        stack->push_back(activationModule(activation));
        inputWidth = width;
    }
    return inputWidth;
}

torch::nn::ConvTranspose2d upsample(int inChannels, int outChannels)
{
    return torch::nn::ConvTranspose2d(
        torch::nn::ConvTranspose2dOptions(inChannels, outChannels, 4).stride(2).padding(1));
}

// Applies a transposed-convolution head to the first stage's features [B, c1, H/2, W/2] and flattens
// to [B, C*H*W].
struct FlatConvHeadImpl : torch::nn::Module {
    FlatConvHeadImpl(int inChannels, int outChannels)
        : conv(register_module("conv", upsample(inChannels, outChannels)))
    {
    }
    torch::Tensor forward(const torch::Tensor& features) { return conv->forward(features).flatten(1); }
    torch::nn::ConvTranspose2d conv;
};
TORCH_MODULE(FlatConvHead);

} // namespace

VaeNetworkImpl::VaeNetworkImpl(const TrainingConfig& config, int channels, int height, int width)
    : likelihood_(config.likelihood)
    , activation_(config.activation)
    , latentDim_(config.latentDim)
    , imageSize_(channels * height * width)
{
    const bool gaussian = config.likelihood == Likelihood::Gaussian;
    encoderBody_ = torch::nn::Sequential();
    decoderBody_ = torch::nn::Sequential();
    int encodedWidth = 0;
    int decodedWidth = 0;
    if (config.architecture == Architecture::Mlp) {
        encodedWidth = appendDenseStack(encoderBody_, imageSize_, config.hiddenLayers, config.activation);
        std::vector<int> decoderWidths(config.hiddenLayers.rbegin(), config.hiddenLayers.rend());
        decodedWidth = appendDenseStack(decoderBody_, latentDim_, decoderWidths, config.activation);
        outputMean_ = torch::nn::AnyModule(torch::nn::Linear(decodedWidth, imageSize_));
        if (gaussian)
            outputLogVariance_ = torch::nn::AnyModule(torch::nn::Linear(decodedWidth, imageSize_));
    } else {
        const ConvLayout layout = convLayoutFor(height, width);
        const int denseWidth = config.hiddenLayers.front();
        encoderBody_->push_back(torch::nn::Unflatten(torch::nn::UnflattenOptions(1, {channels, height, width})));
        int inChannels = channels;
        for (const int stageChannels : layout.channels) {
            encoderBody_->push_back(
                torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, stageChannels, 4).stride(2).padding(1)));
            encoderBody_->push_back(activationModule(config.activation));
            inChannels = stageChannels;
        }
        encoderBody_->push_back(torch::nn::Flatten());
        encodedWidth = appendDenseStack(encoderBody_, layout.featureSize(), {denseWidth}, config.activation);

        appendDenseStack(decoderBody_, latentDim_, {denseWidth, layout.featureSize()}, config.activation);
        decoderBody_->push_back(torch::nn::Unflatten(
            torch::nn::UnflattenOptions(1, {layout.channels.back(), layout.featureHeight, layout.featureWidth})));
        for (std::size_t stage = layout.channels.size() - 1; stage > 0; --stage) {
            decoderBody_->push_back(upsample(layout.channels[stage], layout.channels[stage - 1]));
            decoderBody_->push_back(activationModule(config.activation));
        }
        outputMean_ = torch::nn::AnyModule(FlatConvHead(layout.channels.front(), channels));
        if (gaussian)
            outputLogVariance_ = torch::nn::AnyModule(FlatConvHead(layout.channels.front(), channels));
    }
    register_module("encoder", encoderBody_);
    posteriorMean_ = register_module("posterior_mean", torch::nn::Linear(encodedWidth, latentDim_));
    posteriorLogVariance_ = register_module("posterior_log_variance", torch::nn::Linear(encodedWidth, latentDim_));
    register_module("decoder", decoderBody_);
    register_module("output_mean", outputMean_.ptr());
    if (gaussian)
        register_module("output_log_variance", outputLogVariance_.ptr());
}

namespace {

std::vector<torch::nn::Linear> linearLayersOf(const torch::nn::Sequential& stack)
{
    std::vector<torch::nn::Linear> layers;
    for (const auto& child : stack->children())
        if (auto linear = std::dynamic_pointer_cast<torch::nn::LinearImpl>(child))
            layers.emplace_back(linear);
    return layers;
}

} // namespace

MlpLayers VaeNetworkImpl::mlpLayers() const
{
    MlpLayers layers;
    layers.encoder = linearLayersOf(encoderBody_);
    layers.posteriorMean = posteriorMean_;
    layers.posteriorLogVariance = posteriorLogVariance_;
    layers.decoder = linearLayersOf(decoderBody_);
    auto output = std::dynamic_pointer_cast<torch::nn::LinearImpl>(outputMean_.ptr());
    TORCH_CHECK(output, "mlpLayers() needs an MLP network");
    layers.output = torch::nn::Linear(output);
    layers.activation = activation_;
    return layers;
}

Posterior VaeNetworkImpl::encode(const torch::Tensor& images)
{
    const torch::Tensor features = encoderBody_->forward(images);
    return {posteriorMean_->forward(features), posteriorLogVariance_->forward(features)};
}

PixelDistribution VaeNetworkImpl::decode(const torch::Tensor& latents)
{
    const torch::Tensor features = decoderBody_->forward(latents);
    PixelDistribution output{outputMean_.forward(features), {}};
    if (likelihood_ == Likelihood::Gaussian)
        output.logVariance = outputLogVariance_.forward(features);
    return output;
}

} // namespace vae
