#pragma once

#include "core/data/Dataset.h"
#include "core/engine/ModelSnapshot.h"

#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <memory>

namespace vae::testing {

// A d_z = 2 model trained a few dozen steps on the shapes (the same one for every test in the
// program): its posteriors have moved away from the prior, so log p(x) and the ELBO differ.
std::shared_ptr<const ModelSnapshot> trainedTwoDimensionalModel();

// Each of the first `count` test images' ELBO with the analytic KL and `samples` draws of z, so
// many that it is all but exact: [count], float64.
torch::Tensor preciseElbos(const ModelSnapshot& model, int count, int samples = 2000);

// A linear Gaussian model in the VAE's form, on 2x2 images, where everything is known in closed
// form: z ~ N(0, I), x|z ~ N(A z + c, s^2 I), A's columns orthogonal so that p(z|x) is a Gaussian
// of diagonal covariance. The ReLU layers work in their linear range (the decoder's hidden units
// sit 50 above zero, the encoder's see grey values >= 0). The encoder gives the exact posterior
// mean and `varianceScale` times the exact posterior variances.
struct LinearGaussianModel {
    std::shared_ptr<const ModelSnapshot> model;
    ImageSet images;
    double logLikelihood(int index) const; // log N(x; c, A A^T + s^2 I)
    std::array<double, 2> posteriorMean(int index) const;
    std::array<double, 2> posteriorVariance() const;
};
const LinearGaussianModel& linearGaussianModel(double varianceScale = 2.0);

// `count` 2x2 images of uniformly random grey values, the same for a seed.
ImageSet randomTinyImages(int count, std::uint32_t seed);

} // namespace vae::testing
