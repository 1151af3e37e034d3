#pragma once

#include <QSize>

namespace vae {

// Sheets of small images shown at whole-number scales (PixelImageLabel): how to lay them out to
// use the room a widget has. `border` is the gap in image pixels between cells and around them.

// Columns and rows of `image`-sized cells that fill `area` with each image shown at `scale`
// times its size; at least one of each.
QSize cellsFilling(const QSize& area, const QSize& image, int border, int scale);

// The number of columns that shows `count` images largest in `area` (at the largest whole-number
// scale, counting any above `enough` as `enough`); on a tie the fewest rows, as even as they can be:
// a sequence reads best in as few rows as show it large enough.
int columnsShowingLargest(int count, const QSize& area, const QSize& image, int border, int enough);

} // namespace vae
