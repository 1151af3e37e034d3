#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

namespace vae {

// Sample images at twice their size in a fixed number of rows, as many columns as the width
// allows: a dataset's look at a glance, with a height that does not change with the dock's width.
class ImageStrip : public QWidget {
    Q_OBJECT
public:
    explicit ImageStrip(int rows, QWidget* parent = nullptr);

    // Shows as many of `images` as fit, in order.
    void setImages(const QVector<QImage>& images);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QSize cell() const;

    int rows_;
    QVector<QImage> images_;
};

} // namespace vae
