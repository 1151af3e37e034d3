#pragma once

#include "core/data/Dataset.h"
#include "core/engine/ModelSnapshot.h"
#include "core/latent/LatentGeometry.h"

#include <vector>

namespace vae {

// One end of an interpolation: a test image, which each model encodes afresh (its posterior
// mean), or a fixed latent point.
struct InterpolationEnd {
    int testImage = -1;       // -1: the point
    std::vector<float> point; // when not a test image
};

// The `steps` latent points from one end to the other (steps x latentDim floats). The ends must
// be usable: a test image that exists, or a point of the model's dimension.
std::vector<float> interpolationLatents(const ModelSnapshot& model, const ImageSet& test, const InterpolationEnd& from,
                                        const InterpolationEnd& to, int steps, InterpolationKind kind);

} // namespace vae
