#pragma once

#include "core/data/LoadProgress.h"

#include <functional>

namespace vae {

// Runs work(0) .. work(count - 1) on every core, in no particular order; work must not throw. The
// calling thread reports progress meanwhile and, when cancellation is requested, lets the work in
// hand finish, starts no more and throws LoadCancelled.
void runOnAllCores(int count, const std::function<void(int index)>& work, const LoadProgress& progress);

} // namespace vae
