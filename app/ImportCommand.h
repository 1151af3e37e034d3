#pragma once

#include <QStringList>

namespace vae {

// vae-explorer import WEIGHTS.pt --dataset D [settings] --out MODEL.vae: a checkpoint made from
// weights trained elsewhere (tools/train_pytorch.py), which the window and eval open like any other.
int runImportCommand(const QStringList& arguments);

} // namespace vae
