#pragma once

#include "core/data/Dataset.h"
#include "core/engine/LikelihoodEstimate.h"
#include "core/engine/libtorch/VaeNetwork.h"

#include <torch/torch.h>

#include <QString>

#include <cstdint>
#include <functional>

namespace vae {

// What the estimators of log p(x) share.

// How many latent points to decode in one pass: enough rows for the decoder's matrix products to
// run at the BLAS's full rate (4096 for 28x28 images), fewer for larger images, so that a pass's
// [rows, D] outputs stay in the last-level cache and memory stays bounded.
std::int64_t decodedRowsPerPass(int imageSize);

// log p(x|z) of one image's targets [1, D] at many latent points [N, d_z], decoded in passes of
// decodedRowsPerPass rows: [N], float64.
torch::Tensor logLikelihoodsAt(VaeNetworkImpl& network, const torch::Tensor& target, const torch::Tensor& points);

// A midpoint rule refined until it settles: `evaluate(n)` integrates on n x n points for n = 32,
// 64, ... 1024, and the first n whose result agrees with the previous one's within `tolerance`
// nats is the answer. Throws std::runtime_error("<what> did not converge to <tolerance> nats at
// 1024 x 1024 points") when none does.
struct RefinedIntegral {
    double value = 0;
    int resolution = 0;
};
RefinedIntegral refineUntilAgreeing(double tolerance, const std::function<double(int resolution)>& evaluate,
                                    const QString& what);

// Throws InputError unless 1 <= imageCount <= the images there are.
void checkImageCount(const ImageSet& images, int imageCount);

// Throws EvaluationInterrupted when the control says stop.
void checkInterrupt(const EstimateControl& control);

} // namespace vae
