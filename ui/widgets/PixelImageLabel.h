#pragma once

#include <QImage>
#include <QWidget>

namespace vae {

// A small image (or a sheet of them) as large as the widget allows at a whole-number scale (1x, 2x,
// 3x ...), so every image pixel becomes the same square of screen pixels (nearest neighbour),
// centred; shrunk smoothly only when even 1x does not fit. A dashed frame while there is none.
class PixelImageLabel : public QWidget {
    Q_OBJECT
public:
    explicit PixelImageLabel(int preferredSide, QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void clear();
    // Centred unless told otherwise: a sheet with labels beside it keeps to their side.
    void setAlignment(Qt::Alignment alignment);
    const QImage& image() const { return image_; }
    // Where the image is drawn, in widget pixels.
    QRect imageRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // Unless a size policy without it says otherwise: a sheet laid out to fill its room.
    bool hasHeightForWidth() const override { return sizePolicy().hasHeightForWidth(); }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int preferredSide_;
    QImage image_;
    Qt::Alignment alignment_ = Qt::AlignCenter;
};

} // namespace vae
