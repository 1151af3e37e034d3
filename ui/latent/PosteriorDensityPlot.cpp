#include "ui/latent/PosteriorDensityPlot.h"

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

// Fixed margins around the axis rect, so the view's unit length is known before any layout.
const QMargins axisMargins(44, 6, 8, 34);
constexpr double bulkNats = 4.5;    // a Gaussian's 3-sigma contour lies 4.5 nats below its peak
constexpr double viewMargin = 0.08; // of the fitted rect's size, around it
constexpr double markReach = 2.0;   // the mark is brought into view if that at most doubles it
constexpr int ellipsePoints = 120;

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

QColor PosteriorDensityPlot::ellipseColour()
{
    return {0xe6, 0x55, 0x0d};
}

PosteriorDensityPlot::PosteriorDensityPlot(const QString& xTitle, const QString& yTitle, QWidget* parent)
    : QCustomPlot(parent)
    , heat_(new QCPColorMap(xAxis, yAxis))
    , mark_(addGraph())
{
    setMinimumSize(160, 160);
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
        QPen pen(ellipseColour(), sigmas == 0 ? 2.0 : 1.5);
        pen.setStyle(sigmas == 0 ? Qt::SolidLine : Qt::DashLine);
        ellipses_[sigmas]->setPen(pen);
    }
    mark_->setLineStyle(QCPGraph::lsNone);
    mark_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, QPen(Qt::black, 2), Qt::black, 13));
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
    if (mark) {
        mark_->addData(mark->x(), mark->y());
        const QRectF withMark = fitted.united(QRectF(*mark, QSizeF(0, 0)));
        if (largerSide(withMark) <= markReach * largerSide(fitted))
            fitted = withMark;
    }
    fitted_ = fitted.adjusted(-viewMargin * fitted.width(), -viewMargin * fitted.height(), viewMargin * fitted.width(),
                              viewMargin * fitted.height());
    hasDensity_ = true;
    if (!userMoved_)
        fitView();
    replot(rpQueuedReplot);
}

void PosteriorDensityPlot::clearDensity()
{
    heat_->data()->clear();
    for (QCPCurve* ellipse : ellipses_)
        ellipse->data()->clear();
    mark_->data()->clear();
    hasDensity_ = false;
    userMoved_ = false;
    replot(rpQueuedReplot);
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
