#pragma once

#include "core/data/Dataset.h"

#include <QString>

namespace vae {

enum class ColorMode { Grey, Rgb };

struct DatasetOptions {
    ColorMode imageFolderColor = ColorMode::Grey; // image folders only; IDX and .npy keep their channels
    int imageFolderSize = 28;                     // image folders are resized to this square size
};

// Loads a dataset from what the user typed. Accepted forms:
//   builtin:shapes                     the generated shapes dataset
//   DIR                                 a folder with MNIST-style IDX files (raw or .gz), or
//                                       an ImageFolder tree (one subfolder per class)
//   IMAGES.idx3-ubyte[.gz][,LABELS]     explicit IDX files (labels optional; found by name if not given)
//   IMAGES.npy[,LABELS.npy]             NumPy arrays, uint8 or float32 in [0,1], [N,H,W] or [N,H,W,C]
// Throws InputError naming the file and the problem.
Dataset loadDataset(const QString& spec, const DatasetOptions& options = {});

// Fashion-MNIST when Debian's dataset-fashion-mnist is installed, else builtin:shapes.
QString defaultDatasetSpec();

} // namespace vae
