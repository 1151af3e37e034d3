#include "ui/curves/CurvesPlot.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

// Enough points for a stable estimate of where most of the data lies, however long the run.
constexpr int rangeSampleSize = 4000;
// The y axes leave out the most extreme 1% at each end (the first steps of a run are far below
// everything after them), so the part that changes stays readable.
constexpr double rangeQuantile = 0.01;
constexpr int dataReplotMilliseconds = 100;

QPen cosmeticPen(const QColor& colour, double width)
{
    QPen pen(colour);
    pen.setWidthF(width);
    return pen;
}

QString nats(double value)
{
    return QLocale().toString(value, 'f', 2);
}

} // namespace

CurvesPlot::CurvesPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setNoAntialiasingOnDrag(true);
    setAutoAddPlottableToLegend(false); // the legend explains the drawing, not each graph
    // New data is drawn at most this often: a replot costs a few ms of the GUI thread, which
    // shares the cores with training.
    dataReplot_.setSingleShot(true);
    dataReplot_.setInterval(dataReplotMilliseconds);
    connect(&dataReplot_, &QTimer::timeout, this, &CurvesPlot::replotNewData);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plotLayout()->clear();
    plotLayout()->setRowSpacing(0);
    auto* margins = new QCPMarginGroup(this);
    // The legend takes its natural width at the left of the top row; an empty cell takes the rest.
    auto* legendRow = new QCPLayoutGrid;
    plotLayout()->addElement(0, 0, legendRow);
    plotLayout()->setRowStretchFactor(0, 0.001);
    auto* curvesLegend = new QCPLegend;
    legendRow->addElement(0, 0, curvesLegend);
    legendRow->addElement(0, 1, new QCPTextElement(this)); // empty, but unlike an empty grid it stretches
    legendRow->setColumnStretchFactor(0, 0.001);
    const std::array<std::pair<QString, QColor>, 3> looks{{
        {tr("ELBO"), QColor(0x1f, 0x6f, 0xb4)},
        {tr("reconstruction"), QColor(0x2a, 0x8a, 0x3a)},
        {tr("KL"), QColor(0xc8, 0x50, 0x1e)},
    }};
    for (int i = 0; i < int(curves_.size()); ++i) {
        auto* rect = new QCPAxisRect(this);
        plotLayout()->addElement(i + 1, 0, rect);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        setUpCurve(curves_[i], rect, looks[i].first, looks[i].second);
        const bool bottom = i + 1 == int(curves_.size());
        rect->axis(QCPAxis::atBottom)->setTickLabels(bottom);
        if (bottom)
            rect->axis(QCPAxis::atBottom)->setLabel(tr("step"));
    }
    setUpLikelihood();
    fillLegend(curvesLegend);
    linkAxes();
    fitRanges();
}

// One legend for the three plots: it explains the drawing (faint, solid, points); each plot's
// axis names its quantity and colour.
void CurvesPlot::fillLegend(QCPLegend* curvesLegend)
{
    curvesLegend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    curvesLegend->setBorderPen(Qt::NoPen);
    curvesLegend->setBrush(Qt::NoBrush);
    curvesLegend->setFont(smallFont());
    curvesLegend->setMargins(QMargins(0, 2, 0, 0));
    // No taller than the text, which QCustomPlot aligns to the top of the icon.
    curvesLegend->setIconSize(18, QFontMetrics(smallFont()).ascent());
    QCPAxisRect* rect = curves_.front().rect;
    const QColor ink(0x50, 0x50, 0x50);
    QColor faint = ink;
    faint.setAlpha(110);
    const std::array<std::pair<QString, QPen>, 2> lines{
        {{tr("per step"), cosmeticPen(faint, 1)}, {tr("smoothed"), cosmeticPen(ink, 2)}}};
    for (const auto& [name, pen] : lines) {
        QCPGraph* key = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        key->setName(name);
        key->setPen(pen);
        key->addToLegend(curvesLegend);
    }
    QCPGraph* testKey = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    testKey->setName(tr("test set (epochs)"));
    testKey->setLineStyle(QCPGraph::lsNone);
    testKey->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, cosmeticPen(ink, 1.5), Qt::white, 7));
    testKey->addToLegend(curvesLegend);
}

