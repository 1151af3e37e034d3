#include "app/SettingOptions.h"

namespace vae {

QString settingOption(Setting setting)
{
    switch (setting) {
    case Setting::Architecture:
        return QStringLiteral("arch");
    case Setting::LatentDim:
        return QStringLiteral("latent");
    case Setting::HiddenLayers:
        return QStringLiteral("hidden");
    case Setting::Activation:
        return QStringLiteral("activation");
    case Setting::Likelihood:
        return QStringLiteral("likelihood");
    case Setting::Binarization:
        return QStringLiteral("binarize");
    case Setting::Estimator:
        return QStringLiteral("estimator");
    case Setting::Samples:
        return QStringLiteral("samples");
    case Setting::Objective:
        return QStringLiteral("objective");
    case Setting::Optimizer:
        return QStringLiteral("optimizer");
    case Setting::LearningRate:
        return QStringLiteral("lr");
    case Setting::WeightDecay:
        return QStringLiteral("weight-decay");
    case Setting::Momentum:
        return {};
    case Setting::Beta:
        return QStringLiteral("beta");
    case Setting::WarmupEpochs:
        return QStringLiteral("warmup-epochs");
    case Setting::BatchSize:
        return QStringLiteral("batch");
    case Setting::Epochs:
        return QStringLiteral("epochs");
    case Setting::Seed:
        return QStringLiteral("seed");
    case Setting::Threads:
        return QStringLiteral("threads");
    }
    return {};
}

QString commandLineMessage(const SettingProblem& problem)
{
    const QString option = settingOption(problem.setting);
    if (option.isEmpty())
        return problem.message();
    return QStringLiteral("--%1: %2").arg(option, problem.message());
}

} // namespace vae
