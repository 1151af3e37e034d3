#include "ui/latent/LatentKlChart.h"

#include "core/decode/LatentCodes.h"
#include "core/decode/LatentTraversals.h"

#include <QLocale>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vae {
namespace {

const QColor activeColour(0x1f, 0x6f, 0xb4);
const QColor inactiveColour(0xb0, 0xb0, 0xb0);
constexpr int widestTickLabelsShown = 32; // beyond this, every other tick, and so on

QCPBars* barSeries(QCustomPlot* plot, const QColor& colour, const QString& name)
{
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    bars->setPen(QPen(colour.darker(130)));
    bars->setBrush(colour);
    bars->setWidth(0.7);
    return bars;
}

} // namespace

LatentKlChart::LatentKlChart(QWidget* parent)
    : QCustomPlot(parent)
    , active_(barSeries(this, activeColour, tr("active")))
    , inactive_(barSeries(this, inactiveColour, tr("inactive")))
    , ticker_(new QCPAxisTickerText)
{
    setMouseTracking(true);
    xAxis->setTicker(ticker_);
    xAxis->setLabel(tr("latent dimension"));
    xAxis->grid()->setVisible(false);
    yAxis->setLabel(tr("KL (nats)"));
    yAxis->ticker()->setTickCount(3); // the chart is short: a few round figures
    // Beside the bars, not over them (the tallest may stand anywhere), at the top of its column.
    legend->setVisible(true);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    axisRect()->insetLayout()->take(legend);
    auto* side = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, side);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, legend);
    side->addElement(1, 0, new QCPTextElement(this)); // empty, but unlike an empty grid it stretches
    side->setRowStretchFactor(0, 0.001);
    setMinimumHeight(100);
    clear();
}

void LatentKlChart::clear()
{
    kl_.clear();
    meanVariances_.clear();
    redraw();
}

void LatentKlChart::showEncoding(const std::vector<double>& kl, const std::vector<double>& meanVariances)
{
    kl_ = kl;
    meanVariances_ = meanVariances.size() == kl.size() ? meanVariances : std::vector<double>(kl.size(), 0.0);
    redraw();
}

void LatentKlChart::setSortedByKl(bool sorted)
{
    if (sorted == sorted_)
        return;
    sorted_ = sorted;
    redraw();
}

int LatentKlChart::dimensionAt(int position) const
{
    return position >= 0 && position < int(order_.size()) ? order_[std::size_t(position)] : -1;
}

void LatentKlChart::redraw()
{
    const int dims = int(kl_.size());
    if (sorted_) {
        order_ = dimensionsByKl(kl_, dims);
    } else {
        order_.resize(std::size_t(dims));
        std::iota(order_.begin(), order_.end(), 0);
    }
    QVector<double> activeKeys, activeValues, inactiveKeys, inactiveValues;
    ticker_->clear();
    const int tickStride = std::max(1, (dims + widestTickLabelsShown - 1) / widestTickLabelsShown);
    for (int position = 0; position < dims; ++position) {
        const int dimension = order_[std::size_t(position)];
        const bool active = meanVariances_[std::size_t(dimension)] > activeUnitThreshold;
        (active ? activeKeys : inactiveKeys) << position;
        (active ? activeValues : inactiveValues) << kl_[std::size_t(dimension)];
        if (position % tickStride == 0)
            ticker_->addTick(position, QString::number(dimension));
    }
    active_->setData(activeKeys, activeValues, true);
    inactive_->setData(inactiveKeys, inactiveValues, true);
    const double largest = kl_.empty() ? 1.0 : *std::max_element(kl_.begin(), kl_.end());
    xAxis->setRange(-0.6, std::max(1, dims) - 0.4);
    yAxis->setRange(0, largest > 0 ? largest * 1.15 : 1.0);
    // At most once an encoding, a second apart: no need to batch (rule "Throttle the views").
    replot(rpQueuedReplot);
}

void LatentKlChart::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    const int position = int(std::lround(xAxis->pixelToCoord(event->position().x())));
    const int dimension = dimensionAt(position);
    if (dimension < 0 || !axisRect()->rect().contains(event->position().toPoint())) {
        QToolTip::hideText();
        return;
    }
    const double variance = meanVariances_[std::size_t(dimension)];
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("dimension %1: KL %2 nats; its posterior mean varies over the test set by %3 (%4)")
                           .arg(dimension)
                           .arg(QLocale().toString(kl_[std::size_t(dimension)], 'f', 3))
                           .arg(QLocale().toString(variance, 'g', 3))
                           .arg(variance > activeUnitThreshold ? tr("active") : tr("inactive")),
                       this);
}

} // namespace vae
