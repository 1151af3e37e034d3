#pragma once

#include "core/data/Dataset.h"

#include <QString>

namespace vae {

// IMAGES[,LABELS] given as files: IDX (raw or .gz) or NumPy .npy. Without a labels path, labels
// are looked up by name beside the images and are optional. The files carry no split, so every
// tenth image goes to test (splitEveryTenthIntoTest). Throws InputError naming the file at fault.
Dataset loadArrayFiles(const QString& imagesPath, const QString& labelsPath = {});

} // namespace vae
