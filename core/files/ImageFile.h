#pragma once

#include <QImage>
#include <QString>

namespace vae {

// Saves in the format the file name's suffix names (png, jpg, bmp...), atomically: throws
// std::runtime_error naming the file when it cannot, and leaves nothing partial behind.
void saveImage(const QImage& image, const QString& path);

} // namespace vae
