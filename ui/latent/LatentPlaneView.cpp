#include "ui/latent/LatentPlaneView.h"

#include "core/files/ImageConversion.h"
#include "core/latent/LatentAxisScale.h"
#include "ui/latent/LatentAxisTicks.h"
#include "ui/latent/LatentClassColours.h"

#include <QKeyEvent>
#include <QLineF>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace vae {
namespace {

constexpr int leftMargin = 46;
constexpr int bottomMargin = 36;
constexpr int topMargin = 6;
constexpr int rightMargin = 10;
constexpr double minimumTickGap = 46.0;
constexpr double hoverRadius = 6.0;
constexpr double cursorGrabRadius = 10.0;
constexpr double clickSlop = 4.0;   // pixels a click may wander before it is a drag
constexpr double homeMargin = 0.03; // of the grid's width, around it when fitted
constexpr int hoverImageSide = 112; // the hovered image, at the whole scale that comes nearest below (4x for 28 px)
// With the grid in front the test set only shows where the data lies: dots small and faint enough
// to leave the decoded images readable. In front, it is drawn to be read, over a faded grid.
constexpr double faintDotDiameter = 3.0;
constexpr double faintDotOpacity = 0.4;
constexpr double markerDiameter = 5.0;
constexpr double markerOpacity = 0.9;
constexpr double fadedGridOpacity = 0.3;
// The wheel's zoom steps through whole-number scales of the grid's pixels and, below 1x, their
// inverses: rung 0 is 1x, rung 2 is 3x, rung -1 is 1/2x.
constexpr int lowestRung = -9;  // 1/10x
constexpr int highestRung = 31; // 32x

QRectF viewRectAround(const QRectF& rect, double margin)
{
    return rect.adjusted(-margin * rect.width(), -margin * rect.height(), margin * rect.width(),
                         margin * rect.height());
}

double scaleOfRung(int rung)
{
    return rung >= 0 ? rung + 1.0 : 1.0 / (1 - rung);
}

int rungOf(double scale)
{
    return scale >= 1 ? int(std::lround(scale)) - 1 : 1 - int(std::lround(1 / scale));
}

} // namespace

LatentPlaneView::LatentPlaneView(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::CrossCursor);
    // The right button pans; its menu comes on a release without a drag (menuRequested), not on
    // the press as Qt's context menus do here.
    setContextMenuPolicy(Qt::PreventContextMenu);
}

QSize LatentPlaneView::sizeHint() const
{
    return {560, 560};
}

QSize LatentPlaneView::minimumSizeHint() const
{
    return {220, 220};
}

void LatentPlaneView::setSpacing(GridSpacing spacing)
{
    if (spacing == spacing_)
        return;
    spacing_ = spacing;
    userMoved_ = false; // the old view's coordinates mean something else now
    grid_ = QImage();   // and so does the old grid's square, until the new grid arrives
    updateViewPoints();
}

void LatentPlaneView::setGrid(const QImage& image, const QRectF& viewRect)
{
    const bool newShape = image.size() != grid_.size() || viewRect != gridRect_;
    grid_ = image;
    gridRect_ = viewRect;
    homeRect_ = viewRectAround(viewRect, homeMargin);
    if (!newShape || userMoved_) {
        plotChanged();
        return;
    }
    fitHome();
    viewportChanged();
}

// The grid at the largest whole-number scale of its pixels that fits, its corner on a whole
// pixel, so every image pixel becomes the same square of screen pixels. Without a grid, or when
// not even 1x fits, the grid's square as large as the plot allows.
void LatentPlaneView::fitHome()
{
    viewport_.fit(homeRect_);
    if (grid_.isNull())
        return;
    const QRectF plot = viewport_.plotRect();
    const int scale = std::min(int(plot.width()) / grid_.width(), int(plot.height()) / grid_.height());
    if (scale < 1)
        return;
    viewport_.fit(gridRect_);
    viewport_.setPixelsPerUnit(scale * grid_.width() / gridRect_.width());
    const QPointF corner = viewport_.toPixel({gridRect_.left(), gridRect_.bottom()});
    viewport_.pan(QPointF(std::round(corner.x()) - corner.x(), std::round(corner.y()) - corner.y()));
}

QRect LatentPlaneView::gridPixelRect() const
{
    const QPointF corner = viewport_.toPixel({gridRect_.left(), gridRect_.bottom()});
    const QSizeF size = gridRect_.size() * viewport_.pixelsPerUnit();
    return {QPoint(int(std::lround(corner.x())), int(std::lround(corner.y()))),
            QSize(int(std::lround(size.width())), int(std::lround(size.height())))};
}