// The log p(x) series on the ELBO plot: the two bounds on the same images as lines with points,
// the gap between them filled, and at the latest point a bracket naming what the gap is.
void CurvesPlot::setUpLikelihood()
{
    QCPAxisRect* rect = curves_[Elbo].rect;
    QCPAxis* keyAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
    const QColor likelihoodColour(0x6a, 0x3d, 0x9a);
    const QColor elboColour = curves_[Elbo].trend->pen().color().darker(140);
    subsetElboGraph_ = addGraph(keyAxis, valueAxis);
    subsetElboGraph_->setName(tr("ELBO, same images"));
    subsetElboGraph_->setPen(QPen(elboColour, 1.5, Qt::DashLine));
    subsetElboGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, elboColour, 5));
    likelihoodGraph_ = addGraph(keyAxis, valueAxis);
    likelihoodGraph_->setName(tr("log p(x), importance sampled"));
    likelihoodGraph_->setPen(cosmeticPen(likelihoodColour, 2));
    likelihoodGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, likelihoodColour, 7));
    QColor gapFill = likelihoodColour;
    gapFill.setAlpha(60);
    likelihoodGraph_->setBrush(gapFill);
    likelihoodGraph_->setChannelFillGraph(subsetElboGraph_);
    // The series' own legend sits inside the ELBO plot, bottom right, where a rising ELBO leaves
    // room: the legend row above the plots has no width to spare in the narrow column.
    likelihoodLegend_ = new QCPLegend;
    rect->insetLayout()->addElement(likelihoodLegend_, Qt::AlignRight | Qt::AlignBottom);
    likelihoodLegend_->setLayer(QStringLiteral("legend"));
    likelihoodLegend_->setFont(smallFont());
    likelihoodLegend_->setBorderPen(Qt::NoPen);
    likelihoodLegend_->setBrush(QColor(255, 255, 255, 210));
    likelihoodLegend_->setIconSize(18, QFontMetrics(smallFont()).ascent());
    likelihoodGraph_->addToLegend(likelihoodLegend_);
    subsetElboGraph_->addToLegend(likelihoodLegend_);
    likelihoodLegend_->setVisible(false);

    gapBracket_ = new QCPItemBracket(this);
    gapBracket_->setClipAxisRect(rect);
    gapBracket_->setPen(cosmeticPen(likelihoodColour, 1.5));
    gapBracket_->setLength(5);
    for (QCPItemPosition* position : {gapBracket_->left, gapBracket_->right})
        position->setAxes(keyAxis, valueAxis);
    gapBracket_->setVisible(false);
    // The gap's size as the legend's last row: inside the plot however narrow the column, and
    // never across the lines it names.
    gapLabel_ = new QCPTextElement(this, QString(), smallFont());
    gapLabel_->setTextColor(likelihoodColour.darker(130));
    gapLabel_->setLayer(QStringLiteral("legend"));
    likelihoodLegend_->addElement(likelihoodLegend_->rowCount(), 0, gapLabel_);
    gapLabel_->setVisible(false);
}

QFont CurvesPlot::smallFont() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    return small;
}

void CurvesPlot::setUpCurve(Curve& curve, QCPAxisRect* rect, const QString& name, const QColor& colour)
{
    const QFont small = smallFont();
    curve.name = name;
    curve.rect = rect;
    QCPAxis* keyAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
    valueAxis->setLabel(tr("%1 (nats)").arg(name));
    for (QCPAxis* axis : {keyAxis, valueAxis}) {
        axis->setTickLabelFont(small);
        axis->setLabelFont(small);
        axis->grid()->setPen(QPen(QColor(0, 0, 0, 28)));
    }
    valueAxis->ticker()->setTickCount(4); // the plots are short; more labels crowd them
    rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);

    // Thousands of points each: thin and not antialiased keeps a replot to a few ms.
    QColor faint = colour;
    faint.setAlpha(45);
    curve.raw = addGraph(keyAxis, valueAxis);
    curve.raw->setPen(cosmeticPen(faint, 1));
    curve.raw->setAntialiased(false);
    curve.trend = addGraph(keyAxis, valueAxis);
    curve.trend->setPen(cosmeticPen(colour.darker(115), 2));
    curve.trend->setAntialiased(false);
    curve.test = addGraph(keyAxis, valueAxis);
    curve.test->setLineStyle(QCPGraph::lsNone);
    curve.test->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, cosmeticPen(colour.darker(200), 1.5), Qt::white, 8));

    curve.cursor = new QCPItemStraightLine(this);
    curve.cursor->setClipAxisRect(rect);
    curve.cursor->setPen(QPen(QColor(0, 0, 0, 110), 1, Qt::DashLine));
    for (QCPItemPosition* position : {curve.cursor->point1, curve.cursor->point2})
        position->setAxes(keyAxis, valueAxis);
    curve.cursor->setVisible(false);
}

