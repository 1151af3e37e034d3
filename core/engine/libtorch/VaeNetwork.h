#pragma once

#include "core/run/TrainingConfig.h"

#include <torch/torch.h>

namespace vae {

// q(z|x) = N(mean, diag exp(logVariance)), each [B, d_z].
struct Posterior {
    torch::Tensor mean;
    torch::Tensor logVariance;
};

// p(x|z): for a Bernoulli decoder `mean` holds the logits (sigmoid gives the pixel probabilities)
// and logVariance is undefined; for a Gaussian decoder, the mean and log variance per pixel. [B, D].
struct PixelDistribution {
    torch::Tensor mean;
    torch::Tensor logVariance;
};

// The dense layers of an MLP network in the order data flows through them, for code that runs
// the forward and backward passes by hand (FusedMlpStep).
struct MlpLayers {
    std::vector<torch::nn::Linear> encoder; // each followed by the activation
    torch::nn::Linear posteriorMean{nullptr};
    torch::nn::Linear posteriorLogVariance{nullptr};
    std::vector<torch::nn::Linear> decoder; // each followed by the activation
    torch::nn::Linear output{nullptr};
    Activation activation = Activation::Relu;
};

// Encoder and decoder networks: the paper's MLP (hidden layers of the chosen activation) or a
// convolutional pair (stride-2 convolutions until the feature map is about 4x4 to 7x7, as
// convLayoutFor says, one dense layer, and the mirror image with transposed convolutions). Inputs and outputs are flat
// images [B, C*H*W] in channel-major order.
class VaeNetworkImpl : public torch::nn::Module {
public:
    VaeNetworkImpl(const TrainingConfig& config, int channels, int height, int width);

    Posterior encode(const torch::Tensor& images);
    PixelDistribution decode(const torch::Tensor& latents);

    // Only for Architecture::Mlp.
    MlpLayers mlpLayers() const;

    Likelihood likelihood() const { return likelihood_; }
    int latentDim() const { return latentDim_; }
    int imageSize() const { return imageSize_; }

private:
    torch::nn::Sequential encoderBody_{nullptr};
    torch::nn::Linear posteriorMean_{nullptr};
    torch::nn::Linear posteriorLogVariance_{nullptr};
    torch::nn::Sequential decoderBody_{nullptr};
    torch::nn::AnyModule outputMean_;
    torch::nn::AnyModule outputLogVariance_; // Gaussian decoder only
    Likelihood likelihood_;
    Activation activation_;
    int latentDim_;
    int imageSize_;
};
TORCH_MODULE(VaeNetwork);

} // namespace vae
