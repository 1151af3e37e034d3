#include "ui/latent/LatentExplorer.h"

#include "ui/latent/LatentCollapseWarning.h"
#include "ui/latent/LatentCursorPreview.h"
#include "ui/latent/LatentDimensionsPanel.h"
#include "ui/latent/LatentEstimatorsPanel.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPosteriorPanel.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSelectionPanel.h"
#include "ui/latent/LatentSpace.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace vae {
namespace {

constexpr int sideColumnWidth = 220; // room for a large preview beside the tabs

} // namespace

LatentExplorer::LatentExplorer(QWidget* parent)
    : QWidget(parent)
    , space_(new LatentSpace(this))
    , tabs_(new QTabWidget(this))
    , plane_(new LatentPlanePanel(*space_, this))
    , samples_(new LatentSamplesPanel(*space_, this))
    , interpolation_(new LatentInterpolationPanel(*space_, this))
    , posterior_(new LatentPosteriorPanel(*space_, this))
    , dimensions_(new LatentDimensionsPanel(*space_, this))
    , estimators_(new LatentEstimatorsPanel(*space_, this))
    , collapseWarning_(new LatentCollapseWarning(*space_, this))
    , preview_(new LatentCursorPreview(*space_, this))
    , selection_(new LatentSelectionPanel(*space_, this))
{
    tabs_->setDocumentMode(true);
    // Short names, so that all six fit the tab bar of a 1024-pixel window; the tooltips say more.
    const struct {
        QWidget* view;
        QString name;
        QString about;
    } tabViews[] = {
        {plane_, tr("Plane"), tr("The latent plane: decoded images in a grid under the encoded test set")},
        {samples_, tr("Samples"), tr("Images decoded from draws of the prior z ~ N(0, I)")},
        {interpolation_, tr("Path"), tr("Interpolation: images decoded along a path between two images or points")},
        {posterior_, tr("Posterior"), tr("The selected test image's true posterior p(z|x) beside q(z|x)")},
        {dimensions_, tr("Dimensions"), tr("The KL of each latent dimension, the active units, and traversals")},
        {estimators_, tr("Estimators"), tr("The variance of the gradient estimators of the ELBO")},
    };
    for (const auto& view : tabViews)
        tabs_->setTabToolTip(tabs_->addTab(view.view, view.name), view.about);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(createDecoderOutputChoice());
    sideLayout->addWidget(preview_);
    auto* rule = new QFrame(side);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    sideLayout->addWidget(rule);
    sideLayout->addWidget(selection_);
    sideLayout->addStretch(1);

    // The warning above the tabs, not in one: whichever view is up, collapse is worth knowing.
    auto* views = new QWidget(this);
    auto* viewsLayout = new QVBoxLayout(views);
    viewsLayout->setContentsMargins(0, 0, 0, 0);
    viewsLayout->addWidget(collapseWarning_);
    viewsLayout->addWidget(tabs_, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(views);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({3 * sideColumnWidth, sideColumnWidth});
    splitter->setCollapsible(0, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(space_, &LatentSpace::failed, this, &LatentExplorer::failed);
    connect(plane_, &LatentPlanePanel::failed, this, &LatentExplorer::failed);
    connect(samples_, &LatentSamplesPanel::failed, this, &LatentExplorer::failed);
    connect(interpolation_, &LatentInterpolationPanel::failed, this, &LatentExplorer::failed);
    connect(dimensions_, &LatentDimensionsPanel::failed, this, &LatentExplorer::failed);
    connect(estimators_, &LatentEstimatorsPanel::failed, this, &LatentExplorer::failed);
    connect(preview_, &LatentCursorPreview::failed, this, &LatentExplorer::failed);
    connect(selection_, &LatentSelectionPanel::failed, this, &LatentExplorer::failed);
}

LatentExplorer::~LatentExplorer() = default;

QWidget* LatentExplorer::createDecoderOutputChoice()
{
    auto* choice = new QWidget(this);
    auto* output = new QComboBox(choice);
    output->addItem(tr("decoder means"), int(DecoderOutput::Mean));
    output->addItem(tr("decoder samples"), int(DecoderOutput::Sample));
    output->setToolTip(tr("The mean of p(x|z) (Bernoulli probabilities or Gaussian means), or one draw from it"));
    // The label above the choice, not beside it: the side column stays narrow enough for the
    // window to fit a 1024-pixel screen.
    auto* layout = new QVBoxLayout(choice);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(new QLabel(tr("Decoded images show"), choice));
    layout->addWidget(output);
    connect(output, &QComboBox::currentIndexChanged, this,
            [this, output] { space_->setDecoderOutput(DecoderOutput(output->currentData().toInt())); });
    // A restored session sets the output on the space: the choice shows it.
    connect(space_, &LatentSpace::decodeStyleChanged, output,
            [this, output] { output->setCurrentIndex(output->findData(int(space_->decodeStyle().output))); });
    return choice;
}

// A hidden explorer (a minimised window) leaves the cores to the training.
void LatentExplorer::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    space_->setActive(true);
}

void LatentExplorer::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    space_->setActive(false);
}

void LatentExplorer::showRun(const RunInfo& run)
{
    space_->startModel(run.dataset);
}

void LatentExplorer::showSnapshot(const SnapshotPtr& snapshot)
{
    space_->setSnapshot(snapshot);
}

} // namespace vae
