#include "core/session/BackgroundEstimate.h"

#include "core/session/ThreadHandOff.h"

namespace vae {

BackgroundEstimate::BackgroundEstimate(QObject* parent)
    : QObject(parent)
    , stop_(std::make_shared<std::atomic<bool>>(false))
    , runner_(tr("estimating log p(x)"), nullptr, LatestJobRunner::Priority::Background)
{
    connect(&runner_, &LatestJobRunner::failed, this, [this](const QString& message) {
        running_ = false;
        Q_EMIT failed(message);
    });
}

BackgroundEstimate::~BackgroundEstimate()
{
    stop_->store(true);
}

void BackgroundEstimate::start(const LikelihoodRequest& request)
{
    if (running_)
        cancel();
    running_ = true;
    clock_.start();
    const int generation = ++generation_;
    // Progress comes from the runner's thread, queued to this object: the destructor waits for
    // the job, and Qt drops the events still queued to a deleted object. A cancelled estimate's
    // reports are dropped by the generation.
    auto progress = [this, generation](int done, int total) {
        postCall(this, [this, generation, done, total] {
            if (running_ && generation_ == generation)
                Q_EMIT progressed(done, total);
        });
    };
    runner_.run([request, stop = stop_, progress] { return estimateLikelihoodPoint(request, *stop, progress); },
                [this](LikelihoodPoint point) {
                    running_ = false;
                    point.seconds = double(clock_.elapsed()) / 1000.0;
                    Q_EMIT finished(point);
                });
}

void BackgroundEstimate::cancel()
{
    if (!running_)
        return;
    stop_->store(true);
    stop_ = std::make_shared<std::atomic<bool>>(false);
    runner_.invalidate();
    running_ = false;
    Q_EMIT cancelled();
}

} // namespace vae
