#include "ui/latent/LatentPosteriorPanel.h"

#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentSpace.h"
#include "ui/latent/PosteriorDensityPlot.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace vae {
namespace {

constexpr int computeIntervalMilliseconds = 1000;

QString nats(double value)
{
    return QLocale().toString(value, 'f', 2);
}

QLabel* captionLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace

LatentPosteriorPanel::LatentPosteriorPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , pages_(new QStackedWidget(this))
    , message_(new QLabel(this))
    , heading_(new QLabel(this))
    , latentPlot_(new PosteriorDensityPlot(QStringLiteral("z₁"), QStringLiteral("z₂"), tr("q(z|x)"),
                                           tr("prior mean (0, 0)"), this))
    , standardisedPlot_(new PosteriorDensityPlot(QStringLiteral("ε₁"), QStringLiteral("ε₂"), tr("N(0, I)"), {}, this))
    , figures_(new QLabel(this))
    , status_(new QLabel(this))
    , runner_(new LatestJobRunner(tr("computing the posterior"), this, LatestJobRunner::Priority::Background))
{
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    message_->setMargin(24);
    pages_->addWidget(message_);

    auto* content = new QWidget(this);
    auto* grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 0, 0);
    heading_->setWordWrap(true);
    grid->addWidget(heading_, 0, 0, 1, 2);
    auto* latentCaption = captionLabel(tr("<b>p(z|x)</b> over z, beside the encoder's q(z|x)"), content);
    latentCaption->setToolTip(tr("The true posterior p(x|z) p(z) / p(x), darker where it is denser, and the "
                                 "encoder's Gaussian q(z|x) that stands for it"));
    auto* standardisedCaption =
        captionLabel(tr("<b>p(ε|x)</b> over ε = (z − μ(x)) / σ(x), beside q = N(0, I)"), content);
    standardisedCaption->setToolTip(tr("The same posterior as the reparameterisation z = μ(x) + σ(x) ε sees it: "
                                       "were the encoder exact, it would be N(0, I), the circles"));
    grid->addWidget(latentCaption, 1, 0);
    grid->addWidget(standardisedCaption, 1, 1);
    grid->addWidget(latentPlot_, 2, 0);
    grid->addWidget(standardisedPlot_, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    figures_->setWordWrap(true); // the explanations wrap, so the tab fits beside the docks on a small screen
    grid->addWidget(figures_, 3, 0, 1, 2);
    QPalette faint = status_->palette();
    faint.setColor(QPalette::WindowText, faint.color(QPalette::Disabled, QPalette::WindowText));
    status_->setPalette(faint);
    status_->setWordWrap(true);
    grid->addWidget(status_, 4, 0, 1, 2);
    grid->setRowStretch(5, 1);
    pages_->addWidget(content);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pages_);

    computeTimer_.setSingleShot(true);
    connect(&computeTimer_, &QTimer::timeout, this, &LatentPosteriorPanel::compute);
    connect(&space_, &LatentSpace::modelStarted, this, &LatentPosteriorPanel::startOver);
    connect(&space_, &LatentSpace::selectionChanged, this, &LatentPosteriorPanel::startOver);
    connect(&space_, &LatentSpace::snapshotChanged, this, [this] {
        if (showAvailability()) // the first snapshot tells d_z
            scheduleCompute();
    });
    // A quadrature that does not converge belongs to this view's figures, not to the window's banner.
    connect(runner_, &LatestJobRunner::failed, this, [this](const QString& message) {
        figures_->clear();
        status_->setText(message);
    });
    startOver();
}

QString LatentPosteriorPanel::unavailableReason() const
{
    const SnapshotPtr& snapshot = space_.snapshot();
    const Dataset* dataset = space_.dataset().get();
    if (!snapshot || !dataset)
        return tr("The true posterior of a test image appears here once there is a model: start training or open a "
                  "saved model.");
    if (snapshot->latentDim() != 2)
        return tr("The true posterior p(z|x) is computed by quadrature over a 2-d latent plane, and this model has "
                  "d_z = %1.\nTrain a model with latent size d_z = 2 to see it.")
            .arg(snapshot->latentDim());
    if (space_.selected() < 0 || space_.selected() >= dataset->test.count())
        return tr("Select a test image to see its posterior: bring the test set in front on the latent plane (D) and "
                  "click one of its points.");
    return {};
}

