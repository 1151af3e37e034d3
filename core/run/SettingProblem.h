#pragma once

#include "core/data/InputError.h"

#include <QString>

namespace vae {

// The settings of a training run (TrainingConfig), so that a problem with one can say which and
// each front end can point at its own control for it: a command-line option, a field in the window.
enum class Setting {
    Architecture,
    LatentDim,
    HiddenLayers,
    Activation,
    Likelihood,
    Binarization,
    Estimator,
    Samples,
    Objective,
    Optimizer,
    LearningRate,
    WeightDecay,
    Momentum,
    Beta,
    WarmupEpochs,
    BatchSize,
    Epochs,
    Seed,
    Threads,
};

// The setting's name as a person says it, in lower case: "learning rate", "batch size".
QString settingName(Setting setting);

// A value that does not make sense for one setting. `detail` is what follows the setting's name,
// whatever name a front end gives it: "50 is out of range: greater than 0, at most 10".
struct SettingProblem {
    Setting setting;
    QString detail;

    // The problem in core's words: "learning rate 50 is out of range: greater than 0, at most 10".
    QString message() const;
};

// Thrown for a bad setting. what() is the problem's message, which names no front end's control,
// so a front end that knows its own (a command-line option) catches this and says which.
class SettingError : public InputError {
public:
    explicit SettingError(SettingProblem problem);

    const SettingProblem& problem() const { return problem_; }

private:
    SettingProblem problem_;
};

} // namespace vae
