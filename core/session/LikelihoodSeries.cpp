#include "core/session/LikelihoodSeries.h"

#include "core/session/LikelihoodJob.h"

#include <algorithm>

namespace vae {
namespace {

// The same draws every epoch: the series then shows how the model changed, not the noise of
// new draws.
constexpr std::uint64_t seriesSeed = 0;

} // namespace

LikelihoodSeries::LikelihoodSeries(QObject* parent)
    : QObject(parent)
    , budget_(budgetShare)
    , stop_(std::make_shared<std::atomic<bool>>(false))
    , runner_(tr("estimating log p(x) for the curves"), nullptr, LatestJobRunner::Priority::Background)
{
    connect(&runner_, &LatestJobRunner::failed, this, [this](const QString& message) {
        running_ = false;
        budget_.settle(0);
        Q_EMIT failed(message);
        runNext();
    });
}

LikelihoodSeries::~LikelihoodSeries()
{
    stop_->store(true);
}

int LikelihoodSeries::imageCount() const
{
    return dataset_ ? std::min(seriesImages, dataset_->test.count()) : 0;
}

void LikelihoodSeries::reset(std::shared_ptr<const Dataset> dataset, int totalEpochs)
{
    stopRunning();
    dataset_ = std::move(dataset);
    totalEpochs_ = totalEpochs;
    budget_.reset();
    awaitingSnapshot_.reset();
    queue_.clear();
}

void LikelihoodSeries::stopRunning()
{
    // The job in progress sees its own flag and stops; the next one gets a fresh flag.
    stop_->store(true);
    stop_ = std::make_shared<std::atomic<bool>>(false);
    runner_.invalidate();
    running_ = false;
}

void LikelihoodSeries::addEpoch(const EpochMetrics& epoch)
{
    if (imageCount() == 0 || !budget_.admit(epoch.seconds, epoch.epoch >= totalEpochs_))
        return;
    awaitingSnapshot_ = epoch;
}

void LikelihoodSeries::addSnapshot(const SnapshotPtr& snapshot)
{
    if (!awaitingSnapshot_ || !snapshot || snapshot->step() != awaitingSnapshot_->step)
        return;
    queue_.push_back({awaitingSnapshot_->epoch, snapshot});
    awaitingSnapshot_.reset();
    runNext();
}

void LikelihoodSeries::runNext()
{
    if (running_ || queue_.empty())
        return;
    running_ = true;
    const Pending next = queue_.front();
    queue_.pop_front();
    const LikelihoodRequest request{next.snapshot, dataset_, next.epoch, seriesSamples, imageCount(), seriesSeed};
    runner_.run([request, stop = stop_] { return estimateLikelihoodPoint(request, *stop); },
                [this](const LikelihoodPoint& point) {
                    running_ = false;
                    budget_.settle(point.seconds);
                    Q_EMIT pointReady(point);
                    runNext();
                });
}

} // namespace vae
