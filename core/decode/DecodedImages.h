#pragma once

#include "core/engine/ModelSnapshot.h"
#include "core/files/ImageTiles.h"
#include "core/latent/LatentGeometry.h"

#include <QImage>

#include <cstdint>
#include <vector>

namespace vae {

// What a decoded image shows: the decoder's mean (Bernoulli probabilities or Gaussian means), or
// one draw from p(x|z).
enum class DecoderOutput { Mean, Sample };

struct DecodeStyle {
    DecoderOutput output = DecoderOutput::Mean;
    std::uint64_t seed = 0; // for the draw, so a picture can be made again
};

// One image per latent point (latents holds count x latentDim floats). Callable from any thread.
std::vector<QImage> decodeImages(const ModelSnapshot& model, const std::vector<float>& latents,
                                 const DecodeStyle& style = {});

// An n x n grid over `plane` (gridPoints: row 0 at the top) decoded into one picture.
QImage decodeGridImage(const ModelSnapshot& model, const LatentPlane& plane, int cells, double range,
                       GridSpacing spacing, const DecodeStyle& style = {}, const TileLayout& layout = {});

} // namespace vae
