#include "core/ImageConversion.h"
#include "core/ImageTiles.h"

#include <gtest/gtest.h>

#include <vector>

namespace vae {
namespace {

// Channel-major images whose values run through [0, 1] and beyond it, different in every tile.
std::vector<float> rampImages(int count, int channels, int height, int width)
{
    std::vector<float> values(std::size_t(count * channels * height * width));
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = float(i % 53) / 50.0f - 0.02f;
    return values;
}

QImage tiledOneByOne(const std::vector<float>& values, int count, int channels, int height, int width, int columns, const TileLayout& layout)
{
    std::vector<QImage> tiles;
    const std::size_t size = std::size_t(channels * height * width);
    for (int i = 0; i < count; ++i)
        tiles.push_back(imageFromUnitFloats(values.data() + std::size_t(i) * size, channels, height, width));
    return tileImages(tiles, columns, layout);
}

TEST(ImageTiles, TilingDecoderValuesDirectlyGivesThePictureOfTheSeparateImages)
{
    for (int channels : {1, 3}) {
        for (const TileLayout& layout : {TileLayout{}, TileLayout{3, 2, Qt::blue}}) {
            const int count = 7, height = 4, width = 5, columns = 3;
            const std::vector<float> values = rampImages(count, channels, height, width);
            const QImage direct = tileUnitFloats(values.data(), count, channels, height, width, columns, layout);
            const QImage expected = tiledOneByOne(values, count, channels, height, width, columns, layout);
            SCOPED_TRACE(testing::Message() << channels << " channels, scale " << layout.scale << ", border " << layout.border);
            EXPECT_EQ(direct.format(), channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB32);
            EXPECT_EQ(direct.size(), QSize(columns * (width * layout.scale + layout.border) + layout.border,
                                           3 * (height * layout.scale + layout.border) + layout.border));
            EXPECT_EQ(direct, expected);
        }
    }
}

TEST(ImageTiles, PixelsAreTheValuesRoundedAndClampedAndScaledByWholePixels)
{
    const std::vector<float> values{0.0f, 0.5f, 1.2f, -0.1f, 0.2f, 1.0f};
    const QImage picture = tileUnitFloats(values.data(), 2, 1, 1, 3, 2, {2, 1, Qt::white});
    ASSERT_EQ(picture.size(), QSize(2 * (3 * 2 + 1) + 1, 2 + 2));
    EXPECT_EQ(qGray(picture.pixel(0, 1)), 255); // the border
    EXPECT_EQ(qGray(picture.pixel(1, 1)), 0);
    EXPECT_EQ(qGray(picture.pixel(2, 2)), 0);
    EXPECT_EQ(qGray(picture.pixel(3, 1)), 128); // 0.5 * 255 rounds up
    EXPECT_EQ(qGray(picture.pixel(5, 2)), 255); // 1.2 clamps
    EXPECT_EQ(qGray(picture.pixel(8, 1)), 0);   // -0.1 clamps, second tile after the border
    EXPECT_EQ(qGray(picture.pixel(10, 1)), 51);
    EXPECT_EQ(qGray(picture.pixel(13, 2)), 255);
}

TEST(ImageTiles, ALayoutWithoutTilesOrColumnsIsRefused)
{
    const std::vector<float> values(4, 0.5f);
    EXPECT_THROW(tileUnitFloats(values.data(), 0, 1, 2, 2, 1), std::invalid_argument);
    EXPECT_THROW(tileUnitFloats(values.data(), 1, 1, 2, 2, 0), std::invalid_argument);
    EXPECT_THROW(tileImages({}, 1), std::invalid_argument);
}

} // namespace
} // namespace vae
