#include "ui/latent/LatentEstimatorsPanel.h"

#include "core/engine/EvaluationInterrupted.h"
#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentEstimatorsPlot.h"
#include "ui/latent/LatentSpace.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace vae {
namespace {

const std::vector<int> sampleCounts{1, 2, 5, 10, 50};
constexpr int progressMilliseconds = 100;

struct Measurement {
    std::vector<GradientVariance> results;
    std::int64_t step = 0;
    bool completed = false;
};

} // namespace

LatentEstimatorsPanel::LatentEstimatorsPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , measure_(new QPushButton(tr("Measure"), this))
    , cancel_(new QPushButton(tr("Cancel"), this))
    , progressBar_(new QProgressBar(this))
    , relative_(new QCheckBox(tr("Relative to the squared mean gradient"), this))
    , status_(new QLabel(this))
    , plot_(new LatentEstimatorsPlot(this))
    // In the background, as encoding the test set: training goes on at full speed meanwhile.
    , runner_(new LatestJobRunner(tr("measuring the gradient's variance"), this, LatestJobRunner::Priority::Background))
{
    auto* about = new QLabel(tr("The variance of the gradient of the per-image bound with respect to the encoder's "
                                "parameters, over %1 draws on the first %2 test images (seed %3), for the model "
                                "as it is when measured: B (analytic KL), A (Monte Carlo KL) and the score function "
                                "(REINFORCE, no baseline).")
                                 .arg(measuredDraws)
                                 .arg(measuredImages)
                                 .arg(measuredSeed),
                             this);
    about->setWordWrap(true);
    measure_->setToolTip(tr("Measure the three estimators on the current model"));
    progressBar_->setTextVisible(true);
    status_->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(measure_);
    controls->addWidget(cancel_);
    controls->addWidget(progressBar_, 1);
    controls->addStretch(); // where the progress was, once it is gone
    controls->addWidget(relative_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(plot_, 1);
    progressTimer_.setInterval(progressMilliseconds);

    connect(measure_, &QPushButton::clicked, this, &LatentEstimatorsPanel::measure);
    connect(cancel_, &QPushButton::clicked, this, &LatentEstimatorsPanel::cancel);
    connect(relative_, &QCheckBox::toggled, plot_, &LatentEstimatorsPlot::setRelative);
    connect(&progressTimer_, &QTimer::timeout, this, &LatentEstimatorsPanel::showProgress);
    connect(&space_, &LatentSpace::modelStarted, this, &LatentEstimatorsPanel::forget);
    connect(&space_, &LatentSpace::snapshotChanged, this,
            [this] { measure_->setEnabled(space_.snapshot() != nullptr); });
    connect(runner_, &LatestJobRunner::failed, this, [this](const QString& message) {
        finish({}, 0, false);
        Q_EMIT failed(message);
    });
    forget();
}

// A measurement in progress stops at its next draw, so closing the window does not wait for it.
LatentEstimatorsPanel::~LatentEstimatorsPanel()
{
    if (progress_)
        progress_->cancelled = true;
}

bool LatentEstimatorsPanel::measuring() const
{
    return runner_->busy();
}

void LatentEstimatorsPanel::measure()
{
    const SnapshotPtr snapshot = space_.snapshot();
    const std::shared_ptr<const Dataset> dataset = space_.dataset();
    if (!snapshot || !dataset || dataset->test.count() == 0)
        return;
    if (progress_)
        progress_->cancelled = true;
    progress_ = std::make_shared<Progress>();
    const int images = std::min(measuredImages, dataset->test.count());
    runner_->run(
        [snapshot, dataset, images, progress = progress_] {
            Measurement measurement;
            measurement.step = snapshot->step();
            EstimateControl control;
            control.progress = [progress](int done, int total) {
                progress->done = done;
                progress->total = total;
            };
            control.shouldInterrupt = [progress] { return progress->cancelled.load(); };
            try {
                measurement.results = encoderGradientVariance(*snapshot, dataset->test, images, measuredDraws,
                                                              sampleCounts, measuredSeed, control);
                measurement.completed = true;
            } catch (const EvaluationInterrupted&) {
            }
            return measurement;
        },
        [this](const Measurement& measurement) {
            finish(measurement.results, measurement.step, measurement.completed);
        });
    measure_->setEnabled(false);
    cancel_->setEnabled(true);
    progressBar_->setValue(0);
    progressBar_->show();
    status_->setText(tr("Measuring on the model at step %L1…").arg(snapshot->step()));
    progressTimer_.start();
}

void LatentEstimatorsPanel::cancel()
{
    if (progress_)
        progress_->cancelled = true;
}

void LatentEstimatorsPanel::showProgress()
{
    if (!progress_)
        return;
    progressBar_->setMaximum(std::max(1, progress_->total.load()));
    progressBar_->setValue(progress_->done.load());
}

void LatentEstimatorsPanel::finish(const std::vector<GradientVariance>& results, std::int64_t step, bool completed)
{
    progressTimer_.stop();
    progressBar_->hide();
    cancel_->setEnabled(false);
    measure_->setEnabled(space_.snapshot() != nullptr);
    if (!completed) {
        status_->setText(measured_.empty()
                             ? tr("Stopped before the end.")
                             : tr("Stopped before the end; shown: the model at step %L1.").arg(measuredStep_));
        return;
    }
    measured_ = results;
    measuredStep_ = step;
    plot_->showMeasurement(measured_);
    status_->setText(tr("Measured on the model at step %L1.").arg(step));
    Q_EMIT measured();
}

void LatentEstimatorsPanel::forget()
{
    if (progress_)
        progress_->cancelled = true;
    runner_->invalidate();
    progressTimer_.stop();
    progressBar_->hide();
    cancel_->setEnabled(false);
    measure_->setEnabled(space_.snapshot() != nullptr);
    measured_.clear();
    plot_->clear();
    status_->setText(tr("Not measured: press Measure to compare the estimators on the current model."));
}

} // namespace vae
