#include "ui/widgets/PixelImageLabel.h"

#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace vae {

PixelImageLabel::PixelImageLabel(int preferredSide, QWidget* parent)
    : QWidget(parent)
    , preferredSide_(preferredSide)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void PixelImageLabel::setImage(const QImage& image)
{
    const bool newShape = image.size() != image_.size();
    image_ = image;
    if (newShape)
        updateGeometry();
    update();
}

void PixelImageLabel::setAlignment(Qt::Alignment alignment)
{
    alignment_ = alignment;
    update();
}

void PixelImageLabel::clear()
{
    image_ = QImage();
    update();
}

QSize PixelImageLabel::sizeHint() const
{
    return {preferredSide_, heightForWidth(preferredSide_)};
}

QSize PixelImageLabel::minimumSizeHint() const
{
    return {preferredSide_ / 3, preferredSide_ / 3};
}

int PixelImageLabel::heightForWidth(int width) const
{
    if (image_.isNull() || image_.width() == 0)
        return width;
    return width * image_.height() / image_.width();
}

QRect PixelImageLabel::imageRect() const
{
    QSize shown = QSize(1, 1).scaled(size(), Qt::KeepAspectRatio);
    if (!image_.isNull()) {
        const int scale = std::min(width() / image_.width(), height() / image_.height());
        shown = scale >= 1 ? image_.size() * scale : image_.size().scaled(size(), Qt::KeepAspectRatio);
    }
    return QStyle::alignedRect(layoutDirection(), alignment_, shown, rect());
}

void PixelImageLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect target = imageRect();
    if (image_.isNull()) {
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawRect(target.adjusted(0, 0, -1, -1));
        return;
    }
    // Enlarged, whole pixels stay sharp; shrunk, skipping rows and columns would lose detail.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, target.width() < image_.width());
    painter.drawImage(target, image_);
}

} // namespace vae
