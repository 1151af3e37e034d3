#pragma once

#include "core/run/Metrics.h"
#include "ui/curves/ExponentialSmoothing.h"

#include <qcustomplot.h>

#include <QTimer>

#include <array>

namespace vae {

enum class CurveAxisUnit { Steps, Epochs };

// The ELBO and its two terms, reconstruction and KL, as three stacked plots sharing one x axis:
// every training step at full resolution (faint), a smoothed trend, and the test set's figures
// per epoch as points. The ELBO plot also shows the log p(x) series (LikelihoodSeries) with the
// ELBO on the same test images, the gap between them shaded and bracketed as
// "KL(q || true posterior)". Follows new data until the user zooms or pans; a double click (or
// fitAll) follows again.
class CurvesPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit CurvesPlot(QWidget* parent = nullptr);

    void clear();
    void setStepsPerEpoch(int stepsPerEpoch);
    void appendSteps(const QVector<StepMetrics>& steps);
    void appendEpoch(const EpochMetrics& epoch);
    void appendLikelihood(const LikelihoodPoint& point);

    // 0 draws the raw values, towards 1 an ever slower moving average.
    void setSmoothing(double weight);
    void setAxisUnit(CurveAxisUnit unit);
    void setKlLogarithmic(bool logarithmic);
    void fitAll();

    int stepPointCount() const { return int(steps_.size()); }
    int testPointCount() const { return int(testSteps_.size()); }
    int likelihoodPointCount() const { return int(likelihood_.size()); }
    // The label of the gap, at the latest point of the series; hidden while there is none.
    const QCPTextElement* gapLabel() const { return gapLabel_; }
    bool following() const { return following_; }

Q_SIGNALS:
    // The figures at the step under the mouse; empty when the mouse leaves the plots.
    void readoutChanged(const QString& text);
    void followingChanged(bool following);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum CurveIndex { Elbo, Reconstruction, Kl };
    struct Curve {
        QString name;
        QCPAxisRect* rect = nullptr;
        QCPGraph* raw = nullptr;
        QCPGraph* trend = nullptr;
        QCPGraph* test = nullptr;
        QCPItemStraightLine* cursor = nullptr;
        QVector<double> values;
        QVector<double> testValues;
        ExponentialSmoother smoother;
    };

    void setUpCurve(Curve& curve, QCPAxisRect* rect, const QString& name, const QColor& colour);
    void fillLegend(QCPLegend* curvesLegend);
    void setUpLikelihood();
    void rebuildLikelihood();
    void placeGapLabel();
    QFont smallFont() const;
    void linkAxes();
    double keyOf(double step) const;
    void rebuildGraphs();
    void scheduleDataReplot();
    void replotNewData();
    void fitRanges();
    void fitValueAxis(Curve& curve);
    void stopFollowing();
    void showReadoutAt(const QPoint& position);
    void hideReadout();

    std::array<Curve, 3> curves_;
    std::vector<LikelihoodPoint> likelihood_;
    QCPGraph* likelihoodGraph_ = nullptr;
    QCPGraph* subsetElboGraph_ = nullptr; // the ELBO on the series' images; the gap is filled down to it
    QCPLegend* likelihoodLegend_ = nullptr;
    QCPItemBracket* gapBracket_ = nullptr;
    QCPTextElement* gapLabel_ = nullptr;
    QVector<double> steps_;
    QVector<double> testSteps_;
    QVector<int> testEpochs_;
    int stepsPerEpoch_ = 1;
    CurveAxisUnit unit_ = CurveAxisUnit::Steps;
    double smoothing_ = 0.0;
    bool following_ = true;
    QTimer dataReplot_;
    bool fitting_ = false; // range changes while set are ours, not the user's
};

} // namespace vae
