#pragma once

#include "core/engine/GradientVariance.h"

#include <qcustomplot.h>

#include <vector>

namespace vae {

// The variance of the encoder's gradient against the number of samples L, log-log, one series
// per estimator (B: analytic KL, A: Monte Carlo KL, score function), or the variance relative to
// the squared mean gradient; hovering a point tells both figures.
class LatentEstimatorsPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LatentEstimatorsPlot(QWidget* parent = nullptr);

    void showMeasurement(const std::vector<GradientVariance>& measured);
    void clear();
    void setRelative(bool relative);
    bool relative() const { return relative_; }

    // The series of one estimator.
    QCPGraph* series(GradientEstimator estimator) const;
    static QString estimatorName(GradientEstimator estimator);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void redraw();

    std::vector<GradientVariance> measured_;
    bool relative_ = false;
};

} // namespace vae