int LatentPlaneView::cellsThatFit(const QSize& imageSize) const
{
    const QRectF plot = viewport_.plotRect();
    return std::min(int(plot.width()) / std::max(1, imageSize.width()),
                    int(plot.height()) / std::max(1, imageSize.height()));
}

void LatentPlaneView::clearGrid()
{
    grid_ = QImage();
    plotChanged();
}

void LatentPlaneView::setPoints(const QVector<QPointF>& planeCoordinates, std::shared_ptr<const Dataset> dataset)
{
    planePoints_ = planeCoordinates;
    dataset_ = std::move(dataset);
    const ImageSet* test = dataset_ ? &dataset_->test : nullptr;
    labels_.resize(planePoints_.size());
    for (int i = 0; i < planePoints_.size(); ++i)
        labels_[i] = test && i < int(test->labels.size()) ? test->labels[std::size_t(i)] : -1;
    if (hovered_ >= planePoints_.size())
        hovered_ = -1;
    updateViewPoints();
}

void LatentPlaneView::updateViewPoints()
{
    viewPoints_.resize(planePoints_.size());
    for (int i = 0; i < planePoints_.size(); ++i)
        viewPoints_[i] =
            QPointF(latentToView(planePoints_[i].x(), spacing_), latentToView(planePoints_[i].y(), spacing_));
    scatter_.setPoints(viewPoints_, labels_);
    viewportChanged();
}

void LatentPlaneView::setSelected(int index)
{
    selected_ = index;
    update();
}

void LatentPlaneView::setCursorPoint(const QPointF& planeCoordinates)
{
    cursor_ = planeCoordinates;
    update();
}

void LatentPlaneView::setAxisTitles(const QString& x, const QString& y)
{
    titleX_ = x;
    titleY_ = y;
    axesDirty_ = true;
    update();
}

void LatentPlaneView::setPath(const QVector<QPointF>& planeCoordinates)
{
    path_ = planeCoordinates;
    update();
}

void LatentPlaneView::setPathVisible(bool visible)
{
    pathVisible_ = visible;
    update();
}

void LatentPlaneView::setGridVisible(bool visible)
{
    gridVisible_ = visible;
    plotChanged();
}

void LatentPlaneView::setPointsVisible(bool visible)
{
    pointsVisible_ = visible;
    if (!visible)
        hovered_ = -1;
    plotChanged();
}

void LatentPlaneView::setDataInFront(bool front)
{
    if (front == dataInFront_)
        return;
    dataInFront_ = front;
    setHovered(-1);
    scatterDirty_ = true;
    plotChanged();
}

void LatentPlaneView::resetView()
{
    userMoved_ = false;
    fitHome();
    viewportChanged();
}

QPointF LatentPlaneView::planeAt(const QPointF& pixel) const
{
    const QPointF view = viewport_.toView(pixel);
    return {viewToLatent(view.x(), spacing_), viewToLatent(view.y(), spacing_)};
}

QPointF LatentPlaneView::pixelAt(const QPointF& planeCoordinates) const
{
    return viewport_.toPixel(
        {latentToView(planeCoordinates.x(), spacing_), latentToView(planeCoordinates.y(), spacing_)});
}

int LatentPlaneView::pointAt(const QPointF& pixel) const
{
    if (!pointsVisible_ || !viewport_.plotRect().contains(pixel))
        return -1;
    const QPointF view = viewport_.toView(pixel);
    const double reach = hoverRadius / viewport_.pixelsPerUnit();
    double nearest = reach * reach;
    int found = -1;
    for (int i = 0; i < viewPoints_.size(); ++i) {
        const double dx = viewPoints_[i].x() - view.x();
        const double dy = viewPoints_[i].y() - view.y();
        const double distance = dx * dx + dy * dy;
        if (distance < nearest) {
            nearest = distance;
            found = i;
        }
    }
    return found;
}

// Only the layer in front answers the mouse: over the grid a click puts the cursor there.
int LatentPlaneView::pointUnderMouse(const QPointF& pixel) const
{
    return dataInFront_ ? pointAt(pixel) : -1;
}

void LatentPlaneView::plotChanged()
{
    plotDirty_ = true;
    update();
}

void LatentPlaneView::viewportChanged()
{
    scatterDirty_ = true;
    axesDirty_ = true;
    plotChanged();
}

