#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetOptions.h"
#include "core/data/LoadProgress.h"

#include <QString>

namespace vae {

// Loads a dataset from what the user typed. Accepted forms:
//   builtin:shapes                     the generated shapes dataset
//   DIR                                 a folder with MNIST-style IDX files (raw or .gz), CIFAR-10's or
//                                       CIFAR-100's binary batches, or an ImageFolder tree (one
//                                       subfolder per class), read as `options` say
//   IMAGES.idx3-ubyte[.gz][,LABELS]     explicit IDX files (labels optional; found by name if not given)
//   IMAGES.npy[,LABELS.npy]             NumPy arrays, uint8 or float32 in [0,1], [N,H,W] or [N,H,W,C]
//   ARCHIVE.npz                         Keras's layout: x_train, y_train, x_test, y_test
// Throws InputError naming the file and the problem, LoadCancelled when progress asks to stop. The
// dataset keeps `options`, and any warnings of the load.
Dataset loadDataset(const QString& spec, const DatasetOptions& options = {}, const LoadProgress& progress = {});

// Whether loadDataset reads `spec` as an image folder, the one source DatasetOptions change.
bool readsImageFolder(const QString& spec);

// Fashion-MNIST when Debian's dataset-fashion-mnist is installed, else builtin:shapes.
QString defaultDatasetSpec();

} // namespace vae
