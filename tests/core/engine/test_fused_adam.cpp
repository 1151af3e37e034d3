#include "core/engine/libtorch/FusedAdam.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

TEST(FusedAdam, FollowsTorchAdamStepForStep)
{
    torch::manual_seed(3);
    const torch::Tensor start = torch::randn({300, 70});
    torch::Tensor reference = start.clone().requires_grad_(true);
    torch::Tensor fused = start.clone().requires_grad_(true);
    const auto options = torch::optim::AdamOptions(1e-2).weight_decay(0.01);
    torch::optim::Adam referenceOptimizer({reference}, options);
    FusedAdam fusedOptimizer({fused}, options);
    for (int step = 0; step < 20; ++step) {
        const torch::Tensor target = torch::randn({300, 70});
        for (auto [parameter, optimizer] :
             {std::pair<torch::Tensor*, torch::optim::Optimizer*>{&reference, &referenceOptimizer},
              {&fused, &fusedOptimizer}}) {
            optimizer->zero_grad();
            (*parameter - target).pow(3).abs().sum().backward();
            optimizer->step();
        }
    }
    EXPECT_TRUE(torch::allclose(fused, reference, 1e-5, 1e-6)) << (fused - reference).abs().max().item<float>();
    EXPECT_GT((fused - start).abs().max().item<float>(), 0.05f);
}

} // namespace
} // namespace vae
