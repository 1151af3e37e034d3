#include "ui/latent/LatentPlanePanel.h"

#include "core/latent/LatentAxisScale.h"
#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentLegend.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSpace.h"

#include <QVBoxLayout>

#include <algorithm>

namespace vae {

LatentPlanePanel::LatentPlanePanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , controls_(new LatentPlaneControls(this))
    , view_(new LatentPlaneView(this))
    , legend_(new LatentLegend(this))
    , gridDecoder_(new LatestJobRunner(tr("decoding the latent grid"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(controls_);
    layout->addWidget(view_, 1);
    layout->addWidget(legend_);
    legend_->hide();

    connect(&space_, &LatentSpace::modelStarted, this, &LatentPlanePanel::startModel);
    connect(&space_, &LatentSpace::snapshotChanged, this, [this] {
        if (controls_->dimensionCount() != space_.latentDim())
            showDimensions();
        decodeGrid();
    });
    connect(&space_, &LatentSpace::encodedChanged, this, [this] {
        showDimensions();
        showPoints();
    });
    connect(&space_, &LatentSpace::planeChanged, this, &LatentPlanePanel::planeChanged);
    connect(&space_, &LatentSpace::decodeStyleChanged, this, &LatentPlanePanel::decodeGrid);
    connect(&space_, &LatentSpace::selectionChanged, this, [this] { view_->setSelected(space_.selected()); });
    connect(&space_, &LatentSpace::cursorChanged, this, [this] { view_->setCursorPoint(space_.cursor()); });
    connect(controls_, &LatentPlaneControls::choiceChanged, this, [this](const PlaneChoice& choice) {
        space_.choosePlane(choice);
        controls_->showChoice(space_.planeChoice());
    });
    connect(controls_, &LatentPlaneControls::gridChanged, this, &LatentPlanePanel::gridSettingsChanged);
    connect(controls_, &LatentPlaneControls::layersChanged, this, &LatentPlanePanel::showLayers);
    connect(view_, &LatentPlaneView::cursorMoved, &space_, &LatentSpace::setCursor);
    connect(view_, &LatentPlaneView::pointClicked, &space_, &LatentSpace::select);
    connect(gridDecoder_, &LatestJobRunner::failed, this, &LatentPlanePanel::failed);
    showLayers();
    showAxisTitles();
}

void LatentPlanePanel::startModel()
{
    gridDecoder_->invalidate();
    view_->clearGrid();
    view_->setPoints({}, space_.dataset());
    view_->setSelected(-1);
    view_->setCursorPoint(space_.cursor());
    controls_->showDimensions({}, {});
    const Dataset* dataset = space_.dataset().get();
    const std::vector<std::int32_t> noLabels;
    const std::vector<std::int32_t>& labels = dataset ? dataset->test.labels : noLabels;
    const int labelCount = labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
    legend_->showClasses(dataset, labelCount);
}

void LatentPlanePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    decodeGrid(); // it skipped the snapshots that came while it was hidden
}

void LatentPlanePanel::decodeGrid()
{
    const SnapshotPtr snapshot = space_.snapshot();
    if (!snapshot || !isVisible() || space_.plane().latentDim() != snapshot->latentDim())
        return;
    const GridSettings grid = controls_->grid();
    gridDecoder_->run(
        [snapshot, plane = space_.plane(), grid, style = space_.decodeStyle()] {
            // Converted here, off the GUI thread, to the format the view paints fastest.
            return decodeGridImage(*snapshot, plane, grid.cells, grid.range, grid.spacing, style)
                .convertToFormat(QImage::Format_RGB32);
        },
        [this, grid](const QImage& image) {
            const auto [low, high] = gridViewExtent(grid.cells, grid.range, grid.spacing);
            view_->setGrid(image, QRectF(QPointF(low, low), QPointF(high, high)));
            Q_EMIT gridShown();
        });
}

void LatentPlanePanel::gridSettingsChanged()
{
    gridDecoder_->invalidate(); // a grid with the old settings would land on the new axes
    view_->setSpacing(controls_->grid().spacing);
    decodeGrid();
}

void LatentPlanePanel::planeChanged()
{
    gridDecoder_->invalidate();
    decodeGrid();
    showPoints();
    showAxisTitles();
}

void LatentPlanePanel::showDimensions()
{
    const auto& encoded = space_.encoded();
    controls_->showDimensions(space_.dimensionsByKl(), encoded ? encoded->kl : std::vector<double>());
    controls_->showChoice(space_.planeChoice());
}

void LatentPlanePanel::showPoints()
{
    const auto& encoded = space_.encoded();
    const LatentPlane& plane = space_.plane();
    QVector<QPointF> points;
    if (encoded && encoded->codes.latentDim == plane.latentDim()) {
        points.reserve(encoded->codes.count);
        for (int i = 0; i < encoded->codes.count; ++i) {
            const auto [a, b] = plane.coordinates(encoded->codes.mean(i));
            points.append(QPointF(a, b));
        }
    }
    view_->setPoints(points, space_.dataset());
}

void LatentPlanePanel::showAxisTitles()
{
    const PlaneChoice& choice = space_.planeChoice();
    const bool components = choice.axes == PlaneAxes::PrincipalComponents && space_.encoded();
    const QString x = components ? tr("first principal component") : QStringLiteral("z%1").arg(choice.axisX);
    const QString y = components ? tr("second principal component") : QStringLiteral("z%1").arg(choice.axisY);
    view_->setAxisTitles(x, space_.latentDim() > 1 ? y : QString());
}

void LatentPlanePanel::showLayers()
{
    view_->setGridVisible(controls_->gridVisible());
    view_->setPointsVisible(controls_->pointsVisible());
    view_->setPointOpacity(controls_->pointOpacity());
}

} // namespace vae