void CurvesPlot::linkAxes()
{
    for (Curve& source : curves_) {
        QCPAxis* sourceAxis = source.rect->axis(QCPAxis::atBottom);
        connect(sourceAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& range) {
            for (Curve& curve : curves_)
                curve.rect->axis(QCPAxis::atBottom)->setRange(range);
            if (!fitting_)
                stopFollowing();
        });
        connect(source.rect->axis(QCPAxis::atLeft), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
            if (!fitting_)
                stopFollowing();
        });
    }
}

double CurvesPlot::keyOf(double step) const
{
    return unit_ == CurveAxisUnit::Steps ? step : step / double(stepsPerEpoch_);
}

void CurvesPlot::clear()
{
    steps_.clear();
    testSteps_.clear();
    testEpochs_.clear();
    likelihood_.clear();
    rebuildLikelihood();
    for (Curve& curve : curves_) {
        curve.values.clear();
        curve.testValues.clear();
        curve.smoother = ExponentialSmoother(smoothing_);
        for (QCPGraph* graph : {curve.raw, curve.trend, curve.test})
            graph->data()->clear();
    }
    hideReadout();
    fitAll();
}

void CurvesPlot::setStepsPerEpoch(int stepsPerEpoch)
{
    stepsPerEpoch_ = std::max(1, stepsPerEpoch);
    if (unit_ == CurveAxisUnit::Epochs)
        rebuildGraphs();
}

void CurvesPlot::appendSteps(const QVector<StepMetrics>& steps)
{
    if (steps.isEmpty())
        return;
    QVector<double> keys;
    keys.reserve(steps.size());
    std::array<QVector<double>, 3> raw;
    std::array<QVector<double>, 3> trend;
    for (const StepMetrics& step : steps) {
        steps_.append(double(step.step));
        keys.append(keyOf(double(step.step)));
        const std::array<double, 3> values{double(step.elbo), double(step.reconstruction), double(step.kl)};
        for (int i = 0; i < int(curves_.size()); ++i) {
            curves_[i].values.append(values[i]);
            raw[i].append(values[i]);
            trend[i].append(curves_[i].smoother.add(values[i]));
        }
    }
    for (int i = 0; i < int(curves_.size()); ++i) {
        curves_[i].raw->addData(keys, raw[i], true);
        curves_[i].trend->addData(keys, trend[i], true);
    }
    scheduleDataReplot();
}

void CurvesPlot::appendEpoch(const EpochMetrics& epoch)
{
    testSteps_.append(double(epoch.step));
    testEpochs_.append(epoch.epoch);
    const std::array<double, 3> values{epoch.testElbo, epoch.testReconstruction, epoch.testKl};
    for (int i = 0; i < int(curves_.size()); ++i) {
        curves_[i].testValues.append(values[i]);
        curves_[i].test->addData(keyOf(double(epoch.step)), values[i]);
    }
    scheduleDataReplot();
}

void CurvesPlot::appendLikelihood(const LikelihoodPoint& point)
{
    likelihood_.push_back(point);
    likelihoodGraph_->setName(tr("log p(x), K = %1").arg(point.samples));
    likelihoodGraph_->addData(keyOf(double(point.step)), point.logLikelihood);
    subsetElboGraph_->setName(tr("ELBO, same %1 test images").arg(point.images));
    subsetElboGraph_->addData(keyOf(double(point.step)), point.elbo);
    placeGapLabel();
    scheduleDataReplot();
}

void CurvesPlot::rebuildLikelihood()
{
    QVector<double> keys;
    QVector<double> logLikelihoods;
    QVector<double> elbos;
    for (const LikelihoodPoint& point : likelihood_) {
        keys.append(keyOf(double(point.step)));
        logLikelihoods.append(point.logLikelihood);
        elbos.append(point.elbo);
    }
    likelihoodGraph_->setData(keys, logLikelihoods, true);
    subsetElboGraph_->setData(keys, elbos, true);
    placeGapLabel();
}

