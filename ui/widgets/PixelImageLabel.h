#pragma once

#include <QImage>
#include <QWidget>

namespace vae {

// A small image (or a sheet of them) as large as the widget allows, pixels kept sharp (nearest
// neighbour), centred; a dashed frame while there is none.
class PixelImageLabel : public QWidget {
    Q_OBJECT
public:
    explicit PixelImageLabel(int preferredSide, QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void clear();
    const QImage& image() const { return image_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int preferredSide_;
    QImage image_;
};

} // namespace vae
