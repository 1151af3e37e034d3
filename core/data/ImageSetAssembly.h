#pragma once

#include "core/data/Dataset.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace vae {

// Gives images their labels; throws InputError naming the label file when the counts differ.
void attachLabels(ImageSet& images, std::vector<std::int32_t> labels, const QString& labelsPath,
                  const QString& imagesPath);

// For sources without a split of their own: image i goes to test when i % 10 == 9, else to train.
// Deterministic, so a checkpoint's test set is the same on every load.
void splitEveryTenthIntoTest(const ImageSet& all, Dataset& dataset);

} // namespace vae
