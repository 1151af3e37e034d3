#pragma once

#include "core/run/Metrics.h"
#include "core/session/SessionTypes.h"
#include "ui/curves/CurvesPlot.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace vae {

// How the curves are drawn, as the controls above them set it.
struct CurvesDisplay {
    double smoothing = 0.8;
    CurveAxisUnit unit = CurveAxisUnit::Steps;
    bool logKl = false;
};

// The training curves with their controls: smoothing, x axis in steps or epochs, a logarithmic
// KL axis, "fit" to follow the data again, and a read-out of the figures under the mouse.
class CurvesView : public QWidget {
    Q_OBJECT
public:
    explicit CurvesView(QWidget* parent = nullptr);

    // Shows a model's whole history so far (a new model has none).
    void showRun(const RunInfo& run);
    void appendSteps(const QVector<StepMetrics>& steps);
    void appendEpoch(const EpochMetrics& epoch);
    void appendLikelihood(const LikelihoodPoint& point);

    CurvesPlot* plot() const { return plot_; }
    CurvesDisplay display() const;
    void setDisplay(const CurvesDisplay& display);

private:
    QWidget* controls();

    CurvesPlot* plot_;
    QLabel* readout_;
    QSlider* smoothing_ = nullptr;
    QComboBox* unit_ = nullptr;
    QCheckBox* logKl_ = nullptr;
};

} // namespace vae
