#pragma once

#include "core/run/Metrics.h"
#include "core/session/LatestJobRunner.h"
#include "core/session/LikelihoodJob.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>

namespace vae {

// One long estimate of log p(x) and the ELBO (the window's "Estimate log p(x)" command, K = 5000)
// on a background job runner, with progress and cancel. Lives on the GUI thread; every signal
// arrives there. At most one estimate at a time: starting another cancels the one running.
class BackgroundEstimate : public QObject {
    Q_OBJECT
public:
    explicit BackgroundEstimate(QObject* parent = nullptr);
    // Stops the estimate in progress and waits for it (within one pass of the decoder).
    ~BackgroundEstimate() override;

    void start(const LikelihoodRequest& request);
    // Stops the estimate: no result follows, cancelled() does.
    void cancel();
    bool running() const { return running_; }

Q_SIGNALS:
    void progressed(int done, int total);
    // `point.seconds` is the wall time the estimate took.
    void finished(const vae::LikelihoodPoint& point);
    void cancelled();
    void failed(const QString& message);

private:
    bool running_ = false;
    int generation_ = 0; // progress reports of a cancelled estimate are dropped
    QElapsedTimer clock_;
    std::shared_ptr<std::atomic<bool>> stop_;
    LatestJobRunner runner_;
};

} // namespace vae
