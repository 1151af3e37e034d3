#include "ui/commands/LikelihoodEstimateCommand.h"

#include "core/session/BackgroundEstimate.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/RunState.h"

#include <QAction>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>

#include <algorithm>

namespace vae {
namespace {

constexpr int defaultImages = 1000;

QString nats(double value)
{
    return QLocale().toString(value, 'f', 2);
}

} // namespace

LikelihoodEstimateCommand::LikelihoodEstimateCommand(const RunState& run, TrainingSession& session,
                                                     QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , run_(run)
    , dialogParent_(dialogParent)
    , action_(new QAction(tr("Estimate log p(x) (K = %1)...").arg(estimateSamples), this))
    , progress_(new QProgressDialog(dialogParent))
    , job_(new BackgroundEstimate(this))
{
    action_->setObjectName(QStringLiteral("estimateLogLikelihood"));
    action_->setToolTip(tr("Estimate log p(x) of the current model on test images by importance sampling, in the "
                           "background, with the ELBO on the same images and the gap between them."));
    connect(action_, &QAction::triggered, this, &LikelihoodEstimateCommand::ask);
    progress_->setWindowTitle(tr("Estimating log p(x)"));
    progress_->setModal(false); // training and the views go on meanwhile
    progress_->setAutoClose(false);
    progress_->setAutoReset(false);
    progress_->setMinimumDuration(0);
    progress_->reset(); // stops the timer that would show it on its own
    progress_->hide();
    connect(progress_, &QProgressDialog::canceled, this, &LikelihoodEstimateCommand::cancel);
    connect(job_, &BackgroundEstimate::progressed, progress_, [this](int done, int total) {
        progress_->setMaximum(total);
        progress_->setValue(done);
    });
    connect(job_, &BackgroundEstimate::finished, this, &LikelihoodEstimateCommand::showResult);
    connect(job_, &BackgroundEstimate::cancelled, this, &LikelihoodEstimateCommand::endProgress);
    connect(job_, &BackgroundEstimate::failed, this, [this](const QString& message) {
        endProgress();
        Q_EMIT failed(message);
    });
    connect(&session, &TrainingSession::snapshotReady, this, [this](const SnapshotPtr& snapshot) {
        snapshot_ = snapshot;
        updateAction();
    });
    connect(&run, &RunState::runStarted, this, [this] {
        cancel();
        snapshot_.reset(); // the new model's first snapshot follows
        updateAction();
    });
    updateAction();
}

LikelihoodEstimateCommand::~LikelihoodEstimateCommand()
{
    // The job stops with this object; the dialog goes with it, whether or not the window still is.
    delete progress_.data();
}

bool LikelihoodEstimateCommand::running() const
{
    return job_->running();
}

void LikelihoodEstimateCommand::updateAction()
{
    action_->setEnabled(snapshot_ != nullptr && run_.hasModel());
}

void LikelihoodEstimateCommand::ask()
{
    if (running()) {
        progress_->show();
        progress_->raise();
        return;
    }
    if (!snapshot_ || !run_.hasModel())
        return;
    const int available = run_.dataset()->test.count();
    bool ok = false;
    const int images = QInputDialog::getInt(
        dialogParent_, tr("Estimate log p(x)"),
        tr("Test images to estimate (of %L1), K = %L2 samples each.\nThe reference MLP takes about 50 ms of one core "
           "per image; training goes on meanwhile.")
            .arg(available)
            .arg(estimateSamples),
        std::min(defaultImages, available), 1, available, 100, &ok);
    if (ok)
        estimate(images);
}

void LikelihoodEstimateCommand::estimate(int images, int samples)
{
    if (!snapshot_ || !run_.hasModel())
        return;
    const int epoch = run_.stepsPerEpoch() > 0 ? int(snapshot_->step() / run_.stepsPerEpoch()) : 0;
    job_->start({snapshot_, run_.dataset(), epoch, samples, images, 0});
    progress_->setLabelText(tr("log p(x) with K = %L1 on %L2 test images, model after step %L3")
                                .arg(samples)
                                .arg(images)
                                .arg(snapshot_->step()));
    progress_->reset(); // after a cancel, the dialog remembers it until reset
    progress_->setMaximum(images);
    progress_->setValue(0);
    progress_->show();
}

void LikelihoodEstimateCommand::cancel()
{
    job_->cancel();
}

void LikelihoodEstimateCommand::endProgress()
{
    progress_->hide();
}

QString LikelihoodEstimateCommand::summary(const LikelihoodPoint& point)
{
    return tr("On the first %L1 test images, model after step %L2 (epoch %L3), K = %L4:\n\n"
              "log p(x) ≈ %5 ± %6 nats per image\n"
              "ELBO = %7 ± %8 nats (the same images and draws)\n"
              "gap, KL(q || true posterior) ≈ %9 ± %10 nats\n\n"
              "± is the standard error over the images; the gap's is paired. Took %11 s.")
        .arg(point.images)
        .arg(point.step)
        .arg(point.epoch)
        .arg(point.samples)
        .arg(nats(point.logLikelihood), nats(point.logLikelihoodError), nats(point.elbo), nats(point.elboError),
             nats(point.gap), nats(point.gapError))
        .arg(QLocale().toString(point.seconds, 'f', 1));
}

void LikelihoodEstimateCommand::showResult(const LikelihoodPoint& point)
{
    endProgress();
    auto* box =
        new QMessageBox(QMessageBox::Information, tr("log p(x)"), summary(point), QMessageBox::Ok, dialogParent_);
    box->setObjectName(QStringLiteral("logLikelihoodResult"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
    Q_EMIT finished(point);
}

} // namespace vae
