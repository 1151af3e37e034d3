#pragma once

#include "core/data/Dataset.h"

#include <QString>

namespace vae {

// Whether a folder holds CIFAR's binary version: CIFAR-10's cifar-10-batches-bin (data_batch_1.bin
// .. data_batch_5.bin, test_batch.bin, batches.meta.txt) or CIFAR-100's cifar-100-binary
// (train.bin, test.bin, fine_label_names.txt).
bool containsCifarBatches(const QString& directory);

// Loads such a folder: 32x32 RGB images with their own train/test split; CIFAR-100 with its fine
// labels. Class names come from batches.meta.txt or fine_label_names.txt when present. Throws
// InputError naming the file at fault: a size that is no whole number of records, a label out of
// range, too few class names.
Dataset loadCifarDirectory(const QString& directory);

} // namespace vae