// The bracket spans the latest point's gap, and the legend's last row names and sizes it.
void CurvesPlot::placeGapLabel()
{
    const bool shown = !likelihood_.empty();
    likelihoodLegend_->setVisible(shown);
    gapBracket_->setVisible(shown);
    gapLabel_->setVisible(shown);
    if (!shown)
        return;
    const LikelihoodPoint& latest = likelihood_.back();
    const double key = keyOf(double(latest.step));
    gapBracket_->left->setCoords(key, latest.elbo);
    gapBracket_->right->setCoords(key, latest.logLikelihood);
    gapLabel_->setText(tr("KL(q || true posterior) = %1 ± %2").arg(nats(latest.gap), nats(latest.gapError)));
}

void CurvesPlot::scheduleDataReplot()
{
    if (!dataReplot_.isActive())
        dataReplot_.start();
}

void CurvesPlot::replotNewData()
{
    if (following_)
        fitRanges();
    replot(rpQueuedReplot);
}

void CurvesPlot::setSmoothing(double weight)
{
    smoothing_ = weight;
    rebuildGraphs();
    replot(rpQueuedReplot);
}

void CurvesPlot::setAxisUnit(CurveAxisUnit unit)
{
    if (unit == unit_)
        return;
    const QCPRange shown = curves_.front().rect->axis(QCPAxis::atBottom)->range();
    const double toNewUnit = unit == CurveAxisUnit::Epochs ? 1.0 / stepsPerEpoch_ : double(stepsPerEpoch_);
    unit_ = unit;
    curves_.back().rect->axis(QCPAxis::atBottom)->setLabel(unit == CurveAxisUnit::Steps ? tr("step") : tr("epoch"));
    rebuildGraphs();
    fitting_ = true;
    curves_.front().rect->axis(QCPAxis::atBottom)->setRange(shown.lower * toNewUnit, shown.upper * toNewUnit);
    fitting_ = false;
    if (following_)
        fitRanges();
    replot(rpQueuedReplot);
}

void CurvesPlot::setKlLogarithmic(bool logarithmic)
{
    QCPAxis* axis = curves_[Kl].rect->axis(QCPAxis::atLeft);
    fitting_ = true;
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    axis->setTicker(logarithmic ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->ticker()->setTickCount(4);
    fitValueAxis(curves_[Kl]);
    fitting_ = false;
    replot(rpQueuedReplot);
}

void CurvesPlot::fitAll()
{
    if (!following_) {
        following_ = true;
        Q_EMIT followingChanged(true);
    }
    fitRanges();
    replot(rpQueuedReplot);
}

void CurvesPlot::stopFollowing()
{
    if (!following_)
        return;
    following_ = false;
    Q_EMIT followingChanged(false);
}

void CurvesPlot::rebuildGraphs()
{
    QVector<double> keys;
    keys.reserve(steps_.size());
    for (double step : steps_)
        keys.append(keyOf(step));
    QVector<double> testKeys;
    for (double step : testSteps_)
        testKeys.append(keyOf(step));
    for (Curve& curve : curves_) {
        curve.smoother = ExponentialSmoother(smoothing_);
        QVector<double> trend;
        trend.reserve(curve.values.size());
        for (double value : curve.values)
            trend.append(curve.smoother.add(value));
        curve.raw->setData(keys, curve.values, true);
        curve.trend->setData(keys, trend, true);
        curve.test->setData(testKeys, curve.testValues, true);
    }
    rebuildLikelihood();
}

void CurvesPlot::fitRanges()
{
    fitting_ = true;
    double last = 1.0;
    if (!steps_.isEmpty())
        last = std::max(last, keyOf(steps_.last()));
    if (!testSteps_.isEmpty())
        last = std::max(last, keyOf(testSteps_.last()));
    curves_.front().rect->axis(QCPAxis::atBottom)->setRange(0.0, last);
    for (Curve& curve : curves_)
        fitValueAxis(curve);
    fitting_ = false;
}

void CurvesPlot::fitValueAxis(Curve& curve)
{
    QCPAxis* axis = curve.rect->axis(QCPAxis::atLeft);
    const bool logarithmic = axis->scaleType() == QCPAxis::stLogarithmic;
    const int stride = std::max(1, int(curve.values.size()) / rangeSampleSize);
    QVector<double> sample;
    sample.reserve(curve.values.size() / stride + 1);
    for (int i = int(curve.values.size()) - 1; i >= 0; i -= stride)
        if (!logarithmic || curve.values[i] > 0.0)
            sample.append(curve.values[i]);
    if (sample.isEmpty()) {
        axis->setRange(logarithmic ? QCPRange(0.1, 100.0) : QCPRange(-1.0, 1.0));
        return;
    }
    const auto lowAt = sample.begin() + qsizetype(rangeQuantile * double(sample.size() - 1));
    const auto highAt = sample.begin() + qsizetype((1.0 - rangeQuantile) * double(sample.size() - 1));
    std::nth_element(sample.begin(), lowAt, sample.end());
    double low = *lowAt;
    std::nth_element(sample.begin(), highAt, sample.end());
    double high = *highAt;
    QVector<double> pointValues = curve.testValues;
    if (&curve == &curves_[Elbo])
        for (const LikelihoodPoint& point : likelihood_)
            pointValues << point.logLikelihood << point.elbo;
    for (double value : pointValues)
        if (!logarithmic || value > 0.0) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    if (logarithmic) {
        axis->setRange(low / 1.5, high * 1.5);
        return;
    }
    const double padding = high > low ? 0.08 * (high - low) : std::max(1.0, 0.05 * std::abs(low));
    axis->setRange(low - padding, high + padding);
}

void CurvesPlot::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    showReadoutAt(event->pos());
}

void CurvesPlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    QCustomPlot::mouseDoubleClickEvent(event);
    fitAll();
}

void CurvesPlot::leaveEvent(QEvent* event)
{
    QCustomPlot::leaveEvent(event);
    hideReadout();
}

void CurvesPlot::showReadoutAt(const QPoint& position)
{
    const bool overPlot = std::any_of(curves_.begin(), curves_.end(),
                                      [&](const Curve& curve) { return curve.rect->rect().contains(position); });
    if (!overPlot || steps_.isEmpty()) {
        hideReadout();
        return;
    }
    const double key = curves_.front().rect->axis(QCPAxis::atBottom)->pixelToCoord(position.x());
    const double step = unit_ == CurveAxisUnit::Steps ? key : key * stepsPerEpoch_;
    auto nearest = std::lower_bound(steps_.begin(), steps_.end(), step);
    if (nearest == steps_.end() || (nearest != steps_.begin() && step - *(nearest - 1) < *nearest - step))
        nearest = nearest == steps_.begin() ? nearest : nearest - 1;
    const int index = int(nearest - steps_.begin());

    QStringList parts{
        tr("step %L1 (epoch %2)").arg(qint64(steps_[index])).arg(steps_[index] / stepsPerEpoch_, 0, 'f', 2)};
    for (Curve& curve : curves_) {
        curve.cursor->point1->setCoords(keyOf(steps_[index]), 0.0);
        curve.cursor->point2->setCoords(keyOf(steps_[index]), 1.0);
        curve.cursor->setVisible(true);
        parts << tr("%1 %2 (smoothed %3)")
                     .arg(curve.name, nats(curve.values[index]),
                          nats((curve.trend->data()->constBegin() + index)->value));
    }
    const auto testAfter = std::upper_bound(testSteps_.begin(), testSteps_.end(), steps_[index]);
    if (testAfter != testSteps_.begin()) {
        const int test = int(testAfter - testSteps_.begin()) - 1;
        parts
            << tr("test set after epoch %1: ELBO %2").arg(testEpochs_[test]).arg(nats(curves_[Elbo].testValues[test]));
    }
    const auto likelihoodAfter =
        std::upper_bound(likelihood_.begin(), likelihood_.end(), steps_[index],
                         [](double at, const LikelihoodPoint& point) { return at < double(point.step); });
    if (likelihoodAfter != likelihood_.begin()) {
        const LikelihoodPoint& point = *(likelihoodAfter - 1);
        parts << tr("epoch %1, %2 images: log p(x) %3 ± %4, ELBO %5, gap %6 ± %7")
                     .arg(point.epoch)
                     .arg(point.images)
                     .arg(nats(point.logLikelihood), nats(point.logLikelihoodError), nats(point.elbo), nats(point.gap),
                          nats(point.gapError));
    }
    Q_EMIT readoutChanged(parts.join(QStringLiteral("  ·  ")));
    replot(rpQueuedReplot);
}

void CurvesPlot::hideReadout()
{
    bool wasShown = false;
    for (Curve& curve : curves_) {
        wasShown = wasShown || curve.cursor->visible();
        curve.cursor->setVisible(false);
    }
    if (!wasShown)
        return;
    Q_EMIT readoutChanged(QString());
    replot(rpQueuedReplot);
}

} // namespace vae
