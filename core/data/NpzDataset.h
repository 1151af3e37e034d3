#pragma once

#include "core/data/Dataset.h"

#include <QString>

namespace vae {

bool isNpzFile(const QString& path);

// A NumPy .npz archive as Keras ships its datasets (mnist.npz, fashion-mnist's): x_train, x_test
// (images as readNpyImages takes them) and optionally y_train, y_test (labels as readNpyLabels
// takes them), with the archive's own train/test split. Stored and deflated (savez_compressed)
// archives both load. Throws InputError naming the archive, and the member at fault.
Dataset loadNpzArchive(const QString& path);

} // namespace vae
