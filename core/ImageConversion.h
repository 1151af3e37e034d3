#pragma once

#include "Dataset.h"

#include <QImage>

#include <algorithm>
#include <cstdint>

namespace vae {

// Images as the engine stores them (channel-major, C x H x W) turned into QImages: one channel
// gives a grey image, three an RGB one; any other count shows its first channel.
QImage imageFromBytes(const std::uint8_t* pixels, int channels, int height, int width);
QImage imageFromUnitFloats(const float* values, int channels, int height, int width); // values in [0, 1]

// A value in [0, 1] (clamped) as a byte, rounded to nearest. Adding one half and truncating rounds
// like lround for these non-negative values without its cost: grids of hundreds of decoded images
// are converted several times a second.
inline std::uint8_t unitFloatToByte(float value)
{
    return std::uint8_t(std::clamp(value, 0.0f, 1.0f) * 255.0f + 0.5f);
}

QImage imageFromSet(const ImageSet& images, int index);

// `count` indices spread evenly over a set of `size` images, so a strip shows more than the
// first few (often all of one class in sorted data).
QVector<int> evenlySpreadIndices(int size, int count);

} // namespace vae
