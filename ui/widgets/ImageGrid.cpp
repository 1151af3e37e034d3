#include "ui/widgets/ImageGrid.h"

#include <QPainter>
#include <QResizeEvent>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

constexpr int gap = 2;
constexpr int minimumCellWidth = 14;
constexpr int largestScale = 4; // beyond this a small image is all blocks
constexpr int preferredCellWidth = 56;

} // namespace

ImageGrid::ImageGrid(int columns, QWidget* parent)
    : QWidget(parent)
    , columns_(std::max(1, columns))
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ImageGrid::setImages(const QVector<QImage>& images)
{
    const bool shapeChanged =
        images.size() != images_.size() || (!images.isEmpty() && images.first().size() != imageSize());
    images_ = images;
    if (shapeChanged)
        updateGeometry();
    update();
}

int ImageGrid::rows() const
{
    return std::max(1, (int(images_.size()) + columns_ - 1) / columns_);
}

QSize ImageGrid::imageSize() const
{
    return images_.isEmpty() ? QSize(28, 28) : images_.first().size();
}

// The largest cell, of the images' aspect, for which the whole grid fits in `space`: a whole
// multiple of the image when it is enlarged, so every image pixel is as large as the next.
QSize ImageGrid::cellFor(const QSize& space) const
{
    const QSize image = imageSize();
    const double aspect = double(image.height()) / double(std::max(1, image.width()));
    const int byWidth = (space.width() - gap * (columns_ - 1)) / columns_;
    const int byHeight = int((space.height() - gap * (rows() - 1)) / rows() / aspect);
    int width = std::min({byWidth, byHeight, largestScale * image.width()});
    if (width >= image.width())
        width -= width % image.width();
    width = std::max(minimumCellWidth, width);
    return {width, int(std::lround(width * aspect))};
}

QSize ImageGrid::gridSize(const QSize& cell) const
{
    return {columns_ * (cell.width() + gap) - gap, rows() * (cell.height() + gap) - gap};
}

QSize ImageGrid::sizeHint() const
{
    // As tall as the cells are when they fill the width the grid has now.
    const int width = this->width() > minimumCellWidth * columns_ ? this->width() : columns_ * preferredCellWidth;
    return gridSize(cellFor({width, QWIDGETSIZE_MAX}));
}

QSize ImageGrid::minimumSizeHint() const
{
    return gridSize(cellFor({0, 0}));
}

void ImageGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry();
}

void ImageGrid::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QSize cell = cellFor(size());
    // Enlarged, whole pixels stay sharp; shrunk, skipping rows and columns would lose detail.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, cell.width() < imageSize().width());
    const int left = std::max(0, (width() - gridSize(cell).width()) / 2);
    for (int i = 0; i < images_.size(); ++i) {
        const QPoint corner(left + (i % columns_) * (cell.width() + gap), (i / columns_) * (cell.height() + gap));
        painter.drawImage(QRect(corner, cell), images_[i]);
    }
}

} // namespace vae
