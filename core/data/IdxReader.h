#pragma once

#include "core/data/Dataset.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace vae {

// MNIST's IDX format (raw or gzipped): big-endian header, unsigned bytes only.
// Images: magic 0x00000803, dims [N, H, W], returned as one-channel images without labels.
// Labels: magic 0x00000801, dims [N].
// Throws InputError naming the file for a wrong magic, element type or size.
ImageSet readIdxImages(const QString& path);
std::vector<std::int32_t> readIdxLabels(const QString& path);

} // namespace vae