QString LatentPosteriorPanel::message() const
{
    return pages_->currentWidget() == message_ ? message_->text() : QString();
}

void LatentPosteriorPanel::startOver()
{
    runner_->invalidate();
    computeTimer_.stop();
    shown_.reset();
    latentPlot_->clearDensity();
    standardisedPlot_->clearDensity();
    figures_->clear();
    if (showAvailability())
        compute();
}

// The plots' page when there is a posterior to show, else the message saying why not.
bool LatentPosteriorPanel::showAvailability()
{
    const QString reason = unavailableReason();
    message_->setText(reason);
    pages_->setCurrentWidget(reason.isEmpty() ? pages_->widget(1) : message_);
    heading_->setText(
        tr("<b>Test image #%L1</b>: its true posterior, and both sides of log p(x) ≥ ELBO").arg(space_.selected()));
    return reason.isEmpty();
}

void LatentPosteriorPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!shown_ || (space_.snapshot() && shownStep_ != space_.snapshot()->step()))
        compute();
}

// While training publishes snapshots, a second between two computations leaves the cores to it.
void LatentPosteriorPanel::scheduleCompute()
{
    if (!isVisible() || computeTimer_.isActive())
        return;
    const qint64 wait = sinceCompute_.isValid() ? computeIntervalMilliseconds - sinceCompute_.elapsed() : 0;
    computeTimer_.start(int(std::max<qint64>(0, wait)));
}

void LatentPosteriorPanel::compute()
{
    if (!isVisible() || !unavailableReason().isEmpty())
        return;
    const SnapshotPtr snapshot = space_.snapshot();
    const std::shared_ptr<const Dataset> dataset = space_.dataset();
    const int index = space_.selected();
    sinceCompute_.start();
    if (!shown_) // later computations follow the snapshots: the figures shown stay until the next
        status_->setText(tr("Computing the posterior of test image #%L1…").arg(index));
    runner_->run([snapshot, dataset, index] { return imagePosterior(*snapshot, dataset->test, index); },
                 [this, index, step = snapshot->step()](const ImagePosterior& posterior) {
                     showPosterior(posterior, index, step);
                 });
}

void LatentPosteriorPanel::showPosterior(const ImagePosterior& posterior, int index, std::int64_t step)
{
    shown_ = posterior;
    shownStep_ = step;
    const SigmaEllipses encoder{QPointF(posterior.mean[0], posterior.mean[1]), posterior.standardDeviation};
    latentPlot_->showDensity(posterior.quadrature.posterior, encoder, QPointF(0, 0));
    standardisedPlot_->showDensity(posterior.standardised, SigmaEllipses{QPointF(0, 0), {1, 1}});

    const QString row = QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;&nbsp;<b>%2</b></td><td>&nbsp;nats"
                                       "&nbsp;&nbsp;</td><td style='color:gray'>%3</td></tr>");
    figures_->setText(
        QStringLiteral("<table cellspacing='1'>") +
        row.arg(tr("log p(x)"), nats(posterior.logLikelihood()), tr("by quadrature over z, to 0.01 nats")) +
        row.arg(tr("ELBO"), nats(posterior.elbo()),
                tr("= E<sub>q</sub>[log p(x|z)] − KL(q ‖ p(z)) = %1 − %2")
                    .arg(nats(posterior.reconstruction), nats(posterior.kl))) +
        row.arg(tr("KL(q(z|x) ‖ p(z|x))"), nats(posterior.posteriorKl()),
                tr("= log p(x) − ELBO: what the encoder's error costs the bound")) +
        QStringLiteral("</table>"));
    status_->setText(tr("Test image #%L1 at step %L2 · p(z|x) on a %3 × %3 grid")
                         .arg(index)
                         .arg(step)
                         .arg(posterior.quadrature.posterior.resolution));
    Q_EMIT posteriorShown();
}

} // namespace vae
