#pragma once

#include "core/engine/LikelihoodEstimate.h"
#include "core/run/Metrics.h"
#include "core/session/SessionTypes.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace vae {

// What the log p(x) estimates of the series and of the window's command share: a job that runs
// importanceSampledBounds on a job runner's thread and sums it up as a LikelihoodPoint.
struct LikelihoodRequest {
    SnapshotPtr snapshot;
    std::shared_ptr<const Dataset> dataset; // scored on its test split
    int epoch = 0;
    int samples = 0;
    int images = 0;
    std::uint64_t seed = 0;
};

// Runs on the calling thread; throws EvaluationInterrupted once `stop` is set, and what the
// estimate throws. `seconds` in the result is the CPU time it took.
LikelihoodPoint estimateLikelihoodPoint(const LikelihoodRequest& request, const std::atomic<bool>& stop,
                                        const std::function<void(int done, int total)>& progress = {});

} // namespace vae
