#pragma once

#include "core/data/Dataset.h"
#include "core/latent/LatentGeometry.h"
#include "ui/latent/LatentScatterLayer.h"
#include "ui/latent/LatentViewport.h"

#include <QImage>
#include <QPixmap>
#include <QVector>
#include <QWidget>

#include <memory>

namespace vae {

// The latent plane: the decoded grid, the encoded test set as a scatter coloured by label, the
// interpolation path and a cursor, all in one coordinate system whose ticks are latent units
// (warped through the normal CDF with quantile spacing, where each grid cell holds equal prior
// mass). The grid fits at a whole-number scale of its images' pixels, so cells stay sharp. Either
// layer is in front: the grid, with the test set as small faint dots that take no clicks, or the
// test set, over a faded grid, whose points hover and select. Dragging moves the cursor,
// clicking puts it there (or, with the test set in front, selects the point under it); the wheel
// zooms in whole-number steps of the grid's scale, the right or middle button pans, a double click
// or Home fits the grid again; the arrow keys nudge the cursor (with Shift, further).
class LatentPlaneView : public QWidget {
    Q_OBJECT
public:
    explicit LatentPlaneView(QWidget* parent = nullptr);

    void setSpacing(GridSpacing spacing);
    // The decoded grid and the square it covers in view coordinates; the view fits it until the
    // user zooms or pans.
    void setGrid(const QImage& image, const QRectF& viewRect);
    void clearGrid();
    // The test set in plane coordinates, with labels (or none) and the dataset they came from,
    // whose images and class names the hover shows.
    void setPoints(const QVector<QPointF>& planeCoordinates, std::shared_ptr<const Dataset> dataset);
    void setSelected(int index);
    void setCursorPoint(const QPointF& planeCoordinates);
    void setAxisTitles(const QString& x, const QString& y);

    // The interpolation's latent points projected onto the plane, its ends first and last; empty
    // for none.
    void setPath(const QVector<QPointF>& planeCoordinates);

    void setGridVisible(bool visible);
    void setPointsVisible(bool visible);
    void setPathVisible(bool visible);
    void setDataInFront(bool front);
    bool dataInFront() const { return dataInFront_; }
    void resetView();

    // Plane coordinates (latent units along the two axes) under a widget pixel, and back.
    QPointF planeAt(const QPointF& pixel) const;
    QPointF pixelAt(const QPointF& planeCoordinates) const;
    // The test point drawn nearest `pixel` within a few pixels, or -1.
    int pointAt(const QPointF& pixel) const;
    const QImage& gridImage() const { return grid_; }
    const QRectF& gridRect() const { return gridRect_; }
    // Where the grid is drawn, and the plot around it, in widget pixels.
    QRect gridPixelRect() const;
    const QRectF& plotRect() const { return viewport_.plotRect(); }
    const QPointF& cursorPoint() const { return cursor_; }
    const QVector<QPointF>& path() const { return path_; }
    // Cells of `imageSize` that fit along each side of the plot at 1x.
    int cellsThatFit(const QSize& imageSize) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cursorMoved(const QPointF& planeCoordinates);
    void pointClicked(int index);
    // A right click that did not pan: the place for a context menu.
    void menuRequested(const QPoint& globalPosition);
    // The plot changed size: how many cells fit may have changed.
    void plotResized();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Pending, Cursor, Pan };

    void plotChanged();
    void viewportChanged();
    void fitHome();
    void zoomInSteps(const QPointF& anchor, int steps);
    int pointUnderMouse(const QPointF& pixel) const;
    void renderLayers();
    void paintGrid(QPainter& painter) const;
    void paintScatter(QPainter& painter);
    void paintAxes(QPainter& painter) const;
    void paintCursor(QPainter& painter) const;
    void paintMarker(QPainter& painter, int index, const QColor& colour) const;
    void paintPath(QPainter& painter) const;
    void paintHoverCard(QPainter& painter) const;
    void updatePlotRect();
    void updateViewPoints();
    void moveCursorTo(const QPointF& pixel);
    void setHovered(int index);

    LatentViewport viewport_;
    GridSpacing spacing_ = GridSpacing::Linear;
    QImage grid_;
    QRectF gridRect_;
    QRectF homeRect_{-3.5, -3.5, 7, 7};
    bool userMoved_ = false;
    QVector<QPointF> planePoints_;
    QVector<QPointF> viewPoints_;
    QVector<int> labels_;
    LatentScatterLayer scatter_;
    QImage scatterImage_;
    bool scatterDirty_ = true;
    std::shared_ptr<const Dataset> dataset_;
    int selected_ = -1;
    int hovered_ = -1;
    QPointF cursor_;
    QString titleX_;
    QString titleY_;
    QVector<QPointF> path_;
    bool gridVisible_ = true;
    bool pointsVisible_ = true;
    bool dataInFront_ = false;
    bool pathVisible_ = true;
    double wheelSteps_ = 0; // a trackpad's part of a zoom step, until a whole one is made

    QPixmap layers_; // grid, scatter and axes: drawn again when they change, not when the cursor moves
    bool axesDirty_ = true;
    bool plotDirty_ = true;
    Drag drag_ = Drag::None;
    QPointF lastMouse_;
    QPointF pressPosition_;
};

} // namespace vae
