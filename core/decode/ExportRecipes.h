#pragma once

#include "core/decode/DecodedImages.h"
#include "core/decode/LatentCodes.h"
#include "core/engine/ModelSnapshot.h"
#include "core/files/ImageTiles.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace vae {

// The pictures and files an export writes, made by the export command and by the window alike
// (rule "One implementation, two front ends"), so a figure made in either looks the same.

// Cells of `cellPixels` (down to a whole multiple of the image's side, so nearest-neighbour
// scaling keeps every pixel square; at least the image's own size), `border` pixels apart.
TileLayout exportLayout(const ModelSnapshot& model, int cellPixels, int border);

// The image at one latent point, scaled as a cell of `layout`, without a border.
QImage decodePointImage(const ModelSnapshot& model, const std::vector<float>& latent, const DecodeStyle& style,
                        const TileLayout& layout);

// `columns` x `rows` images decoded from draws from the prior, the same draws for the same seed.
QImage decodePriorSheet(const ModelSnapshot& model, int columns, int rows, std::uint64_t sampleSeed,
                        const DecodeStyle& style, const TileLayout& layout);

// One row per latent dimension, the most informative first (by `kl`, klPerDimension's figures;
// natural order when empty), each `steps` images of `reference` (zeros when empty) moved along
// that dimension from -3 to +3 (LatentTraversals.h).
QImage decodeTraversalSheet(const ModelSnapshot& model, const std::vector<float>& reference,
                            const std::vector<double>& kl, int steps, const DecodeStyle& style,
                            const TileLayout& layout);

// The images along an interpolation: an animated GIF when `path` ends in .gif (one scaled image
// per frame), otherwise one strip in the format the suffix names. Atomic; throws
// std::runtime_error naming the file.
void writeInterpolation(const QString& path, const std::vector<QImage>& images, const TileLayout& layout);

// .csv or .npy, as the suffix says (writeLatentCodesCsv, writeLatentCodesNpy); returns the files
// written. Throws InputError for another suffix, std::runtime_error naming the file on failure.
QStringList writeLatentCodesFile(const QString& path, const LatentCodes& codes);

} // namespace vae
