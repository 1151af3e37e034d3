#pragma once

#include "core/data/Dataset.h"

#include <QImage>

namespace vae {

// Images as the engine stores them (channel-major, C x H x W) turned into QImages: one channel
// gives a grey image, three an RGB one; any other count shows its first channel.
QImage imageFromBytes(const std::uint8_t* pixels, int channels, int height, int width);

QImage imageFromSet(const ImageSet& images, int index);

// `count` indices spread evenly over a set of `size` images, so a strip shows more than the
// first few (often all of one class in sorted data).
QVector<int> evenlySpreadIndices(int size, int count);

} // namespace vae
