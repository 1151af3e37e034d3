#include "ui/widgets/SheetRowLabels.h"

#include "ui/widgets/PixelImageLabel.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <limits>

namespace vae {
namespace {

constexpr int gapToSheet = 6;

int widest(const QStringList& labels, const QFontMetrics& metrics)
{
    int width = 0;
    for (const QString& label : labels)
        width = std::max(width, metrics.horizontalAdvance(label));
    return width;
}

} // namespace

SheetRowLabels::SheetRowLabels(PixelImageLabel& sheet, QWidget* parent)
    : QWidget(parent)
    , sheet_(sheet)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    // The sheet's scale changes with its own size: follow it.
    sheet.installEventFilter(this);
}

void SheetRowLabels::setLabels(const QStringList& labels, int cellHeight, int border)
{
    const bool widthChanged = widest(labels, fontMetrics()) != widest(labels_, fontMetrics());
    labels_ = labels;
    cellHeight_ = std::max(1, cellHeight);
    border_ = std::max(0, border);
    if (widthChanged)
        updateGeometry();
    update();
}

int SheetRowLabels::rowCentre(int row) const
{
    const QImage& image = sheet_.image();
    const QRect shown = sheet_.imageRect();
    if (image.isNull() || image.height() == 0)
        return 0;
    const double imageY = border_ + row * (cellHeight_ + border_) + cellHeight_ / 2.0;
    const QPoint top = mapFromGlobal(sheet_.mapToGlobal(shown.topLeft()));
    return top.y() + int(imageY * shown.height() / image.height());
}

QSize SheetRowLabels::sizeHint() const
{
    return {widest(labels_, fontMetrics()) + gapToSheet, fontMetrics().height()};
}

QSize SheetRowLabels::minimumSizeHint() const
{
    return sizeHint();
}

bool SheetRowLabels::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == &sheet_ && (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        update();
    return QWidget::eventFilter(watched, event);
}

void SheetRowLabels::paintEvent(QPaintEvent*)
{
    if (sheet_.image().isNull())
        return;
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    const int lineHeight = fontMetrics().height();
    int lastBottom = std::numeric_limits<int>::min();
    for (int row = 0; row < labels_.size(); ++row) {
        const QRect line(0, rowCentre(row) - lineHeight / 2, width() - gapToSheet, lineHeight);
        if (line.top() < lastBottom)
            continue;
        painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, labels_[row]);
        lastBottom = line.bottom() + 1;
    }
}

} // namespace vae
