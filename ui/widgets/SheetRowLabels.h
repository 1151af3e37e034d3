#pragma once

#include <QStringList>
#include <QWidget>

namespace vae {

class PixelImageLabel;

// Labels beside the rows of a sheet of images that a PixelImageLabel shows, each level with the
// middle of its row at whatever scale the sheet is drawn. The sheet is laid out as tileImages lays
// it out: rows of `cellHeight` image pixels, `border` pixels apart and from the edges. A label that
// would overlap the one above is left out (more rows than the height can name). Set the labels
// after the sheet's image.
class SheetRowLabels : public QWidget {
    Q_OBJECT
public:
    SheetRowLabels(PixelImageLabel& sheet, QWidget* parent = nullptr);

    void setLabels(const QStringList& labels, int cellHeight, int border);
    const QStringList& labels() const { return labels_; }
    // The vertical centre of row `row` in this widget's coordinates.
    int rowCentre(int row) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    const PixelImageLabel& sheet_;
    QStringList labels_;
    int cellHeight_ = 1;
    int border_ = 0;
};

} // namespace vae
