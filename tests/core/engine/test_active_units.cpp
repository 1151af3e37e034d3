#include "core/decode/LatentCodes.h"
#include "core/engine/libtorch/SnapshotNetwork.h"
#include "tests/core/engine/estimate_fixture.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

// An encoder on 2x2 images whose posterior means are chosen by hand: the hidden layer copies the
// pixels, and posterior mean u is weights[u] times the first pixel plus 0.5.
std::shared_ptr<const ModelSnapshot> constructedEncoder(const std::vector<float>& weights)
{
    TrainingConfig config;
    config.latentDim = int(weights.size());
    config.hiddenLayers = {4};
    VaeNetwork network(config, 1, 2, 2);
    torch::NoGradGuard noGrad;
    for (auto& parameter : network->named_parameters()) {
        const std::string& name = parameter.key();
        torch::Tensor value = parameter.value();
        if (name == "encoder.0.weight")
            value.copy_(torch::eye(4));
        else if (name == "posterior_mean.weight") {
            value.zero_();
            value.select(1, 0).copy_(torch::tensor(weights));
        } else if (name == "posterior_mean.bias")
            value.fill_(0.5);
        else if (name.rfind("encoder.", 0) == 0)
            value.zero_();
    }
    return std::make_shared<const ModelSnapshot>(copyNetwork(network, config, 1, 2, 2, 0));
}

TEST(ActiveUnits, CountTheDimensionsWhosePosteriorMeanVariesByMoreThanAHundredth)
{
    const ImageSet images = testing::randomTinyImages(2000, 3);
    double squares = 0;
    double sum = 0;
    for (int i = 0; i < images.count(); ++i) {
        const double pixel = images.image(i)[0] / 255.0;
        sum += pixel;
        squares += pixel * pixel;
    }
    const double pixelVariance = (squares - sum * sum / images.count()) / (images.count() - 1);
    // Scales whose mean's variance, scale^2 times the pixel's, lands either side of 0.01.
    const float active = float(std::sqrt(0.02 / pixelVariance));
    const float inactive = float(std::sqrt(0.005 / pixelVariance));
    const LatentCodes codes = encodeImageSet(*constructedEncoder({active, 0.0f, inactive, 3.0f}), images);
    const std::vector<double> variances = posteriorMeanVariances(codes);
    EXPECT_NEAR(variances[0], 0.02, 1e-5);
    EXPECT_EQ(variances[1], 0.0);
    EXPECT_NEAR(variances[2], 0.005, 1e-5);
    EXPECT_EQ(activeUnits(codes), 2);
    EXPECT_EQ(activeUnits(codes, 0.001), 3);
}

} // namespace
} // namespace vae
