#pragma once

#include <QStringList>

namespace vae {

// vae-explorer export FILE --weights OUT.pt: the weights for Python.
int runExportCommand(const QStringList& arguments);

} // namespace vae
