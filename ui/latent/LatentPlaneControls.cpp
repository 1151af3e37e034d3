#include "ui/latent/LatentPlaneControls.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace vae {
namespace {

QHBoxLayout* row(QVBoxLayout* rows)
{
    auto* layout = new QHBoxLayout;
    layout->setSpacing(6);
    rows->addLayout(layout);
    return layout;
}

void selectData(QComboBox* box, int value)
{
    const int index = box->findData(value);
    if (index >= 0)
        box->setCurrentIndex(index);
}

} // namespace

LatentPlaneControls::LatentPlaneControls(QWidget* parent)
    : QWidget(parent)
    , axes_(new QComboBox(this))
    , axisX_(new QComboBox(this))
    , axisY_(new QComboBox(this))
    , reference_(new QComboBox(this))
    , cells_(new QSpinBox(this))
    , spacing_(new QComboBox(this))
    , range_(new QDoubleSpinBox(this))
    , showGrid_(new QCheckBox(tr("grid"), this))
    , showPoints_(new QCheckBox(tr("test set"), this))
    , showPath_(new QCheckBox(tr("path"), this))
    , dataInFront_(new QCheckBox(tr("test set in front (D)"), this))
    , cellsShown_(new QLabel(this))
{
    axes_->addItem(tr("Dimensions"), int(PlaneAxes::Dimensions));
    axes_->addItem(tr("Principal components"), int(PlaneAxes::PrincipalComponents));
    axes_->setToolTip(tr("Two latent dimensions, or the first two principal components of the encoded test set"));
    for (QComboBox* box : {axisX_, axisY_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setToolTip(tr("Dimensions are listed by their KL over the test set: the informative ones first"));
    }
    reference_->addItem(tr("zero"), int(PlaneReference::Zero));
    reference_->addItem(tr("selected image"), int(PlaneReference::SelectedImage));
    reference_->setToolTip(tr("Where the coordinates off the plane are held"));
    cells_->setRange(5, 40);
    cells_->setValue(GridSettings{}.cells);
    cells_->setToolTip(tr("Images along each side of the grid"));
    spacing_->addItem(tr("linear"), int(GridSpacing::Linear));
    spacing_->addItem(tr("quantiles"), int(GridSpacing::Quantile));
    spacing_->setToolTip(tr("Normal quantiles: every cell holds the same prior mass, as in the paper's figure"));
    range_->setRange(0.5, 10.0);
    range_->setSingleStep(0.5);
    range_->setDecimals(1);
    range_->setPrefix(QStringLiteral("± "));
    range_->setValue(GridSettings{}.range);
    range_->setToolTip(tr("The linear grid spans [-r, r] on each axis"));
    showGrid_->setChecked(true);
    showGrid_->setToolTip(tr("The images decoded over the plane"));
    showPoints_->setChecked(true);
    showPath_->setChecked(true);
    showPath_->setToolTip(tr("The Interpolation tab's path and its two ends"));
    showPoints_->setToolTip(tr("The posterior means of the test images, coloured by label"));
    // One key swaps the layers from anywhere in the window, as the plane's tooltip says.
    dataInFront_->setObjectName(QStringLiteral("dataInFront"));
    dataInFront_->setShortcut(QKeySequence(Qt::Key_D));
    dataInFront_->setToolTip(tr("The test set drawn to be read (hover shows an image, a click selects it) over a "
                                "faded grid, instead of faint dots under the grid's images (D)"));
    cellsShown_->setToolTip(tr("Cells smaller than their images would blur them: the plane shows as many as fit "
                               "at 1:1. Enlarge the window, or choose fewer."));
    cellsShown_->hide();

    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    QHBoxLayout* axesRow = row(rows);
    axesRow->addWidget(new QLabel(tr("Axes"), this));
    axesRow->addWidget(axes_);
    axesRow->addWidget(new QLabel(tr("x"), this));
    axesRow->addWidget(axisX_);
    axesRow->addWidget(new QLabel(tr("y"), this));
    axesRow->addWidget(axisY_);
    axesRow->addStretch(1);
    QHBoxLayout* gridRow = row(rows);
    gridRow->addWidget(new QLabel(tr("Others at"), this));
    gridRow->addWidget(reference_);
    gridRow->addSpacing(8);
    gridRow->addWidget(new QLabel(tr("Grid"), this));
    gridRow->addWidget(cells_);
    gridRow->addWidget(spacing_);
    gridRow->addWidget(range_);
    gridRow->addWidget(cellsShown_);
    gridRow->addStretch(1);
    QHBoxLayout* layersRow = row(rows);
    layersRow->addWidget(new QLabel(tr("Show"), this));
    layersRow->addWidget(showGrid_);
    layersRow->addWidget(showPoints_);
    layersRow->addWidget(showPath_);
    layersRow->addWidget(dataInFront_);
    layersRow->addStretch(1);

    for (QComboBox* box : {axes_, axisX_, axisY_, reference_})
        connect(box, &QComboBox::activated, this, [this, box] {
            // Picking the other axis's dimension swaps the two, rather than leaving no plane.
            if (box == axisX_ && choice().axisX == shown_.axisY)
                selectData(axisY_, shown_.axisX);
            else if (box == axisY_ && choice().axisY == shown_.axisX)
                selectData(axisX_, shown_.axisY);
            shown_ = choice();
            enableChoices();
            Q_EMIT choiceChanged(shown_);
        });
    connect(cells_, &QSpinBox::valueChanged, this, [this] { Q_EMIT gridChanged(grid()); });
    connect(range_, &QDoubleSpinBox::valueChanged, this, [this] { Q_EMIT gridChanged(grid()); });
    connect(spacing_, &QComboBox::currentIndexChanged, this, [this] {
        enableChoices();
        Q_EMIT gridChanged(grid());
    });
    connect(showGrid_, &QCheckBox::toggled, this, &LatentPlaneControls::layersChanged);
    connect(showPoints_, &QCheckBox::toggled, this, [this] {
        enableChoices();
        Q_EMIT layersChanged();
    });
    connect(showPath_, &QCheckBox::toggled, this, &LatentPlaneControls::layersChanged);
    connect(dataInFront_, &QCheckBox::toggled, this, &LatentPlaneControls::layersChanged);
    enableChoices();
}

void LatentPlaneControls::showDimensions(const std::vector<int>& order, const std::vector<double>& kl)
{
    latentDim_ = int(order.size());
    // Rebuilding a list the user has open would snatch it away; the next encoding updates it.
    if (axisX_->view()->isVisible() || axisY_->view()->isVisible())
        return;
    const PlaneChoice current = choice();
    fillAxisBox(axisX_, order, kl);
    fillAxisBox(axisY_, order, kl);
    showChoice(current);
}

void LatentPlaneControls::fillAxisBox(QComboBox* box, const std::vector<int>& order, const std::vector<double>& kl)
{
    box->clear();
    for (int dimension : order) {
        const QString name = QStringLiteral("z%1").arg(dimension);
        box->addItem(kl.empty() ? name : tr("%1  · KL %2").arg(name).arg(kl[std::size_t(dimension)], 0, 'f', 2),
                     dimension);
    }
}

void LatentPlaneControls::showChoice(const PlaneChoice& choice)
{
    selectData(axes_, int(choice.axes));
    selectData(axisX_, choice.axisX);
    selectData(axisY_, choice.axisY);
    selectData(reference_, int(choice.reference));
    shown_ = choice;
    enableChoices();
}

void LatentPlaneControls::setGrid(const GridSettings& grid)
{
    cells_->setValue(grid.cells);
    range_->setValue(grid.range);
    selectData(spacing_, int(grid.spacing));
}

void LatentPlaneControls::enableChoices()
{
    const bool dimensions = axes_->currentData().toInt() == int(PlaneAxes::Dimensions);
    axisX_->setEnabled(dimensions && latentDim_ > 1);
    axisY_->setEnabled(dimensions && latentDim_ > 1);
    reference_->setEnabled(latentDim_ > 2 || (!dimensions && latentDim_ > 1));
    range_->setEnabled(spacing_->currentData().toInt() == int(GridSpacing::Linear));
    dataInFront_->setEnabled(showPoints_->isChecked());
}

PlaneChoice LatentPlaneControls::choice() const
{
    PlaneChoice choice;
    choice.axes = PlaneAxes(axes_->currentData().toInt());
    choice.axisX = axisX_->currentData().isValid() ? axisX_->currentData().toInt() : 0;
    choice.axisY = axisY_->currentData().isValid() ? axisY_->currentData().toInt() : 1;
    choice.reference = PlaneReference(reference_->currentData().toInt());
    return choice;
}

GridSettings LatentPlaneControls::grid() const
{
    return {cells_->value(), range_->value(), GridSpacing(spacing_->currentData().toInt())};
}

bool LatentPlaneControls::gridVisible() const
{
    return showGrid_->isChecked();
}

bool LatentPlaneControls::pointsVisible() const
{
    return showPoints_->isChecked();
}

bool LatentPlaneControls::dataInFront() const
{
    return dataInFront_->isChecked() && showPoints_->isChecked();
}

bool LatentPlaneControls::pathVisible() const
{
    return showPath_->isChecked();
}

void LatentPlaneControls::showCellsShown(int cells)
{
    cellsShown_->setText(tr("%1 fit").arg(cells));
    cellsShown_->setVisible(cells < cells_->value());
}

} // namespace vae
