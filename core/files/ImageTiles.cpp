#include "core/files/ImageTiles.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace vae {
namespace {

// A blank picture for `count` tiles of `imageSize` laid out by `layout`, and where each goes.
class Sheet {
public:
    Sheet(const QSize& imageSize, int count, int columns, const TileLayout& layout, QImage::Format format)
        : tile_(imageSize * layout.scale)
        , columns_(columns)
        , scale_(layout.scale)
        , border_(layout.border)
    {
        if (count < 1 || columns < 1 || layout.scale < 1 || layout.border < 0)
            throw std::invalid_argument("image tiles: no tiles, or a layout without columns or scale");
        const int rows = (count + columns - 1) / columns;
        picture_ =
            QImage(columns * (tile_.width() + border_) + border_, rows * (tile_.height() + border_) + border_, format);
        picture_.fill(layout.background);
    }

    // Row `y` of tile `index`, `width` pixels of the picture's format, scaled up by whole pixels.
    template <typename Pixel>
    void writeRow(int index, int y, const Pixel* row, int width)
    {
        const QPoint corner(border_ + index % columns_ * (tile_.width() + border_),
                            border_ + index / columns_ * (tile_.height() + border_));
        for (int copy = 0; copy < scale_; ++copy) {
            auto* to = reinterpret_cast<Pixel*>(picture_.scanLine(corner.y() + y * scale_ + copy)) + corner.x();
            if (scale_ == 1)
                std::memcpy(to, row, std::size_t(width) * sizeof(Pixel));
            else
                for (int x = 0; x < width * scale_; ++x)
                    to[x] = row[x / scale_];
        }
    }

    QImage picture() const { return picture_; }

private:
    QImage picture_;
    QSize tile_;
    int columns_;
    int scale_;
    int border_;
};

} // namespace

QImage tileImages(const std::vector<QImage>& tiles, int columns, const TileLayout& layout)
{
    const QSize imageSize = tiles.empty() ? QSize() : tiles.front().size();
    if (std::any_of(tiles.begin(), tiles.end(), [&](const QImage& image) { return image.size() != imageSize; }))
        throw std::invalid_argument("tileImages: the tiles differ in size");
    const bool grey = std::all_of(tiles.begin(), tiles.end(),
                                  [](const QImage& image) { return image.format() == QImage::Format_Grayscale8; });
    const QImage::Format format = grey ? QImage::Format_Grayscale8 : QImage::Format_RGB32;
    Sheet sheet(imageSize, int(tiles.size()), columns, layout, format);
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const QImage tile = tiles[i].convertToFormat(format);
        for (int y = 0; y < tile.height(); ++y) {
            if (grey)
                sheet.writeRow(int(i), y, tile.constScanLine(y), tile.width());
            else
                sheet.writeRow(int(i), y, reinterpret_cast<const QRgb*>(tile.constScanLine(y)), tile.width());
        }
    }
    return sheet.picture();
}

QImage tilePixels(const std::uint8_t* pixels, int count, int channels, int height, int width, int columns,
                  const TileLayout& layout)
{
    const bool colour = channels == 3;
    Sheet sheet(QSize(width, height), count, columns, layout,
                colour ? QImage::Format_RGB32 : QImage::Format_Grayscale8);
    const std::size_t plane = std::size_t(height) * std::size_t(width);
    std::vector<QRgb> colourRow(static_cast<std::size_t>(width));
    for (int i = 0; i < count; ++i) {
        const std::uint8_t* image = pixels + std::size_t(i) * std::size_t(channels) * plane;
        for (int y = 0; y < height; ++y) {
            const std::uint8_t* row = image + std::size_t(y) * std::size_t(width);
            if (!colour) {
                sheet.writeRow(i, y, row, width);
                continue;
            }
            for (int x = 0; x < width; ++x)
                colourRow[std::size_t(x)] = qRgb(row[x], row[plane + std::size_t(x)], row[2 * plane + std::size_t(x)]);
            sheet.writeRow(i, y, colourRow.data(), width);
        }
    }
    return sheet.picture();
}

} // namespace vae
