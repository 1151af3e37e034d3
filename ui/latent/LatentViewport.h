#pragma once

#include <QPointF>
#include <QRectF>

namespace vae {

// Maps the plane's view coordinates (y up) to widget pixels (y down) with one scale on both
// axes, so distances in latent space look the same in every direction. Zooms about a pixel and
// pans by pixels.
class LatentViewport {
public:
    void setPlotRect(const QRectF& pixels);
    const QRectF& plotRect() const { return plot_; }

    // Centres `view` and shows all of it.
    void fit(const QRectF& view);
    void zoom(const QPointF& anchorPixel, double factor);
    // About the plot's centre.
    void setPixelsPerUnit(double scale);
    void pan(const QPointF& pixelDelta);

    QPointF toPixel(const QPointF& view) const;
    QPointF toView(const QPointF& pixel) const;
    // The part of the plane the plot shows, in view coordinates (top() is the smallest y).
    QRectF visibleView() const;
    double pixelsPerUnit() const { return scale_; }

private:
    QRectF plot_{0, 0, 1, 1};
    QPointF centre_;
    double scale_ = 1.0;
};

} // namespace vae
