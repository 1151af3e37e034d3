#pragma once

#include <QStringList>

namespace vae {

// vae-explorer train --dataset D --out DIR [settings...]: trains headless.
int runTrainCommand(const QStringList& arguments);

} // namespace vae
