#pragma once

#include "core/run/Metrics.h"
#include "core/session/EstimateBudget.h"
#include "core/session/LatestJobRunner.h"
#include "core/session/SessionTypes.h"

#include <QObject>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>

namespace vae {

// The per-epoch log p(x) series of the curves: after an epoch, log p(x) (K = 100) and the ELBO
// on the first `seriesImages` test images, the same images every epoch, from the epoch-end
// snapshot, on a background job runner (off the training and GUI threads, at background
// priority). Cost: K = 100 decodes per image take about 1 ms of one core for the reference MLP
// (784-400-20), so 1,000 images would cost ~1 s per epoch against an epoch of ~1.7 s (60%);
// 200 images cost ~0.2 s, about the 10% budget. An EstimateBudget enforces the 10% for every
// model and machine by skipping epochs when the estimates fall behind it (bench/likelihood_series_bench).
// With 200 images the standard error of log p(x)'s mean is several nats, but the images are the
// same every epoch, so the series' course and the gap (paired, a few tenths of a nat) are sharp.
// Lives on the GUI thread; epochs queue in order, so a point arrives for every epoch admitted.
class LikelihoodSeries : public QObject {
    Q_OBJECT
public:
    static constexpr int seriesSamples = 100;
    static constexpr int seriesImages = 200;
    static constexpr double budgetShare = 0.10;

    explicit LikelihoodSeries(QObject* parent = nullptr);
    // Stops the estimate in progress and waits for it (within one pass of the decoder).
    ~LikelihoodSeries() override;

    // A new or opened model: pending estimates and late replies are dropped.
    void reset(std::shared_ptr<const Dataset> dataset, int totalEpochs);
    void setTotalEpochs(int totalEpochs) { totalEpochs_ = totalEpochs; }
    // The training session's epochFinished and snapshotReady: an epoch is estimated from the
    // snapshot taken at its last step, which the session publishes right after the epoch.
    void addEpoch(const EpochMetrics& epoch);
    void addSnapshot(const SnapshotPtr& snapshot);

    // The images a point covers: the first seriesImages of the test set, or all when fewer.
    int imageCount() const;
    const EstimateBudget& budget() const { return budget_; }
    // True while an estimate runs or waits.
    bool busy() const { return running_ || !queue_.empty(); }

Q_SIGNALS:
    void pointReady(const vae::LikelihoodPoint& point);
    void failed(const QString& message);

private:
    struct Pending {
        int epoch;
        SnapshotPtr snapshot;
    };

    void runNext();
    void stopRunning();

    std::shared_ptr<const Dataset> dataset_;
    int totalEpochs_ = 0;
    EstimateBudget budget_;
    std::optional<EpochMetrics> awaitingSnapshot_; // admitted, its snapshot not yet here
    std::deque<Pending> queue_;
    bool running_ = false;
    std::shared_ptr<std::atomic<bool>> stop_;
    LatestJobRunner runner_;
};

} // namespace vae
