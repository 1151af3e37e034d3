#include "ui/curves/CurvesView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace vae {
namespace {

constexpr int smoothingSteps = 100; // the slider's resolution: weights 0.00 to 0.99
constexpr int defaultSmoothing = 80;

QString hoverHint()
{
    return CurvesView::tr("Hover over the curves to read the values; drag to pan, wheel to zoom, double-click to fit.");
}

} // namespace

CurvesView::CurvesView(QWidget* parent)
    : QWidget(parent)
    , plot_(new CurvesPlot(this))
    , readout_(new QLabel(this))
{
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::PlainText);
    readout_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // A fixed height: the read-out changes with every mouse move and must not relayout the window.
    readout_->setFixedHeight(3 * readout_->fontMetrics().lineSpacing() + 4);
    readout_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    readout_->setText(hoverHint());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(controls());
    layout->addWidget(plot_, 1);
    layout->addWidget(readout_);
    connect(plot_, &CurvesPlot::readoutChanged, this,
            [this](const QString& text) { readout_->setText(text.isEmpty() ? hoverHint() : text); });
}

QWidget* CurvesView::controls()
{
    auto* bar = new QWidget(this);
    auto* smoothing = smoothing_ = new QSlider(Qt::Horizontal, bar);
    smoothing->setObjectName(QStringLiteral("smoothing"));
    smoothing->setRange(0, smoothingSteps - 1);
    smoothing->setToolTip(tr("Weight of the exponential moving average drawn over the per-step values (0: none)."));
    auto* smoothingValue = new QLabel(bar);
    smoothingValue->setMinimumWidth(smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")));
    connect(smoothing, &QSlider::valueChanged, this, [this, smoothingValue](int value) {
        const double weight = double(value) / smoothingSteps;
        smoothingValue->setText(QString::number(weight, 'f', 2));
        plot_->setSmoothing(weight);
    });
    smoothing->setValue(defaultSmoothing);

    auto* unit = unit_ = new QComboBox(bar);
    unit->setObjectName(QStringLiteral("axisUnit"));
    unit->addItem(tr("steps"), int(CurveAxisUnit::Steps));
    unit->addItem(tr("epochs"), int(CurveAxisUnit::Epochs));
    unit->setToolTip(tr("The unit of the x axis."));
    connect(unit, &QComboBox::currentIndexChanged, this,
            [this, unit] { plot_->setAxisUnit(CurveAxisUnit(unit->currentData().toInt())); });

    auto* logKl = logKl_ = new QCheckBox(tr("log KL"), bar);
    logKl->setObjectName(QStringLiteral("logKl"));
    logKl->setToolTip(tr("A logarithmic axis for the KL term, which spans decades early in a run."));
    connect(logKl, &QCheckBox::toggled, plot_, &CurvesPlot::setKlLogarithmic);

    auto* fit = new QToolButton(bar);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show all the data and follow new steps again (or double-click the plot)."));
    fit->setEnabled(false);
    connect(fit, &QToolButton::clicked, plot_, &CurvesPlot::fitAll);
    connect(plot_, &CurvesPlot::followingChanged, fit, [fit](bool following) { fit->setEnabled(!following); });

    // Two rows, so the curves fit a narrow column on a small screen.
    auto* layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* smoothingRow = new QHBoxLayout;
    smoothingRow->addWidget(new QLabel(tr("Smoothing:"), bar));
    smoothingRow->addWidget(smoothing, 1);
    smoothingRow->addWidget(smoothingValue);
    auto* axesRow = new QHBoxLayout;
    axesRow->addWidget(new QLabel(tr("x axis:"), bar));
    axesRow->addWidget(unit);
    axesRow->addWidget(logKl);
    axesRow->addStretch(1);
    axesRow->addWidget(fit);
    layout->addLayout(smoothingRow);
    layout->addLayout(axesRow);
    return bar;
}

CurvesDisplay CurvesView::display() const
{
    return {double(smoothing_->value()) / smoothingSteps, CurveAxisUnit(unit_->currentData().toInt()),
            logKl_->isChecked()};
}

void CurvesView::setDisplay(const CurvesDisplay& display)
{
    smoothing_->setValue(qRound(display.smoothing * smoothingSteps));
    unit_->setCurrentIndex(std::max(0, unit_->findData(int(display.unit))));
    logKl_->setChecked(display.logKl);
}

void CurvesView::showRun(const RunInfo& run)
{
    plot_->clear();
    plot_->setStepsPerEpoch(run.stepsPerEpoch);
    plot_->appendSteps(QVector<StepMetrics>(run.history.steps.begin(), run.history.steps.end()));
    for (const EpochMetrics& epoch : run.history.epochs)
        plot_->appendEpoch(epoch);
}

void CurvesView::appendSteps(const QVector<StepMetrics>& steps)
{
    plot_->appendSteps(steps);
}

void CurvesView::appendEpoch(const EpochMetrics& epoch)
{
    plot_->appendEpoch(epoch);
}

void CurvesView::appendLikelihood(const LikelihoodPoint& point)
{
    plot_->appendLikelihood(point);
}

} // namespace vae
