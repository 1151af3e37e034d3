#include "core/session/LikelihoodJob.h"

#include "core/engine/MarginalLikelihood.h"
#include "core/session/ThreadCpuTime.h"

namespace vae {

LikelihoodPoint estimateLikelihoodPoint(const LikelihoodRequest& request, const std::atomic<bool>& stop,
                                        const std::function<void(int done, int total)>& progress)
{
    const double started = threadCpuSeconds();
    EstimateControl control;
    control.progress = progress;
    control.shouldInterrupt = [&stop] { return stop.load(); };
    const ImportanceSampledBounds bounds = importanceSampledBounds(
        *request.snapshot, request.dataset->test, request.samples, request.images, request.seed, control);
    LikelihoodPoint point;
    point.epoch = request.epoch;
    point.step = request.snapshot->step();
    point.images = request.images;
    point.samples = request.samples;
    point.logLikelihood = bounds.logLikelihood.mean;
    point.logLikelihoodError = bounds.logLikelihood.standardError;
    point.elbo = bounds.elbo.mean;
    point.elboError = bounds.elbo.standardError;
    point.gap = bounds.gap.mean;
    point.gapError = bounds.gap.standardError;
    point.seconds = threadCpuSeconds() - started;
    return point;
}

} // namespace vae
