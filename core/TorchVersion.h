#pragma once

#include <QString>

namespace vae {

// The LibTorch version the engine was compiled against, e.g. "1.13.0", for the About box.
QString torchVersion();

} // namespace vae
