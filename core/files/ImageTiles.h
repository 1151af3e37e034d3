#pragma once

#include <QColor>
#include <QImage>

#include <cstdint>

#include <vector>

namespace vae {

// How images are laid out in one picture: each scaled up by a whole factor (nearest neighbour,
// so pixels stay sharp), with `border` pixels of `background` between cells and around them.
struct TileLayout {
    int scale = 1;
    int border = 0;
    QColor background = Qt::white;
};

// Images of one size in rows of `columns`, row-major; a short last row leaves background. Grey
// tiles give a grey picture, any other format an RGB one.
QImage tileImages(const std::vector<QImage>& tiles, int columns, const TileLayout& layout = {});

// The same picture made straight from `count` images of channels x height x width bytes,
// channel-major as the engine gives them: no image per tile, for grids decoded live.
QImage tilePixels(const std::uint8_t* pixels, int count, int channels, int height, int width, int columns,
                  const TileLayout& layout = {});

} // namespace vae
