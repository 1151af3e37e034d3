#pragma once

#include <QSize>

namespace vae {

// Sheets of small images shown at whole-number scales (PixelImageLabel): how to lay them out to
// use the room a widget has. `border` is the gap in image pixels between cells and around them.

// Columns and rows of `image`-sized cells that fill `area` with each image shown at `scale`
// times its size; at least one of each.
QSize cellsFilling(const QSize& area, const QSize& image, int border, int scale);

// The number of columns that shows `count` images largest in `area` (at the largest whole-number
// scale), the widest layout on a tie.
int columnsShowingLargest(int count, const QSize& area, const QSize& image, int border);

} // namespace vae
