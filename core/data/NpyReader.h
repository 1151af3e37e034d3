#pragma once

#include "core/data/Dataset.h"
#include "core/data/NpyArray.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace vae {

// Images from a .npy file: uint8 (0..255) or float32/float64 in [0, 1] (stored as round(x * 255)),
// shaped [N, H, W] or [N, H, W, C] with C = 1 or 3 (reordered to channel-major per image).
// Returned without labels. Throws InputError naming the file and the problem.
ImageSet readNpyImages(const QString& path);

// Labels from a .npy file of any integer dtype, shaped [N] (or [N, 1]), each in 0..2^31-1.
std::vector<std::int32_t> readNpyLabels(const QString& path);

// The same from an array already read (a member of a .npz archive); messages name `path`.
ImageSet npyImages(NpyArray array, const QString& path);
std::vector<std::int32_t> npyLabels(const NpyArray& array, const QString& path);

} // namespace vae
