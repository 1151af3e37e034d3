#include "ui/widgets/ImageStrip.h"

#include <QPainter>

#include <algorithm>

namespace vae {
namespace {

constexpr int gap = 2;
constexpr int scale = 2;
constexpr int largestCell = 96; // large images are shown smaller than twice their size

} // namespace

ImageStrip::ImageStrip(int rows, QWidget* parent)
    : QWidget(parent)
    , rows_(std::max(1, rows))
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ImageStrip::setImages(const QVector<QImage>& images)
{
    const bool cellChanged =
        images.isEmpty() != images_.isEmpty() || (!images.isEmpty() && images.first().size() != images_.first().size());
    images_ = images;
    if (cellChanged)
        updateGeometry();
    update();
}

// Twice the image, or once when twice is too large (never a fraction more, which would make some
// pixels wider than others); an image larger than a cell is shrunk to fit it.
QSize ImageStrip::cell() const
{
    const QSize image = images_.isEmpty() ? QSize(28, 28) : images_.first().size();
    const QSize bound(largestCell, largestCell);
    if (image.width() > largestCell || image.height() > largestCell)
        return image.scaled(bound, Qt::KeepAspectRatio);
    const QSize enlarged = image * scale;
    return enlarged.width() <= largestCell && enlarged.height() <= largestCell ? enlarged : image;
}

QSize ImageStrip::sizeHint() const
{
    const int columns = std::max(1, (int(images_.size()) + rows_ - 1) / rows_);
    return {columns * (cell().width() + gap) - gap, rows_ * (cell().height() + gap) - gap};
}

QSize ImageStrip::minimumSizeHint() const
{
    return {cell().width(), sizeHint().height()};
}

void ImageStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QSize size = cell();
    painter.setRenderHint(QPainter::SmoothPixmapTransform,
                          !images_.isEmpty() && size.width() < images_.first().width());
    const int columns = std::max(1, (width() + gap) / (size.width() + gap));
    const int shown = std::min(int(images_.size()), columns * rows_);
    for (int i = 0; i < shown; ++i)
        painter.drawImage(
            QRect(QPoint((i % columns) * (size.width() + gap), (i / columns) * (size.height() + gap)), size),
            images_[i]);
}

} // namespace vae
