#include "ui/latent/LatentViewport.h"

#include <algorithm>

namespace vae {
namespace {

// Far enough to see a whole trained latent space from afar, near enough for single pixels of a
// decoded cell.
constexpr double smallestScale = 1e-3;
constexpr double largestScale = 1e7;

} // namespace

void LatentViewport::setPlotRect(const QRectF& pixels)
{
    plot_ = pixels;
}

void LatentViewport::fit(const QRectF& view)
{
    centre_ = view.center();
    const double byWidth = plot_.width() / std::max(view.width(), 1e-12);
    const double byHeight = plot_.height() / std::max(view.height(), 1e-12);
    scale_ = std::clamp(std::min(byWidth, byHeight), smallestScale, largestScale);
}

void LatentViewport::zoom(const QPointF& anchorPixel, double factor)
{
    const QPointF anchor = toView(anchorPixel);
    scale_ = std::clamp(scale_ * factor, smallestScale, largestScale);
    // Keeps the point under the anchor where it was.
    centre_ += anchor - toView(anchorPixel);
}

void LatentViewport::setPixelsPerUnit(double scale)
{
    scale_ = std::clamp(scale, smallestScale, largestScale);
}

void LatentViewport::pan(const QPointF& pixelDelta)
{
    centre_ += QPointF(-pixelDelta.x() / scale_, pixelDelta.y() / scale_);
}

QPointF LatentViewport::toPixel(const QPointF& view) const
{
    const QPointF middle = plot_.center();
    return {middle.x() + (view.x() - centre_.x()) * scale_, middle.y() - (view.y() - centre_.y()) * scale_};
}

QPointF LatentViewport::toView(const QPointF& pixel) const
{
    const QPointF middle = plot_.center();
    return {centre_.x() + (pixel.x() - middle.x()) / scale_, centre_.y() - (pixel.y() - middle.y()) / scale_};
}

QRectF LatentViewport::visibleView() const
{
    const QPointF topLeft = toView(plot_.topLeft());
    const QPointF bottomRight = toView(plot_.bottomRight());
    return QRectF(QPointF(topLeft.x(), bottomRight.y()), QPointF(bottomRight.x(), topLeft.y()));
}

} // namespace vae
