#pragma once

#include <QStringList>

namespace vae {

// vae-explorer eval FILE [--dataset D] [--json]: the test-set bound of a checkpoint.
int runEvalCommand(const QStringList& arguments);

} // namespace vae
