#pragma once

#include "core/run/SettingProblem.h"
#include "core/run/TrainingConfig.h"

#include <QCommandLineParser>

namespace vae {

// The options that set a run's settings (--arch, --latent, --hidden, ... --threads), which `train`
// and `import` share.
QList<QCommandLineOption> settingOptions();

// The settings those options give, validated. Throws SettingError naming the first bad one.
TrainingConfig configFromOptions(const QCommandLineParser& parser);

// A numeric setting's option; throws InputError("--name: 'x' is not a number").
int intSetting(const QCommandLineParser& parser, Setting setting);
double doubleSetting(const QCommandLineParser& parser, Setting setting);

} // namespace vae
