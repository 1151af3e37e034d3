#include "ImageTiles.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace vae {
namespace {

// Nearest-neighbour copy of `source` scaled by `scale` with its top-left corner at `corner`;
// `source` has the picture's format, whose pixels are `Pixel`s.
template <typename Pixel>
void copyScaled(const QImage& source, int scale, const QPoint& corner, QImage& picture)
{
    for (int y = 0; y < source.height() * scale; ++y) {
        const auto* from = reinterpret_cast<const Pixel*>(source.constScanLine(y / scale));
        auto* to = reinterpret_cast<Pixel*>(picture.scanLine(corner.y() + y)) + corner.x();
        if (scale == 1) {
            std::memcpy(to, from, std::size_t(source.width()) * sizeof(Pixel));
            continue;
        }
        for (int x = 0; x < source.width() * scale; ++x)
            to[x] = from[x / scale];
    }
}

} // namespace

QImage tileImages(const std::vector<QImage>& tiles, int columns, const TileLayout& layout)
{
    if (tiles.empty() || columns < 1 || layout.scale < 1 || layout.border < 0)
        throw std::invalid_argument("tileImages: no tiles, or a layout without columns or scale");
    const QSize imageSize = tiles.front().size();
    if (std::any_of(tiles.begin(), tiles.end(), [&](const QImage& image) { return image.size() != imageSize; }))
        throw std::invalid_argument("tileImages: the tiles differ in size");
    const QSize tile = imageSize * layout.scale;
    const int rows = (int(tiles.size()) + columns - 1) / columns;
    const bool grey = std::all_of(tiles.begin(), tiles.end(), [](const QImage& image) { return image.format() == QImage::Format_Grayscale8; });
    const QImage::Format format = grey ? QImage::Format_Grayscale8 : QImage::Format_RGB32;
    QImage picture(columns * (tile.width() + layout.border) + layout.border, rows * (tile.height() + layout.border) + layout.border, format);
    picture.fill(layout.background);
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const int row = int(i) / columns;
        const int column = int(i) % columns;
        const QPoint corner(layout.border + column * (tile.width() + layout.border), layout.border + row * (tile.height() + layout.border));
        if (grey)
            copyScaled<uchar>(tiles[i], layout.scale, corner, picture);
        else
            copyScaled<QRgb>(tiles[i].convertToFormat(format), layout.scale, corner, picture);
    }
    return picture;
}

} // namespace vae
