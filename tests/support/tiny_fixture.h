#pragma once

#include "core/data/Dataset.h"
#include "core/run/TrainingConfig.h"

#include <functional>
#include <memory>

namespace vae::testing {

// A dataset of `train` + `test` random grey images of side x side pixels: training steps on it
// take well under a millisecond.
std::shared_ptr<const Dataset> tinyDataset(int train = 512, int test = 128, int side = 8);

// A small, quick model for tinyDataset.
TrainingConfig tinyConfig();

// Processes events until `done` or the timeout; returns done().
bool waitUntil(const std::function<bool()>& done, int timeoutMilliseconds = 20000);

} // namespace vae::testing
