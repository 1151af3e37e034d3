#include "ui/latent/PosteriorDensityPlot.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

// Fixed margins around the axis rect, so the view's unit length is known before any layout.
const QMargins axisMargins(44, 6, 8, 34);
const QColor ellipseColour(0xe6, 0x55, 0x0d);
constexpr double bulkNats = 4.5;    // a Gaussian's 3-sigma contour lies 4.5 nats below its peak
constexpr double viewMargin = 0.08; // of the fitted rect's size, around it
constexpr double markReach = 2.0;   // the mark is brought into view if that at most doubles it
constexpr int ellipsePoints = 120;
constexpr double arrowInset = 0.04;  // of the view's size, between the arrow's tip and the edge
constexpr double arrowLength = 0.14; // of the view's smaller side

// The smallest rect holding the cells within bulkNats of the peak.
QRectF bulkOf(const LatentGridDensity& density)
{
    const float peak = *std::max_element(density.values.begin(), density.values.end());
    const auto threshold = float(peak * std::exp(-bulkNats));
    const int n = density.resolution;
    int left = n, right = -1, bottom = n, top = -1;
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column)
            if (density.values[std::size_t(row * n + column)] >= threshold) {
                left = std::min(left, column);
                right = std::max(right, column);
                bottom = std::min(bottom, row);
                top = std::max(top, row);
            }
    const double width = density.cellWidth(0);
    const double height = density.cellWidth(1);
    return QRectF(QPointF(density.minimum[0] + left * width, density.minimum[1] + bottom * height),
                  QPointF(density.minimum[0] + (right + 1) * width, density.minimum[1] + (top + 1) * height));
}

double largerSide(const QRectF& rect)
{
    return std::max(rect.width(), rect.height());
}

QCPColorGradient whiteToBlue()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, Qt::white);
    gradient.setColorStopAt(0.35, QColor(0xc6, 0xdb, 0xef));
    gradient.setColorStopAt(0.7, QColor(0x42, 0x92, 0xc6));
    gradient.setColorStopAt(1.0, QColor(0x08, 0x30, 0x6b));
    return gradient;
}

} // namespace

PosteriorDensityPlot::PosteriorDensityPlot(const QString& xTitle, const QString& yTitle, const QString& gaussianName,
                                           const QString& markName, QWidget* parent)
    : QCustomPlot(parent)
    , heat_(new QCPColorMap(xAxis, yAxis))
    , mark_(addGraph())
    , markArrow_(new QCPItemLine(this))
    , markLabel_(new QCPItemText(this))
{
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setAutoMargins(QCP::msNone);
    axisRect()->setMargins(axisMargins);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    xAxis->setLabel(xTitle);
    yAxis->setLabel(yTitle);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setTickLabelFont(small);
        axis->setLabelFont(small);
        axis->setLabelPadding(2);
        axis->grid()->setPen(QPen(QColor(0, 0, 0, 28)));
        axis->grid()->setLayer(QStringLiteral("overlay")); // over the heat map, which would hide it
        axis->ticker()->setTickCount(5);
    }
    heat_->setGradient(whiteToBlue());
    heat_->setInterpolate(true);

    for (std::size_t sigmas = 0; sigmas < ellipses_.size(); ++sigmas) {
        ellipses_[sigmas] = new QCPCurve(xAxis, yAxis);
        QPen pen(ellipseColour, sigmas == 0 ? 2.0 : 1.5);
        pen.setStyle(sigmas == 0 ? Qt::SolidLine : Qt::DashLine);
        ellipses_[sigmas]->setPen(pen);
    }
    ellipses_[0]->setName(tr("%1 at 1σ").arg(gaussianName));
    ellipses_[1]->setName(tr("at 2σ"));
    mark_->setName(markName);
    legend->clearItems(); // the heat map's shades need no key
    ellipses_[0]->addToLegend();
    ellipses_[1]->addToLegend();
    if (!markName.isEmpty())
        mark_->addToLegend();
    legend->setFont(small);
    legend->setBrush(QColor(255, 255, 255, 210));
    legend->setBorderPen(QPen(QColor(0, 0, 0, 60)));
    legend->setIconSize(22, 10);
    legend->setRowSpacing(0);
    legend->setMargins(QMargins(5, 3, 5, 3));
    mark_->setLineStyle(QCPGraph::lsNone);
    mark_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, QPen(Qt::black, 2), Qt::black, 13));
    markArrow_->setPen(QPen(Qt::black, 1.5));
    markArrow_->setHead(QCPLineEnding::esSpikeArrow);
    markLabel_->setFont(small);
    markLabel_->setPadding(QMargins(3, 1, 3, 1));
    markLabel_->setBrush(QColor(255, 255, 255, 200));
    markArrow_->setVisible(false);
    markLabel_->setVisible(false);
    connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &PosteriorDensityPlot::pointAtMark);
    connect(yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &PosteriorDensityPlot::pointAtMark);
}

