#include "ui/window/TrainingStatusBar.h"

#include "ui/commands/RunState.h"

#include <QLabel>
#include <QProgressBar>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

// Weight of a new speed measurement: the figure settles within a few seconds.
constexpr double speedSmoothing = 0.3;
// Figures that change many times a second cannot be read anyway, and each update costs the GUI
// thread (which shares the cores with training) text layout and painting.
constexpr int refreshMilliseconds = 250;

// Wide enough for `widestText`, so the figures never overflow the bar.
QProgressBar* progressBar(const QString& widestText, const QString& toolTip, QWidget* parent)
{
    auto* bar = new QProgressBar(parent);
    bar->setToolTip(toolTip);
    bar->setTextVisible(true);
    bar->setMinimumWidth(bar->fontMetrics().horizontalAdvance(widestText) + 24);
    bar->setMaximumHeight(18);
    return bar;
}

QString stateText(SessionState state)
{
    switch (state) {
    case SessionState::Empty:
        return TrainingStatusBar::tr("No model");
    case SessionState::Ready:
        return TrainingStatusBar::tr("Ready");
    case SessionState::Running:
        return TrainingStatusBar::tr("Training");
    case SessionState::Paused:
        return TrainingStatusBar::tr("Paused");
    case SessionState::Finished:
        return TrainingStatusBar::tr("Finished");
    }
    return {};
}

QString duration(double seconds)
{
    const qint64 whole = qint64(std::ceil(seconds));
    if (whole >= 3600)
        return TrainingStatusBar::tr("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
    if (whole >= 60)
        return TrainingStatusBar::tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return TrainingStatusBar::tr("%1 s").arg(whole);
}

} // namespace

TrainingStatusBar::TrainingStatusBar(const RunState& run, QWidget* parent)
    : QStatusBar(parent)
    , run_(run)
    , state_(new QLabel(this))
    , epochProgress_(progressBar(tr("epoch 1,000: 100%"), tr("Progress through the current epoch"), this))
    , runProgress_(progressBar(tr("1,000 of 1,000 epochs"), tr("Progress through all the epochs of the run"), this))
    , timeLeft_(new QLabel(this))
    , speed_(new QLabel(this))
    , figures_(new QLabel(this))
{
    figures_->setToolTip(tr("The latest minibatch figures, per image in nats: ELBO = reconstruction − KL"));
    // Fixed minimum widths: text that changes many times a second must not change the window's
    // minimum size (which relayouts the whole window).
    figures_->setMinimumWidth(1);
    speed_->setMinimumWidth(speed_->fontMetrics().horizontalAdvance(tr("%L1 images/s").arg(999999)));
    timeLeft_->setMinimumWidth(
        timeLeft_->fontMetrics().horizontalAdvance(tr("%1 left").arg(tr("%1 min %2 s").arg(59).arg(59))));
    speed_->setToolTip(tr("Training images per second"));
    timeLeft_->setToolTip(tr("Estimated time until the last epoch is done"));
    refresh_.setSingleShot(true);
    refresh_.setInterval(refreshMilliseconds);
    connect(&refresh_, &QTimer::timeout, this, &TrainingStatusBar::showLatest);
    addWidget(state_);
    addWidget(figures_, 1);
    addPermanentWidget(speed_);
    addPermanentWidget(timeLeft_);
    addPermanentWidget(epochProgress_);
    addPermanentWidget(runProgress_);
    connect(&run_, &RunState::runStarted, this, &TrainingStatusBar::showRun);
    connect(&run_, &RunState::stateChanged, this, &TrainingStatusBar::showState);
    connect(&run_, &RunState::stepsAdded, this, &TrainingStatusBar::addSteps);
    connect(&run_, &RunState::epochAdded, this, &TrainingStatusBar::addEpoch);
    connect(&run_, &RunState::settingsApplied, this, [this] {
        showProgress();
        showTimeLeft();
    });
    showState(run_.state());
}

void TrainingStatusBar::showRun(const RunInfo& run)
{
    secondsPerEpoch_ = run.history.epochs.empty() ? 0.0 : run.history.epochs.back().seconds;
    imagesPerSecond_ = 0;
    unshown_ = {};
    figures_->clear();
    speed_->clear();
    showProgress();
    showTimeLeft();
}