void LatentPlaneView::updatePlotRect()
{
    viewport_.setPlotRect(QRectF(leftMargin, topMargin, std::max(1, width() - leftMargin - rightMargin),
                                 std::max(1, height() - topMargin - bottomMargin)));
}

void LatentPlaneView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const QPointF centre = viewport_.toView(viewport_.plotRect().center());
    updatePlotRect();
    if (userMoved_)
        viewport_.pan(viewport_.toPixel(centre) - viewport_.plotRect().center());
    else
        fitHome();
    viewportChanged();
    Q_EMIT plotResized();
}

void LatentPlaneView::paintEvent(QPaintEvent*)
{
    renderLayers();
    QPainter painter(this);
    painter.drawPixmap(0, 0, layers_);
    painter.setClipRect(viewport_.plotRect());
    painter.setRenderHint(QPainter::Antialiasing);
    if (pointsVisible_ && selected_ >= 0 && selected_ < viewPoints_.size())
        paintMarker(painter, selected_, QColor(0x10, 0x10, 0x10));
    paintPath(painter);
    paintCursor(painter);
    if (pointsVisible_ && hovered_ >= 0 && hovered_ < viewPoints_.size()) {
        paintMarker(painter, hovered_, classColour(labels_[hovered_]).darker(130));
        painter.setClipping(false);
        paintHoverCard(painter);
    }
}

void LatentPlaneView::renderLayers()
{
    const double ratio = devicePixelRatioF();
    if (layers_.size() != size() * ratio) {
        layers_ = QPixmap(size() * ratio);
        layers_.setDevicePixelRatio(ratio);
        axesDirty_ = true;
    }
    if (!axesDirty_ && !plotDirty_)
        return;
    QPainter painter(&layers_);
    // The axes are drawn outside the plot: a new grid, the grid's most frequent change, repaints
    // only the plot, over the axes of the last change of view.
    if (axesDirty_) {
        painter.fillRect(QRectF(QPointF(0, 0), size()), palette().color(QPalette::Window));
        paintAxes(painter);
    }
    axesDirty_ = plotDirty_ = false;
    painter.setClipRect(viewport_.plotRect());
    painter.fillRect(viewport_.plotRect(), palette().color(QPalette::Base));
    if (gridVisible_)
        paintGrid(painter);
    if (pointsVisible_)
        paintScatter(painter);
}

void LatentPlaneView::paintGrid(QPainter& painter) const
{
    if (grid_.isNull())
        return;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false); // whole pixels stay sharp
    painter.setOpacity(dataInFront_ ? fadedGridOpacity : 1.0);
    painter.drawImage(gridPixelRect(), grid_);
    painter.setOpacity(1.0);
}

void LatentPlaneView::paintScatter(QPainter& painter)
{
    if (scatterDirty_) {
        scatter_.setMarkerDiameter(dataInFront_ ? markerDiameter : faintDotDiameter);
        scatterImage_ = scatter_.render(viewport_, devicePixelRatioF());
        scatterDirty_ = false;
    }
    painter.setOpacity(dataInFront_ ? markerOpacity : faintDotOpacity);
    painter.drawImage(viewport_.plotRect().topLeft(), scatterImage_);
    painter.setOpacity(1.0);
}

void LatentPlaneView::paintAxes(QPainter& painter) const
{
    const QRectF plot = viewport_.plotRect();
    const QRectF visible = viewport_.visibleView();
    const double scale = viewport_.pixelsPerUnit();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QFontMetricsF metrics(small);
    const QColor ink = palette().color(QPalette::WindowText);
    QColor faint = ink;
    faint.setAlpha(110);

    painter.setPen(QPen(faint, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot.adjusted(-0.5, -0.5, 0.5, 0.5));
    painter.setPen(ink);
    for (double tick : latentTicks(visible.left(), visible.right(), spacing_, scale, minimumTickGap)) {
        const double x = viewport_.toPixel({latentToView(tick, spacing_), 0}).x();
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        const QString label = tickLabel(tick);
        painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, plot.bottom() + 5 + metrics.ascent()),
                         label);
    }
    for (double tick : latentTicks(visible.top(), visible.bottom(), spacing_, scale, minimumTickGap * 0.6)) {
        const double y = viewport_.toPixel({0, latentToView(tick, spacing_)}).y();
        painter.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y));
        const QString label = tickLabel(tick);
        painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2 - 1),
                         label);
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 4 + metrics.height(), plot.width(), metrics.height()),
                     Qt::AlignCenter, titleX_);
    painter.save();
    painter.translate(4 + metrics.ascent() / 2, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-plot.height() / 2, -metrics.height() / 2, plot.height(), metrics.height()),
                     Qt::AlignCenter, titleY_);
    painter.restore();
}