void PosteriorDensityPlot::showDensity(const LatentGridDensity& density, const SigmaEllipses& ellipses,
                                       const std::optional<QPointF>& mark)
{
    const int n = density.resolution;
    heat_->data()->setSize(n, n);
    heat_->data()->setRange(
        QCPRange(density.minimum[0] + 0.5 * density.cellWidth(0), density.maximum[0] - 0.5 * density.cellWidth(0)),
        QCPRange(density.minimum[1] + 0.5 * density.cellWidth(1), density.maximum[1] - 0.5 * density.cellWidth(1)));
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column)
            heat_->data()->setCell(column, row, double(density.values[std::size_t(row * n + column)]));
    heat_->setDataRange(QCPRange(0, *std::max_element(density.values.begin(), density.values.end())));

    QRectF fitted = bulkOf(density);
    for (std::size_t sigmas = 0; sigmas < ellipses_.size(); ++sigmas) {
        const double radius = double(sigmas + 1);
        QVector<double> keys, values;
        for (int i = 0; i <= ellipsePoints; ++i) {
            const double angle = 2 * M_PI * i / ellipsePoints;
            keys << ellipses.centre.x() + radius * ellipses.standardDeviation[0] * std::cos(angle);
            values << ellipses.centre.y() + radius * ellipses.standardDeviation[1] * std::sin(angle);
        }
        ellipses_[sigmas]->setData(keys, values);
    }
    const QPointF reach(2.2 * ellipses.standardDeviation[0], 2.2 * ellipses.standardDeviation[1]);
    fitted = fitted.united(QRectF(ellipses.centre - reach, ellipses.centre + reach));
    mark_->data()->clear();
    markPoint_ = mark;
    if (mark) {
        mark_->addData(mark->x(), mark->y());
        const QRectF withMark = fitted.united(QRectF(*mark, QSizeF(0, 0)));
        if (largerSide(withMark) <= markReach * largerSide(fitted))
            fitted = withMark;
    }
    fitted_ = fitted.adjusted(-viewMargin * fitted.width(), -viewMargin * fitted.height(), viewMargin * fitted.width(),
                              viewMargin * fitted.height());
    hasDensity_ = true;
    legend->setVisible(true);
    if (!userMoved_)
        fitView();
    pointAtMark();
    replot(rpQueuedReplot);
}

void PosteriorDensityPlot::clearDensity()
{
    heat_->data()->clear();
    for (QCPCurve* ellipse : ellipses_)
        ellipse->data()->clear();
    mark_->data()->clear();
    markPoint_.reset();
    pointAtMark();
    hasDensity_ = false;
    legend->setVisible(false);
    userMoved_ = false;
    replot(rpQueuedReplot);
}

int PosteriorDensityPlot::heightForWidth(int width) const
{
    return width - axisMargins.left() - axisMargins.right() + axisMargins.top() + axisMargins.bottom();
}

// One latent unit as many pixels along both axes, the fitted rect in the middle.
void PosteriorDensityPlot::fitView()
{
    if (!hasDensity_)
        return;
    const QSize pixels = size().shrunkBy(axisMargins);
    if (pixels.width() <= 0 || pixels.height() <= 0)
        return;
    const double unitsPerPixel = std::max(fitted_.width() / pixels.width(), fitted_.height() / pixels.height());
    xAxis->setRange(fitted_.center().x(), unitsPerPixel * pixels.width(), Qt::AlignCenter);
    yAxis->setRange(fitted_.center().y(), unitsPerPixel * pixels.height(), Qt::AlignCenter);
}

// An arrow from the view's centre towards the mark, its tip just inside the edge it crosses. One
// unit is as long on both axes, so the direction in plot coordinates is the one on screen.
void PosteriorDensityPlot::pointAtMark()
{
    const QCPRange x = xAxis->range();
    const QCPRange y = yAxis->range();
    const bool outside = markPoint_ && !(x.contains(markPoint_->x()) && y.contains(markPoint_->y()));
    markArrow_->setVisible(outside);
    markLabel_->setVisible(outside);
    const QPointF centre(x.center(), y.center());
    const QPointF towards = markPoint_ ? *markPoint_ - centre : QPointF();
    // The legend in the top corner away from the arrow.
    axisRect()->insetLayout()->setInsetAlignment(
        0, Qt::AlignTop | (outside && towards.x() > 0 ? Qt::AlignLeft : Qt::AlignRight));
    if (!outside)
        return;
    const double halfWidth = 0.5 * x.size() * (1 - 2 * arrowInset);
    const double halfHeight = 0.5 * y.size() * (1 - 2 * arrowInset);
    const double reach = std::min(halfWidth / std::max(std::abs(towards.x()), 1e-300),
                                  halfHeight / std::max(std::abs(towards.y()), 1e-300));
    const QPointF tip = centre + reach * towards;
    const double length = std::hypot(towards.x(), towards.y());
    const QPointF tail = tip - arrowLength * std::min(x.size(), y.size()) / length * towards;
    markArrow_->end->setCoords(tip);
    markArrow_->start->setCoords(tail);
    markLabel_->position->setCoords(tail);
    // The mark's coordinates beyond the tail, short enough to stay clear of the legend.
    markLabel_->setText(
        QStringLiteral("(%1, %2)")
            .arg(QLocale().toString(markPoint_->x(), 'g', 3), QLocale().toString(markPoint_->y(), 'g', 3)));
    markLabel_->setPositionAlignment(Qt::AlignHCenter | (towards.y() > 0 ? Qt::AlignTop : Qt::AlignBottom));
}

void PosteriorDensityPlot::resizeEvent(QResizeEvent* event)
{
    if (!userMoved_)
        fitView();
    QCustomPlot::resizeEvent(event);
}

void PosteriorDensityPlot::mousePressEvent(QMouseEvent* event)
{
    userMoved_ = hasDensity_;
    QCustomPlot::mousePressEvent(event);
}

void PosteriorDensityPlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    userMoved_ = false;
    fitView();
    replot(rpQueuedReplot);
    QCustomPlot::mouseDoubleClickEvent(event);
}

void PosteriorDensityPlot::wheelEvent(QWheelEvent* event)
{
    userMoved_ = hasDensity_;
    QCustomPlot::wheelEvent(event);
}

} // namespace vae
