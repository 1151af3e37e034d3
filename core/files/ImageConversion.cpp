#include "core/files/ImageConversion.h"

#include <QVector>

#include <algorithm>

namespace vae {
namespace {

template <typename ToByte>
QImage channelMajorImage(int channels, int height, int width, ToByte toByte)
{
    const std::size_t plane = std::size_t(height) * std::size_t(width);
    if (channels == 3) {
        QImage image(width, height, QImage::Format_RGB888);
        for (int y = 0; y < height; ++y) {
            uchar* line = image.scanLine(y);
            for (int x = 0; x < width; ++x) {
                const std::size_t at = std::size_t(y) * std::size_t(width) + std::size_t(x);
                for (int c = 0; c < 3; ++c)
                    line[3 * x + c] = toByte(std::size_t(c) * plane + at);
            }
        }
        return image;
    }
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x)
            line[x] = toByte(std::size_t(y) * std::size_t(width) + std::size_t(x));
    }
    return image;
}

} // namespace

QImage imageFromBytes(const std::uint8_t* pixels, int channels, int height, int width)
{
    return channelMajorImage(channels, height, width, [pixels](std::size_t at) { return pixels[at]; });
}

QImage imageFromSet(const ImageSet& images, int index)
{
    return imageFromBytes(images.image(index), images.channels, images.height, images.width);
}

QVector<int> evenlySpreadIndices(int size, int count)
{
    QVector<int> indices;
    const int taken = std::min(size, count);
    for (int i = 0; i < taken; ++i)
        indices.append(int(std::int64_t(i) * size / taken));
    return indices;
}

} // namespace vae