void LatentPlaneView::paintMarker(QPainter& painter, int index, const QColor& colour) const
{
    const QPointF pixel = viewport_.toPixel(viewPoints_[index]);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(Qt::white, 4));
    painter.drawEllipse(pixel, 7, 7);
    painter.setPen(QPen(colour, 2));
    painter.drawEllipse(pixel, 7, 7);
}

void LatentPlaneView::paintPath(QPainter& painter) const
{
    if (!pathVisible_ || path_.size() < 2)
        return;
    QPolygonF line;
    for (const QPointF& point : path_)
        line << pixelAt(point);
    const QColor ink(0x5b, 0x2c, 0x8f);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(255, 255, 255, 190), 4.5));
    painter.drawPolyline(line);
    painter.setPen(QPen(ink, 2));
    painter.drawPolyline(line);
    painter.setPen(QPen(Qt::white, 1));
    painter.setBrush(ink);
    for (qsizetype i = 1; i + 1 < line.size(); ++i)
        painter.drawEllipse(line[i], 3, 3);
    // The ends, named as the Interpolation tab names them.
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    const QFontMetrics metrics(bold);
    const std::array<QString, 2> names{tr("from"), tr("to")};
    const std::array<QPointF, 2> ends{line.front(), line.back()};
    for (std::size_t end = 0; end < 2; ++end) {
        painter.setPen(QPen(Qt::white, 2));
        painter.setBrush(ink);
        painter.drawEllipse(ends[end], 6, 6);
        const QRectF label(ends[end] + QPointF(9, -metrics.height() / 2.0 - 1),
                           QSizeF(metrics.horizontalAdvance(names[end]) + 6, metrics.height() + 2));
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 210));
        painter.drawRoundedRect(label, 3, 3);
        painter.setPen(ink);
        painter.drawText(label, Qt::AlignCenter, names[end]);
    }
}

void LatentPlaneView::paintCursor(QPainter& painter) const
{
    const QRectF plot = viewport_.plotRect();
    const QPointF at = pixelAt(cursor_);
    const QColor accent(0xe4, 0x57, 0x2e);
    QColor guide = accent;
    guide.setAlpha(170);
    painter.setPen(QPen(guide, 1, Qt::DashLine));
    painter.drawLine(QPointF(plot.left(), at.y()), QPointF(plot.right(), at.y()));
    painter.drawLine(QPointF(at.x(), plot.top()), QPointF(at.x(), plot.bottom()));
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(Qt::white, 5));
    painter.drawEllipse(at, 9, 9);
    painter.setPen(QPen(accent, 2.5));
    painter.drawEllipse(at, 9, 9);
    painter.setPen(Qt::NoPen);
    painter.setBrush(accent);
    painter.drawEllipse(at, 2.5, 2.5);
}

void LatentPlaneView::paintHoverCard(QPainter& painter) const
{
    if (!dataset_ || hovered_ >= dataset_->test.count())
        return;
    const ImageSet& test = dataset_->test;
    const QImage image = imageFromSet(test, hovered_);
    const int label = test.hasLabels() ? test.labels[std::size_t(hovered_)] : -1;
    QString caption = tr("test image %L1").arg(hovered_);
    if (label >= 0)
        caption = tr("%1 · #%L2").arg(dataset_->className(label)).arg(hovered_);
    const QFontMetrics metrics(font());
    const QSize imageSize = image.size() * std::max(1, hoverImageSide / std::max(image.width(), image.height()));
    const int padding = 6;
    const QSize card(std::max(imageSize.width(), metrics.horizontalAdvance(caption)) + 2 * padding,
                     imageSize.height() + metrics.height() + 3 * padding);
    const QPointF point = viewport_.toPixel(viewPoints_[hovered_]);
    QPoint corner(int(point.x()) + 14, int(point.y()) - card.height() - 10);
    corner.setX(std::clamp(corner.x(), 0, std::max(0, width() - card.width())));
    if (corner.y() < 0)
        corner.setY(int(point.y()) + 14);
    const QRect box(corner, card);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 0, 0, 90), 1));
    painter.setBrush(palette().color(QPalette::ToolTipBase));
    painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(QRect(box.left() + (card.width() - imageSize.width()) / 2, box.top() + padding, imageSize.width(),
                            imageSize.height()),
                      image);
    painter.setPen(palette().color(QPalette::ToolTipText));
    painter.drawText(QRect(box.left(), box.top() + 2 * padding + imageSize.height(), card.width(), metrics.height()),
                     Qt::AlignCenter, caption);
}

