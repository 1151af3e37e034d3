#include "ui/latent/LatentScatterLayer.h"

#include "ui/latent/LatentClassColours.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

QImage markerSprite(const QColor& colour, double markerDiameter, double devicePixelRatio)
{
    const int side = int(std::ceil((markerDiameter + 2) * devicePixelRatio));
    QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
    sprite.fill(Qt::transparent);
    QPainter painter(&sprite);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour.darker(160), 0.8 * devicePixelRatio));
    painter.setBrush(colour);
    const double inset = 0.5 + 0.5 * devicePixelRatio;
    painter.drawEllipse(QRectF(inset, inset, side - 2 * inset, side - 2 * inset));
    return sprite;
}

// a * x / 255 on the four channels of a pixel at once, rounded (Qt's BYTE_MUL).
QRgb scaled(QRgb pixel, uint a)
{
    uint redBlue = (pixel & 0xff00ff) * a;
    redBlue = ((redBlue + ((redBlue >> 8) & 0xff00ff) + 0x800080) >> 8) & 0xff00ff;
    uint alphaGreen = ((pixel >> 8) & 0xff00ff) * a;
    alphaGreen = (alphaGreen + ((alphaGreen >> 8) & 0xff00ff) + 0x800080) & 0xff00ff00;
    return alphaGreen | redBlue;
}

// Source-over of a premultiplied sprite with its top-left corner at (left, top), clipped to the
// layer. QPainter would do the same with a call's overhead per marker, most of the time for
// 10,000 of them.
void blend(const QImage& sprite, int left, int top, QImage& layer)
{
    const int x0 = std::max(0, -left);
    const int y0 = std::max(0, -top);
    const int x1 = std::min(sprite.width(), layer.width() - left);
    const int y1 = std::min(sprite.height(), layer.height() - top);
    for (int y = y0; y < y1; ++y) {
        const auto* from = reinterpret_cast<const QRgb*>(sprite.constScanLine(y));
        auto* to = reinterpret_cast<QRgb*>(layer.scanLine(top + y)) + left;
        for (int x = x0; x < x1; ++x)
            to[x] = from[x] + scaled(to[x], 255 - qAlpha(from[x]));
    }
}

} // namespace

void LatentScatterLayer::setPoints(const QVector<QPointF>& viewPoints, const QVector<int>& labels)
{
    points_ = viewPoints;
    labels_ = labels;
    largestLabel_ = labels_.isEmpty() ? -1 : *std::max_element(labels_.begin(), labels_.end());
}

QImage LatentScatterLayer::render(const LatentViewport& viewport, double devicePixelRatio) const
{
    const QRectF plot = viewport.plotRect();
    QImage layer((plot.size() * devicePixelRatio).toSize(), QImage::Format_ARGB32_Premultiplied);
    layer.setDevicePixelRatio(devicePixelRatio);
    layer.fill(Qt::transparent);
    QVector<QImage> sprites;
    for (int label = -1; label <= largestLabel_; ++label)
        sprites.append(markerSprite(classColour(label), markerDiameter_, devicePixelRatio));
    const double half = sprites.front().width() / 2.0;
    for (int i = 0; i < points_.size(); ++i) {
        const QPointF pixel = (viewport.toPixel(points_[i]) - plot.topLeft()) * devicePixelRatio;
        const QImage& sprite = sprites[labels_.value(i, -1) + 1];
        blend(sprite, int(std::lround(pixel.x() - half)), int(std::lround(pixel.y() - half)), layer);
    }
    return layer;
}

} // namespace vae
