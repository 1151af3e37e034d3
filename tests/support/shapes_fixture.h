#pragma once

#include "core/data/Dataset.h"
#include "core/run/TrainingConfig.h"

#include <memory>

namespace vae::testing {

// builtin:shapes, loaded once per test program.
std::shared_ptr<const Dataset> shapesDataset();

// Settings small enough for a test to train a few epochs in seconds.
TrainingConfig smallConfig();

} // namespace vae::testing
