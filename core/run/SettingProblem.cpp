#include "core/run/SettingProblem.h"

#include <utility>

namespace vae {

QString settingName(Setting setting)
{
    switch (setting) {
    case Setting::Architecture:
        return QStringLiteral("architecture");
    case Setting::LatentDim:
        return QStringLiteral("latent size");
    case Setting::HiddenLayers:
        return QStringLiteral("hidden layers");
    case Setting::Activation:
        return QStringLiteral("activation");
    case Setting::Likelihood:
        return QStringLiteral("likelihood");
    case Setting::Binarization:
        return QStringLiteral("binarisation");
    case Setting::Estimator:
        return QStringLiteral("estimator");
    case Setting::Samples:
        return QStringLiteral("samples");
    case Setting::Objective:
        return QStringLiteral("objective");
    case Setting::Optimizer:
        return QStringLiteral("optimiser");
    case Setting::LearningRate:
        return QStringLiteral("learning rate");
    case Setting::WeightDecay:
        return QStringLiteral("weight decay");
    case Setting::Momentum:
        return QStringLiteral("momentum");
    case Setting::Beta:
        return QStringLiteral("beta");
    case Setting::WarmupEpochs:
        return QStringLiteral("KL warm-up");
    case Setting::BatchSize:
        return QStringLiteral("batch size");
    case Setting::Epochs:
        return QStringLiteral("epochs");
    case Setting::Seed:
        return QStringLiteral("seed");
    case Setting::Threads:
        return QStringLiteral("threads");
    }
    return QStringLiteral("setting");
}

QString SettingProblem::message() const
{
    return settingName(setting) + QLatin1Char(' ') + detail;
}

SettingError::SettingError(SettingProblem problem)
    : InputError(problem.message().toStdString())
    , problem_(std::move(problem))
{
}

} // namespace vae
