#pragma once

#include "core/engine/ComputeThreadTuner.h"
#include "core/engine/Trainer.h"
#include "core/engine/libtorch/BatchSource.h"
#include "core/engine/libtorch/GradientStep.h"
#include "core/engine/libtorch/VaeNetwork.h"

#include <torch/torch.h>

#include <chrono>
#include <optional>

namespace vae {

// Sums over the steps of the epoch in progress.
struct EpochAccumulator {
    double elbo = 0;
    double reconstruction = 0;
    double kl = 0;
    int steps = 0;
    std::int64_t images = 0;
    double trainSeconds = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// Everything one training run owns; the Trainer facade and its checkpoint code share it.
struct TrainerState {
    TrainerState(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset);

    TrainingConfig config;
    std::shared_ptr<const Dataset> dataset;
    BatchSource train;
    BatchSource test;
    VaeNetwork network{nullptr};
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::unique_ptr<GradientStep> gradientStep;
    torch::Generator generator;

    torch::Tensor permutation; // this epoch's order of the training images, int64 [N]
    int64_t position = 0;      // index in `permutation` of the next batch's first image
    int completedEpochs = 0;
    std::int64_t completedSteps = 0;
    bool epochEndPending = false;
    EpochAccumulator epoch;
    std::function<bool()> shouldInterrupt;
    MetricHistory history;
    std::optional<ComputeThreadTuner> threadTuner; // while the threads setting is auto (0)

    int stepsPerEpoch() const;
    // The threads setting, or while it is auto the tuner's count for the next step and the count
    // it has kept for an evaluation.
    int stepThreads() const;
    int evaluationThreads() const;
    double klWeight() const;
    // Validates, then takes the settings that may change during a run; a change to auto threads
    // starts tuning afresh.
    void replaceConfig(const TrainingConfig& changed);
};

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingConfig& config,
                                                       std::vector<torch::Tensor> parameters);

} // namespace vae
