#include "ui/latent/LatentTraversalPanel.h"

#include "core/decode/ExportRecipes.h"
#include "core/decode/LatentTraversals.h"
#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentSpace.h"
#include "ui/widgets/PixelImageLabel.h"
#include "ui/widgets/SheetRowLabels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

namespace vae {
namespace {

// Drawn at whole multiples by the sheet (rule: pixels stay square), so laid out at 1x here.
const TileLayout sheetLayout{1, 1, Qt::white};

struct Traversals {
    QImage sheet;
    QStringList labels;
};

} // namespace

LatentTraversalPanel::LatentTraversalPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , steps_(new QSpinBox(this))
    , centre_(new QLabel(this))
    , sheet_(new PixelImageLabel(360, this))
    , rowLabels_(new SheetRowLabels(*sheet_, this))
    , decoder_(new LatestJobRunner(tr("decoding the latent traversals"), this))
{
    steps_->setRange(fewestTraversalSteps, mostTraversalSteps);
    steps_->setValue(defaultTraversalSteps);
    steps_->setToolTip(tr("Images per row, from -3 to +3 about the centre (an odd number has the centre in the "
                          "middle)"));
    centre_->setToolTip(tr("The plane's reference: zero, or the selected test image when the plane is centred on it"));
    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Traversals, most KL first; steps"), this));
    settings->addWidget(steps_);
    settings->addWidget(centre_, 1);
    sheet_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    sheet_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* pictures = new QHBoxLayout;
    pictures->setSpacing(0);
    pictures->addWidget(rowLabels_);
    pictures->addWidget(sheet_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(settings);
    layout->addLayout(pictures, 1);

    connect(steps_, &QSpinBox::valueChanged, this, &LatentTraversalPanel::decode);
    connect(&space_, &LatentSpace::modelStarted, this, [this] {
        decoder_->invalidate();
        sheet_->clear();
        rowLabels_->setLabels({}, 1, 0);
    });
    for (auto changed : {&LatentSpace::snapshotChanged, &LatentSpace::encodedChanged, &LatentSpace::planeChanged,
                         &LatentSpace::selectionChanged, &LatentSpace::decodeStyleChanged})
        connect(&space_, changed, this, &LatentTraversalPanel::decode);
    connect(decoder_, &LatestJobRunner::failed, this, &LatentTraversalPanel::failed);
    centre_->setText(referenceDescription());
}

int LatentTraversalPanel::steps() const
{
    return steps_->value();
}

void LatentTraversalPanel::setSteps(int steps)
{
    steps_->setValue(steps);
}

std::vector<float> LatentTraversalPanel::reference() const
{
    const auto& encoded = space_.encoded();
    const int selected = space_.selected();
    if (space_.planeChoice().reference != PlaneReference::SelectedImage || !encoded || selected < 0 ||
        selected >= encoded->codes.count || encoded->codes.latentDim != space_.latentDim())
        return {};
    const float* mean = encoded->codes.mean(selected);
    return {mean, mean + encoded->codes.latentDim};
}

QString LatentTraversalPanel::referenceDescription() const
{
    return reference().empty() ? tr("about zero") : tr("about test image #%L1").arg(space_.selected());
}

void LatentTraversalPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    decode();
}

void LatentTraversalPanel::decode()
{
    centre_->setText(referenceDescription());
    const SnapshotPtr snapshot = space_.snapshot();
    if (!snapshot || !isVisible())
        return;
    const auto& encoded = space_.encoded();
    const std::vector<double> kl = encoded ? encoded->kl : std::vector<double>();
    const std::vector<float> centre = reference();
    // A sheet of another shape or centre on its way would show what was asked before; a sheet of
    // an older snapshot is merely a moment old.
    if (centre != requestedReference_ || steps_->value() != requestedSteps_)
        decoder_->invalidate();
    requestedReference_ = centre;
    requestedSteps_ = steps_->value();
    decoder_->run(
        [snapshot, kl, reference = centre, steps = steps_->value(), style = space_.decodeStyle()] {
            Traversals traversals;
            traversals.sheet = decodeTraversalSheet(*snapshot, reference, kl, steps, style, sheetLayout);
            for (int dimension : dimensionsByKl(kl, snapshot->latentDim()))
                traversals.labels << (kl.empty() ? QStringLiteral("z%1").arg(dimension)
                                                 : QStringLiteral("z%1 · %2")
                                                       .arg(dimension)
                                                       .arg(QLocale().toString(kl[std::size_t(dimension)], 'f', 2)));
            return traversals;
        },
        [this, height = snapshot->height()](const Traversals& traversals) {
            sheet_->setImage(traversals.sheet);
            rowLabels_->setLabels(traversals.labels, height, sheetLayout.border);
            Q_EMIT traversalsShown();
        });
}

} // namespace vae
