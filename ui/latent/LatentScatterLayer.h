#pragma once

#include "ui/latent/LatentViewport.h"

#include <QImage>
#include <QVector>

namespace vae {

// The test set's markers, one colour per label, drawn into a transparent image of the plot. Kept apart from the grid
// and the cursor, so that a new grid or a moved cursor does not draw 10,000 markers again; only zooming and panning do.
class LatentScatterLayer {
public:
    // Points in view coordinates, each with its label (-1: none).
    void setPoints(const QVector<QPointF>& viewPoints, const QVector<int>& labels);
    int pointCount() const { return int(points_.size()); }
    void setMarkerDiameter(double pixels) { markerDiameter_ = pixels; }

    // The plot's area; draw it at the plot's top-left corner.
    QImage render(const LatentViewport& viewport, double devicePixelRatio) const;

private:
    QVector<QPointF> points_;
    QVector<int> labels_;
    int largestLabel_ = -1;
    double markerDiameter_ = 5.0;
};

} // namespace vae
