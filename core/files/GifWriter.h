#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace vae {

// An animated GIF that loops forever, one frame per image (all of one size), each shown for
// `delayCentiseconds`. Grey images keep 256 grey levels; colour ones are mapped to a 6x7x6 colour
// cube. Written atomically: throws std::runtime_error naming the file, and leaves nothing behind.
void writeAnimatedGif(const QString& path, const std::vector<QImage>& frames, int delayCentiseconds);

} // namespace vae
