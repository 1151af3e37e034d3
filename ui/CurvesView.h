#pragma once

#include "core/Metrics.h"
#include "core/SessionTypes.h"

#include <QWidget>

class QLabel;

namespace vae {

class CurvesPlot;

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

    CurvesPlot* plot() const { return plot_; }

private:
    QWidget* controls();

    CurvesPlot* plot_;
    QLabel* readout_;
};

} // namespace vae
