#include "core/TorchVersion.h"

#include <torch/version.h>

namespace vae {

QString torchVersion()
{
    return QStringLiteral(TORCH_VERSION);
}

} // namespace vae
