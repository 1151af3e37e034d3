#include "ui/latent/LatentCollapseWarning.h"

#include "core/decode/LatentCodes.h"
#include "ui/latent/LatentSpace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>

#include <numeric>

namespace vae {
namespace {

// Judged from the end of the first epoch on: in a run's first seconds the KL still rises from
// zero (a Fashion-MNIST model has under a nat for five seconds or so), which is no collapse.
bool trainedAnEpoch(const EncodedTestSet& encoded, const ModelSnapshot& model, const Dataset* dataset)
{
    const std::int64_t batch = std::max(1, model.config().batchSize);
    return dataset && encoded.step >= (dataset->train.count() + batch - 1) / batch;
}

} // namespace

LatentCollapseWarning::LatentCollapseWarning(LatentSpace& space, QWidget* parent)
    : QFrame(parent)
    , space_(space)
    , text_(new QLabel(this))
{
    setObjectName(QStringLiteral("collapseWarning"));
    // The message banner's warning look: one kind of yellow strip in the window.
    setStyleSheet(QStringLiteral("QFrame#collapseWarning { background: #fff6dc; border: 1px solid #e5c46b; "
                                 "border-radius: 3px; } QLabel { color: #202020; }"));
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::PlainText);
    auto* icon = new QLabel(this);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(side, side));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(text_, 1);
    connect(&space_, &LatentSpace::modelStarted, this, &LatentCollapseWarning::judge);
    connect(&space_, &LatentSpace::snapshotChanged, this, &LatentCollapseWarning::judge);
    connect(&space_, &LatentSpace::encodedChanged, this, &LatentCollapseWarning::judge);
    judge();
}

QString LatentCollapseWarning::message() const
{
    return warns_ ? text_->text() : QString();
}

void LatentCollapseWarning::judge()
{
    const auto& encoded = space_.encoded();
    const SnapshotPtr& snapshot = space_.snapshot();
    const double totalKl = encoded ? std::accumulate(encoded->kl.begin(), encoded->kl.end(), 0.0) : 0.0;
    warns_ = snapshot && encoded && encoded->codes.latentDim == snapshot->latentDim() &&
        trainedAnEpoch(*encoded, *snapshot, space_.dataset().get()) &&
        posteriorCollapsed(encoded->activeUnits, encoded->codes.latentDim, totalKl);
    if (warns_) {
        const QString what =
            tr("Posterior collapse: %1 of %2 latent dimensions are active (their posterior mean varies over the test "
               "set), and together they carry %3 nats of KL per image: the posterior barely leaves the prior.")
                .arg(encoded->activeUnits)
                .arg(encoded->codes.latentDim)
                .arg(QLocale().toString(totalKl, 'f', 2));
        const QString tryThis = snapshot->config().objective == TrainingObjective::Prior
            ? tr("The prior-samples objective trains no encoder: choose the ELBO to use the latent space.")
            : tr("Try a KL warm-up, a lower β, or a smaller decoder (fewer or narrower hidden layers).");
        text_->setText(what + QLatin1Char(' ') + tryThis);
    }
    setVisible(warns_);
}

} // namespace vae
