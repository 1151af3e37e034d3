#include "ui/latent/LatentEstimatorsPlot.h"

#include <QLocale>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae {
namespace {

constexpr GradientEstimator plotted[] = {GradientEstimator::Analytic, GradientEstimator::MonteCarlo,
                                         GradientEstimator::ScoreFunction};
const QColor colours[] = {QColor(0x1f, 0x6f, 0xb4), QColor(0x2a, 0x8a, 0x3a), QColor(0xc8, 0x50, 0x1e)};
constexpr double hoverPixels = 10;

int indexOf(GradientEstimator estimator)
{
    return int(std::find(std::begin(plotted), std::end(plotted), estimator) - std::begin(plotted));
}

void logAxis(QCPAxis* axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(0);
}

} // namespace

LatentEstimatorsPlot::LatentEstimatorsPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setMouseTracking(true);
    for (int i = 0; i < int(std::size(plotted)); ++i) {
        QCPGraph* graph = addGraph();
        graph->setName(estimatorName(plotted[i]));
        graph->setPen(QPen(colours[i], 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colours[i], colours[i], 6));
    }
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    logAxis(yAxis);
    xAxis->setLabel(tr("samples per image, L"));
    QSharedPointer<QCPAxisTickerText> samples(new QCPAxisTickerText);
    for (int count : {1, 2, 5, 10, 50})
        samples->addTick(count, QString::number(count));
    xAxis->setTicker(samples);
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 200));
    // The variances fall with L: the lower left stays clear.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    setMinimumHeight(160);
    clear();
}

QString LatentEstimatorsPlot::estimatorName(GradientEstimator estimator)
{
    switch (estimator) {
    case GradientEstimator::MonteCarlo:
        return tr("A: Monte Carlo KL");
    case GradientEstimator::ScoreFunction:
        return tr("score function");
    case GradientEstimator::Analytic:
        break;
    }
    return tr("B: analytic KL");
}

QCPGraph* LatentEstimatorsPlot::series(GradientEstimator estimator) const
{
    return graph(indexOf(estimator));
}

void LatentEstimatorsPlot::clear()
{
    measured_.clear();
    redraw();
}

void LatentEstimatorsPlot::showMeasurement(const std::vector<GradientVariance>& measured)
{
    measured_ = measured;
    redraw();
}

void LatentEstimatorsPlot::setRelative(bool relative)
{
    relative_ = relative;
    redraw();
}

void LatentEstimatorsPlot::redraw()
{
    double lowest = std::numeric_limits<double>::max();
    double highest = 0;
    for (GradientEstimator estimator : plotted) {
        QVector<double> keys, values;
        for (const GradientVariance& row : measured_) {
            const double value = relative_ ? row.relativeVariance : row.variance;
            // A log axis has no place for zero or a ratio whose mean gradient vanished.
            if (row.estimator != estimator || !(value > 0) || !std::isfinite(value))
                continue;
            keys << row.samples;
            values << value;
            lowest = std::min(lowest, value);
            highest = std::max(highest, value);
        }
        series(estimator)->setData(keys, values, true);
    }
    yAxis->setLabel(relative_ ? tr("variance / squared mean gradient") : tr("gradient variance"));
    xAxis->setRange(0.8, 65);
    if (highest > 0)
        yAxis->setRange(lowest / 2, highest * 2);
    else
        yAxis->setRange(1e-6, 1);
    replot(rpQueuedReplot);
}

void LatentEstimatorsPlot::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    const QPointF at = event->position();
    const GradientVariance* nearest = nullptr;
    double nearestDistance = hoverPixels;
    for (const GradientVariance& row : measured_) {
        const double value = relative_ ? row.relativeVariance : row.variance;
        if (!(value > 0) || !std::isfinite(value))
            continue;
        const QPointF point(xAxis->coordToPixel(row.samples), yAxis->coordToPixel(value));
        const double distance = std::hypot(point.x() - at.x(), point.y() - at.y());
        if (distance < nearestDistance) {
            nearest = &row;
            nearestDistance = distance;
        }
    }
    if (!nearest) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1, L = %2: variance %3, relative to the squared mean gradient %4")
                           .arg(estimatorName(nearest->estimator))
                           .arg(nearest->samples)
                           .arg(QLocale().toString(nearest->variance, 'g', 3))
                           .arg(QLocale().toString(nearest->relativeVariance, 'g', 3)),
                       this);
}

} // namespace vae
