#pragma once

#include "core/run/Metrics.h"
#include "core/session/SessionTypes.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

class QAction;
class QWidget;

namespace vae {

class BackgroundEstimate;
class RunState;
class TrainingSession;

// The window's "Estimate log p(x) (K = 5000)..." command: asks how many test images, then
// estimates log p(x) and the ELBO on them from the latest snapshot, K = 5000 importance samples
// per image, on a background job runner (BackgroundEstimate) while training and the views go on.
// A progress dialog shows how far it got and cancels it; the result opens in a dialog that does
// not block the window; errors leave as failed(). A new model cancels it, and so does closing the
// window (the destructor waits for the job to stop, within one decoder pass).
class LikelihoodEstimateCommand : public QObject {
    Q_OBJECT
public:
    static constexpr int estimateSamples = 5000;

    LikelihoodEstimateCommand(const RunState& run, TrainingSession& session, QWidget* dialogParent,
                              QObject* parent = nullptr);
    ~LikelihoodEstimateCommand() override;

    QAction* action() const { return action_; }
    // Estimates on the first `images` test images without asking, with `samples` per image.
    void estimate(int images, int samples = estimateSamples);
    void cancel();
    bool running() const;
    QProgressDialog* progressDialog() const { return progress_; }

    // What a result dialog says: both bounds, the gap, the model, the time.
    static QString summary(const LikelihoodPoint& point);

Q_SIGNALS:
    void finished(const vae::LikelihoodPoint& point);
    void failed(const QString& message);

private:
    void ask();
    void showResult(const LikelihoodPoint& point);
    void endProgress();
    void updateAction();

    const RunState& run_;
    QWidget* dialogParent_;
    QAction* action_;
    QPointer<QProgressDialog> progress_; // the window's child, so that it stays on top of it
    BackgroundEstimate* job_;
    SnapshotPtr snapshot_;
};

} // namespace vae
