#pragma once

#include "core/run/SettingProblem.h"

#include <QString>

namespace vae {

// The command-line option for `setting` without its dashes ("lr" for the learning rate); empty for
// a setting no option sets (momentum).
QString settingOption(Setting setting);

// The problem as the command line says it: the option first, then core's words for it,
// "--lr: learning rate 50 is out of range: greater than 0, at most 10".
QString commandLineMessage(const SettingProblem& problem);

} // namespace vae
