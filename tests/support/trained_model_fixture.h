#pragma once

#include "core/session/SessionTypes.h"
#include "tests/support/colour_fixture.h"
#include "tests/support/shapes_fixture.h"
#include "tests/support/tiny_fixture.h"

#include <QString>

namespace vae::testing {

// A small model trained for a few steps on the shapes, with `latentDim` dimensions, and the
// checkpoint it was saved to (in a folder that lasts as long as the test program).
struct TrainedModel {
    SnapshotPtr snapshot;
    QString checkpointPath;
};
const TrainedModel& trainedModel(int latentDim);

// The same for the colour images of colourDataset(), with three latent dimensions.
const TrainedModel& trainedColourModel();

// The decoded image at `latent`, straight from the snapshot (the reference the views must match).
QImage decodedDirectly(const ModelSnapshot& model, const std::vector<float>& latent);

// The largest difference between two images' grey (or colour) values, in 0..255.
int largestPixelDifference(const QImage& a, const QImage& b);

} // namespace vae::testing
