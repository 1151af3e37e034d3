#include "core/files/ImageConversion.h"
#include "core/files/ImageTiles.h"

#include <gtest/gtest.h>

#include <vector>

namespace vae {
namespace {

// Channel-major images whose pixels differ in every tile and channel.
std::vector<std::uint8_t> rampImages(int count, int channels, int height, int width)
{
    std::vector<std::uint8_t> pixels(std::size_t(count * channels * height * width));
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = std::uint8_t(i * 37 % 256);
    return pixels;
}

QImage tiledOneByOne(const std::vector<std::uint8_t>& pixels, int count, int channels, int height, int width,
                     int columns, const TileLayout& layout)
{
    std::vector<QImage> tiles;
    const std::size_t size = std::size_t(channels * height * width);
    for (int i = 0; i < count; ++i)
        tiles.push_back(imageFromBytes(pixels.data() + std::size_t(i) * size, channels, height, width));
    return tileImages(tiles, columns, layout);
}

TEST(ImageTiles, TilingPixelsDirectlyGivesThePictureOfTheSeparateImages)
{
    for (int channels : {1, 3}) {
        for (const TileLayout& layout : {TileLayout{}, TileLayout{3, 2, Qt::blue}}) {
            const int count = 7, height = 4, width = 5, columns = 3;
            const std::vector<std::uint8_t> pixels = rampImages(count, channels, height, width);
            const QImage direct = tilePixels(pixels.data(), count, channels, height, width, columns, layout);
            const QImage expected = tiledOneByOne(pixels, count, channels, height, width, columns, layout);
            SCOPED_TRACE(testing::Message()
                         << channels << " channels, scale " << layout.scale << ", border " << layout.border);
            EXPECT_EQ(direct.format(), channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB32);
            EXPECT_EQ(direct.size(),
                      QSize(columns * (width * layout.scale + layout.border) + layout.border,
                            3 * (height * layout.scale + layout.border) + layout.border));
            EXPECT_EQ(direct, expected);
        }
    }
}

TEST(ImageTiles, TilesSitInRowsBetweenBordersScaledByWholePixels)
{
    const std::vector<std::uint8_t> pixels{0, 128, 255, 7, 51, 200};
    const QImage picture = tilePixels(pixels.data(), 2, 1, 1, 3, 2, {2, 1, Qt::white});
    ASSERT_EQ(picture.size(), QSize(2 * (3 * 2 + 1) + 1, 2 + 2));
    EXPECT_EQ(qGray(picture.pixel(0, 1)), 255); // the border
    EXPECT_EQ(qGray(picture.pixel(1, 1)), 0);
    EXPECT_EQ(qGray(picture.pixel(2, 2)), 0);
    EXPECT_EQ(qGray(picture.pixel(3, 1)), 128);
    EXPECT_EQ(qGray(picture.pixel(6, 2)), 255);
    EXPECT_EQ(qGray(picture.pixel(7, 1)), 255); // the border between the tiles
    EXPECT_EQ(qGray(picture.pixel(8, 1)), 7);
    EXPECT_EQ(qGray(picture.pixel(10, 1)), 51);
    EXPECT_EQ(qGray(picture.pixel(13, 2)), 200);
    EXPECT_EQ(qGray(picture.pixel(13, 3)), 255);
}

TEST(ImageTiles, ALayoutWithoutTilesOrColumnsIsRefused)
{
    const std::vector<std::uint8_t> pixels(4, 128);
    EXPECT_THROW(tilePixels(pixels.data(), 0, 1, 2, 2, 1), std::invalid_argument);
    EXPECT_THROW(tilePixels(pixels.data(), 1, 1, 2, 2, 0), std::invalid_argument);
    EXPECT_THROW(tileImages({}, 1), std::invalid_argument);
}

} // namespace
} // namespace vae
