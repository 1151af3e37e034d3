#pragma once

#include "core/run/TrainingConfig.h"

namespace vae {

// The settings a run accepts while it trains, applied between two steps. They travel together,
// from the training panel or the command line's --resume to the Trainer, in one call each way.
struct LiveSettings {
    double learningRate = 1e-3;
    double beta = 1.0;
    int epochs = 10;
    int threads = 0; // 0: auto (ComputeThreadTuner)

    static LiveSettings of(const TrainingConfig& config)
    {
        return {config.learningRate, config.beta, config.epochs, config.threads};
    }

    // `config` with these four settings in place of its own.
    TrainingConfig appliedTo(TrainingConfig config) const
    {
        config.learningRate = learningRate;
        config.beta = beta;
        config.epochs = epochs;
        config.threads = threads;
        return config;
    }

    bool operator==(const LiveSettings& other) const
    {
        return learningRate == other.learningRate && beta == other.beta && epochs == other.epochs &&
            threads == other.threads;
    }
    bool operator!=(const LiveSettings& other) const { return !(*this == other); }
};

} // namespace vae
