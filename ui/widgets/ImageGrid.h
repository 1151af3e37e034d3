#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

namespace vae {

// Small images in a grid of fixed columns, scaled up with whole pixels kept sharp (nearest
// neighbour): dataset samples, test images beside their reconstructions. The cells fill the
// width, and shrink when the height is short, so the grid is never cut off.
class ImageGrid : public QWidget {
    Q_OBJECT
public:
    explicit ImageGrid(int columns, QWidget* parent = nullptr);

    void setImages(const QVector<QImage>& images);
    const QVector<QImage>& images() const { return images_; }
    // The size each image is drawn at now.
    QSize cell() const { return cellFor(size()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    int rows() const;
    QSize imageSize() const;
    QSize cellFor(const QSize& space) const;
    QSize gridSize(const QSize& cell) const;

    int columns_;
    QVector<QImage> images_;
};

} // namespace vae
