#pragma once

#include "core/data/Dataset.h"

#include <QString>

namespace vae {

// Whether a folder holds MNIST-style IDX image files: train-images-idx3-ubyte[.gz],
// t10k-images-idx3-ubyte[.gz], and prefixed variants such as EMNIST's
// emnist-letters-train-images-idx3-ubyte or the "train-images.idx3-ubyte" spelling.
bool containsIdxImages(const QString& directory);

// Loads such a folder with the files' own train/test split. Label files are optional, found by
// name. Throws InputError naming the file or folder at fault.
Dataset loadIdxDirectory(const QString& directory);

} // namespace vae
