#pragma once

#include "core/engine/QuadratureLikelihood.h"

#include <qcustomplot.h>

#include <QPointF>
#include <QRectF>

#include <array>
#include <optional>

namespace vae {

// An axis-aligned Gaussian drawn as its 1- and 2-sigma ellipses.
struct SigmaEllipses {
    QPointF centre;
    std::array<double, 2> standardDeviation{1, 1};
};

// A density over a latent plane as a heat map (white where it vanishes, deep blue at its peak)
// with a Gaussian's 1- and 2-sigma ellipses over it and a point marked: the true posterior beside
// the Gaussian that stands for it, and a legend. The view fits the density's bulk and the ellipses, one latent
// unit as long along both axes so that shapes are true; dragging and the wheel move it, a double
// click fits it again. A new density keeps a view the user moved. A mark outside the view is
// pointed at by an arrow at the view's edge.
class PosteriorDensityPlot : public QCustomPlot {
    Q_OBJECT
public:
    // The legend calls the ellipses `gaussianName` and the mark `markName`; an arrow labelled with
    // its coordinates points at the mark when it lies outside the view.
    PosteriorDensityPlot(const QString& xTitle, const QString& yTitle, const QString& gaussianName,
                         const QString& markName = {}, QWidget* parent = nullptr);

    void showDensity(const LatentGridDensity& density, const SigmaEllipses& ellipses,
                     const std::optional<QPointF>& mark = std::nullopt);
    void clearDensity();

    // Square: one unit as long along both axes leaves no room unused around a round posterior.
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    bool hasDensity() const { return hasDensity_; }
    // The part of the plane the view fitted: the density's bulk, the ellipses, and the mark unless
    // it lies far out.
    const QRectF& fittedRect() const { return fitted_; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void fitView();
    void pointAtMark();

    QCPColorMap* heat_;
    std::array<QCPCurve*, 2> ellipses_{};
    QCPGraph* mark_;
    QCPItemLine* markArrow_;
    QCPItemText* markLabel_;
    std::optional<QPointF> markPoint_;
    QRectF fitted_;
    bool hasDensity_ = false;
    bool userMoved_ = false;
};

} // namespace vae