void LatentPlaneView::moveCursorTo(const QPointF& pixel)
{
    const QRectF plot = viewport_.plotRect();
    const QPointF inside(std::clamp(pixel.x(), plot.left(), plot.right()),
                         std::clamp(pixel.y(), plot.top(), plot.bottom()));
    cursor_ = planeAt(inside);
    update();
    Q_EMIT cursorMoved(cursor_);
}

void LatentPlaneView::setHovered(int index)
{
    if (index == hovered_)
        return;
    hovered_ = index;
    setCursor(index >= 0 ? Qt::PointingHandCursor : Qt::CrossCursor);
    update();
}

void LatentPlaneView::mousePressEvent(QMouseEvent* event)
{
    lastMouse_ = event->position();
    pressPosition_ = event->position();
    if (event->button() == Qt::LeftButton) {
        // The cursor can sit on the data: grabbing it wins over the point beneath. Anywhere else a
        // press is a click (select the point, or put the cursor there) until the mouse moves.
        if (QLineF(event->position(), pixelAt(cursor_)).length() <= cursorGrabRadius) {
            drag_ = Drag::Cursor;
            moveCursorTo(event->position());
        } else {
            drag_ = Drag::Pending;
        }
    } else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        drag_ = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
}

void LatentPlaneView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF position = event->position();
    if (drag_ == Drag::Pending && QLineF(position, pressPosition_).length() > clickSlop)
        drag_ = Drag::Cursor;
    if (drag_ == Drag::Cursor) {
        moveCursorTo(position);
    } else if (drag_ == Drag::Pan) {
        viewport_.pan(position - lastMouse_);
        userMoved_ = true;
        viewportChanged();
    } else if (drag_ == Drag::None) {
        setHovered(pointUnderMouse(position));
    }
    lastMouse_ = position;
}

void LatentPlaneView::mouseReleaseEvent(QMouseEvent* event)
{
    if (drag_ == Drag::Pending) {
        const int point = pointUnderMouse(pressPosition_);
        if (point >= 0)
            Q_EMIT pointClicked(point);
        else
            moveCursorTo(event->position());
    }
    if (drag_ == Drag::Pan)
        setCursor(Qt::CrossCursor);
    if (drag_ == Drag::Pan && event->button() == Qt::RightButton &&
        QLineF(event->position(), pressPosition_).length() <= clickSlop)
        Q_EMIT menuRequested(event->globalPosition().toPoint());
    drag_ = Drag::None;
}

void LatentPlaneView::mouseDoubleClickEvent(QMouseEvent*)
{
    resetView();
}

void LatentPlaneView::wheelEvent(QWheelEvent* event)
{
    userMoved_ = true;
    hovered_ = -1;
    if (grid_.isNull() || !gridVisible_) {
        viewport_.zoom(event->position(), std::pow(1.0015, event->angleDelta().y()));
    } else {
        // A mouse's notch is one step; a trackpad's small deltas add up to one.
        wheelSteps_ += event->angleDelta().y() / 120.0;
        const int steps = int(wheelSteps_);
        wheelSteps_ -= steps;
        if (steps == 0)
            return;
        zoomInSteps(event->position(), steps);
    }
    viewportChanged();
}

void LatentPlaneView::zoomInSteps(const QPointF& anchor, int steps)
{
    const double scale = viewport_.pixelsPerUnit() * gridRect_.width() / grid_.width();
    const double wanted = scaleOfRung(std::clamp(rungOf(scale) + steps, lowestRung, highestRung));
    viewport_.zoom(anchor, wanted / scale);
}

void LatentPlaneView::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    setHovered(-1);
}

void LatentPlaneView::keyPressEvent(QKeyEvent* event)
{
    const double stride = (event->modifiers() & Qt::ShiftModifier ? 0.1 : 0.01) * viewport_.visibleView().width();
    QPointF step;
    switch (event->key()) {
    case Qt::Key_Left:
        step = {-stride, 0};
        break;
    case Qt::Key_Right:
        step = {stride, 0};
        break;
    case Qt::Key_Up:
        step = {0, stride};
        break;
    case Qt::Key_Down:
        step = {0, -stride};
        break;
    case Qt::Key_Home:
        resetView();
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    const QPointF view(latentToView(cursor_.x(), spacing_) + step.x(), latentToView(cursor_.y(), spacing_) + step.y());
    moveCursorTo(viewport_.toPixel(view));
}

} // namespace vae
