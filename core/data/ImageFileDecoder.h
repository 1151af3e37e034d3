#pragma once

#include "core/data/DatasetOptions.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace vae {

// The file name patterns of the images an image folder may hold: PNG, JPEG and BMP, and WebP and
// GIF when this Qt has their readers.
QStringList imageFileNameFilters();

// Decodes one image file as torchvision's ImageFolder pipeline would prepare it: the largest centred
// square is cropped, resized to options.imageFolderSize, transparent pixels are composited over
// options.imageFolderBackground, and the result is converted to grey or RGB and written channel-
// major (C, H, W) to target (channels * size * size bytes). Thread-safe. Returns why the file could
// not be decoded, or an empty string on success.
QString decodeImageFile(const QString& path, const DatasetOptions& options, std::uint8_t* target);

} // namespace vae
