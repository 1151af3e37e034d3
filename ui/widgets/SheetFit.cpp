#include "ui/widgets/SheetFit.h"

#include <algorithm>
#include <utility>

namespace vae {
namespace {

QSize sheetSize(int columns, int rows, const QSize& image, int border)
{
    return {columns * (image.width() + border) + border, rows * (image.height() + border) + border};
}

} // namespace

QSize cellsFilling(const QSize& area, const QSize& image, int border, int scale)
{
    const int columns = (area.width() / std::max(1, scale) - border) / std::max(1, image.width() + border);
    const int rows = (area.height() / std::max(1, scale) - border) / std::max(1, image.height() + border);
    return {std::max(1, columns), std::max(1, rows)};
}

int columnsShowingLargest(int count, const QSize& area, const QSize& image, int border, int enough)
{
    // Larger images first, then fewer rows, then rows as even as they can be (fewer columns).
    int best = 1;
    std::pair<int, int> bestKey{-1, 0};
    for (int columns = 1; columns <= std::max(1, count); ++columns) {
        const int rows = (count + columns - 1) / columns;
        const QSize sheet = sheetSize(columns, rows, image, border);
        const int scale = std::min({area.width() / sheet.width(), area.height() / sheet.height(), enough});
        const std::pair<int, int> key{scale, -rows};
        if (key > bestKey) {
            best = columns;
            bestKey = key;
        }
    }
    return best;
}

} // namespace vae
