#pragma once

#include "core/data/Dataset.h"
#include "core/engine/LikelihoodEstimate.h"

namespace vae {

// Throws InputError unless 1 <= imageCount <= the images there are.
void checkImageCount(const ImageSet& images, int imageCount);

// Throws EvaluationInterrupted when the control says stop.
void checkInterrupt(const EstimateControl& control);

} // namespace vae
