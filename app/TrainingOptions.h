#pragma once

#include "core/data/Dataset.h"
#include "core/run/SettingProblem.h"
#include "core/run/TrainingConfig.h"

#include <QCommandLineParser>

namespace vae {

// The options that set a run's settings (--arch, --latent, --hidden, ... --threads), which `train`
// and `import` share.
QList<QCommandLineOption> settingOptions();

// The settings those options give, validated. Throws SettingError naming the first bad one.
TrainingConfig configFromOptions(const QCommandLineParser& parser);

// The settings for this dataset: on colour images, the ones not given on the command line take
// adaptToColourImages' choice, which a line on stderr names.
TrainingConfig configForDataset(TrainingConfig config, const QCommandLineParser& parser, const Dataset& dataset);

// A numeric setting's option; throws InputError("--name: 'x' is not a number").
int intSetting(const QCommandLineParser& parser, Setting setting);
double doubleSetting(const QCommandLineParser& parser, Setting setting);

} // namespace vae
