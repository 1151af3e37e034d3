#include "core/engine/libtorch/FusedAdam.h"

#include "core/engine/libtorch/ParallelFor.h"

#include <cmath>

namespace vae {
namespace {

constexpr int64_t elementsPerTask = 32768;

struct AdamCoefficients {
    float beta1;
    float beta2;
    float eps;
    float weightDecay;
    float stepSize;                   // lr / (1 - beta1^t)
    float inverseBiasCorrection2Sqrt; // 1 / sqrt(1 - beta2^t)
};

void updateParameter(float* parameter, const float* gradient, float* average, float* squaredAverage, int64_t count,
                     const AdamCoefficients& c)
{
    parallelFor(0, count, elementsPerTask, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const float g = gradient[i] + c.weightDecay * parameter[i];
            const float m = c.beta1 * average[i] + (1.0f - c.beta1) * g;
            const float v = c.beta2 * squaredAverage[i] + (1.0f - c.beta2) * g * g;
            average[i] = m;
            squaredAverage[i] = v;
            parameter[i] -= c.stepSize * m / (std::sqrt(v) * c.inverseBiasCorrection2Sqrt + c.eps);
        }
    });
}

} // namespace

torch::Tensor FusedAdam::step(LossClosure closure)
{
    torch::NoGradGuard noGrad;
    torch::Tensor loss;
    if (closure) {
        torch::AutoGradMode enableGrad(true);
        loss = closure();
    }
    for (auto& group : param_groups_) {
        const auto& options = static_cast<const torch::optim::AdamOptions&>(group.options());
        TORCH_CHECK(!options.amsgrad(), "FusedAdam does not implement amsgrad");
        for (auto& parameter : group.params()) {
            if (!parameter.grad().defined())
                continue;
            TORCH_CHECK(parameter.scalar_type() == torch::kFloat && parameter.is_contiguous() &&
                            parameter.grad().is_contiguous(),
                        "FusedAdam needs contiguous float32 parameters");
            const std::string key = c10::guts::to_string(parameter.unsafeGetTensorImpl());
            auto found = state_.find(key);
            if (found == state_.end()) {
                auto fresh = std::make_unique<torch::optim::AdamParamState>();
                fresh->exp_avg(torch::zeros_like(parameter, torch::MemoryFormat::Contiguous));
                fresh->exp_avg_sq(torch::zeros_like(parameter, torch::MemoryFormat::Contiguous));
                found = state_.emplace(key, std::move(fresh)).first;
            }
            auto& state = static_cast<torch::optim::AdamParamState&>(*found->second);
            state.step(state.step() + 1);
            const double beta1 = std::get<0>(options.betas());
            const double beta2 = std::get<1>(options.betas());
            const AdamCoefficients coefficients{
                float(beta1),
                float(beta2),
                float(options.eps()),
                float(options.weight_decay()),
                float(options.lr() / (1.0 - std::pow(beta1, double(state.step())))),
                float(1.0 / std::sqrt(1.0 - std::pow(beta2, double(state.step())))),
            };
            updateParameter(parameter.data_ptr<float>(), parameter.grad().data_ptr<float>(),
                            state.exp_avg().data_ptr<float>(), state.exp_avg_sq().data_ptr<float>(), parameter.numel(),
                            coefficients);
        }
    }
    return loss;
}

} // namespace vae