void TrainingStatusBar::showState(SessionState state)
{
    state_->setText(stateText(state));
    running_ = state == SessionState::Running;
    if (running_) {
        sinceShown_.restart();
        stepsWhenShown_ = run_.trainedSteps();
    }
    showTimeLeft();
}

void TrainingStatusBar::addSteps(const QVector<StepMetrics>& steps)
{
    for (const StepMetrics& step : steps) {
        unshown_.elbo += step.elbo;
        unshown_.reconstruction += step.reconstruction;
        unshown_.kl += step.kl;
        unshown_.steps += 1;
    }
    if (!refresh_.isActive())
        refresh_.start();
}

void TrainingStatusBar::showLatest()
{
    if (unshown_.steps > 0) {
        const double count = unshown_.steps;
        figures_->setText(tr("ELBO %1   reconstruction %2   KL %3   nats/image")
                              .arg(unshown_.elbo / count, 0, 'f', 2)
                              .arg(unshown_.reconstruction / count, 0, 'f', 2)
                              .arg(unshown_.kl / count, 0, 'f', 2));
        unshown_ = {};
    }
    if (running_ && sinceShown_.isValid() && sinceShown_.elapsed() > 0) {
        const double measured = double(run_.trainedSteps() - stepsWhenShown_) * run_.config().batchSize /
            (double(sinceShown_.elapsed()) / 1000.0);
        imagesPerSecond_ =
            imagesPerSecond_ > 0 ? (1 - speedSmoothing) * imagesPerSecond_ + speedSmoothing * measured : measured;
        speed_->setText(tr("%L1 images/s").arg(qint64(std::lround(imagesPerSecond_))));
    }
    sinceShown_.restart();
    stepsWhenShown_ = run_.trainedSteps();
    showProgress();
    showTimeLeft();
}

void TrainingStatusBar::addEpoch(const EpochMetrics& epoch)
{
    secondsPerEpoch_ = epoch.seconds;
    showProgress();
    showTimeLeft();
}

int TrainingStatusBar::stepsPerEpoch() const
{
    return std::max(1, run_.stepsPerEpoch());
}

void TrainingStatusBar::showProgress()
{
    const std::int64_t completedSteps = run_.trainedSteps();
    const int stepsPerEpoch = this->stepsPerEpoch();
    const int epochs = run_.config().epochs;
    // At an epoch's last step the bar shows that epoch full rather than the next one empty.
    const std::int64_t currentEpoch = completedSteps == 0 ? 1 : (completedSteps + stepsPerEpoch - 1) / stepsPerEpoch;
    const std::int64_t intoEpoch = completedSteps - (currentEpoch - 1) * stepsPerEpoch;
    epochProgress_->setRange(0, stepsPerEpoch);
    epochProgress_->setValue(int(intoEpoch));
    epochProgress_->setFormat(tr("epoch %L1: %p%").arg(currentEpoch));
    const std::int64_t runSteps = std::max<std::int64_t>(1, std::int64_t(epochs) * stepsPerEpoch);
    runProgress_->setRange(0, 1000);
    runProgress_->setValue(int(std::min<std::int64_t>(1000, completedSteps * 1000 / runSteps)));
    runProgress_->setFormat(tr("%L1 of %L2 epochs").arg(completedSteps / stepsPerEpoch).arg(epochs));
}

void TrainingStatusBar::showTimeLeft()
{
    const int stepsPerEpoch = this->stepsPerEpoch();
    const std::int64_t stepsLeft =
        std::max<std::int64_t>(0, std::int64_t(run_.config().epochs) * stepsPerEpoch - run_.trainedSteps());
    if (!running_ || stepsLeft == 0) {
        timeLeft_->clear();
        return;
    }
    double seconds = 0;
    if (secondsPerEpoch_ > 0)
        seconds = double(stepsLeft) / stepsPerEpoch * secondsPerEpoch_;
    else if (imagesPerSecond_ > 0)
        seconds = double(stepsLeft) * run_.config().batchSize / imagesPerSecond_;
    timeLeft_->setText(seconds > 0 ? tr("%1 left").arg(duration(seconds)) : tr("estimating time left…"));
}

} // namespace vae
