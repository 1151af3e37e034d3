#include "core/data/NpyReader.h"

#include "core/data/FileError.h"
#include "core/data/NpyArray.h"
#include "core/data/SaturatingProduct.h"

#include <climits>
#include <cstring>

namespace vae {
namespace {

template <typename Unsigned>
Unsigned loadUnsigned(const std::uint8_t* bytes, bool bigEndian)
{
    Unsigned value = 0;
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i)
        value = Unsigned(value << 8 | bytes[bigEndian ? i : sizeof(Unsigned) - 1 - i]);
    return value;
}

template <typename Float, typename Bits>
void floatsToBytes(const NpyArray& array, std::uint8_t* output, const QString& path)
{
    static_assert(sizeof(Float) == sizeof(Bits));
    const std::uint8_t* input = array.data();
    const std::uint64_t count = array.elementCount();
    for (std::uint64_t i = 0; i < count; ++i) {
        const Bits bits = loadUnsigned<Bits>(input + i * sizeof(Float), array.type.bigEndian);
        Float value;
        std::memcpy(&value, &bits, sizeof value);
        if (!(value >= Float(0) && value <= Float(1)))
            throw fileError(path,
                            QStringLiteral("value %1 at element %2 is outside [0, 1]: float images must be scaled to "
                                           "[0, 1] (or saved as uint8)")
                                .arg(double(value))
                                .arg(i));
        output[i] = std::uint8_t(value * Float(255) + Float(0.5));
    }
}

// The file's element order (pixels with interleaved channels), as bytes. A uint8 array's own
// buffer is reused: image files can be large.
std::vector<std::uint8_t> elementsAsBytes(NpyArray&& array, const QString& path)
{
    const NpyElementType& type = array.type;
    if (type.kind == 'u' && type.size == 1) {
        std::vector<std::uint8_t> bytes = std::move(array.bytes);
        bytes.erase(bytes.begin(), bytes.begin() + std::ptrdiff_t(array.dataOffset));
        return bytes;
    }
    const bool float32 = type.kind == 'f' && type.size == 4;
    const bool float64 = type.kind == 'f' && type.size == 8;
    if (!float32 && !float64)
        throw fileError(
            path,
            QStringLiteral("unsupported image dtype '%1': use uint8 ('|u1'), float32 ('<f4') or float64 ('<f8')")
                .arg(type.descr));
    std::vector<std::uint8_t> bytes(array.elementCount());
    if (float32)
        floatsToBytes<float, std::uint32_t>(array, bytes.data(), path);
    else
        floatsToBytes<double, std::uint64_t>(array, bytes.data(), path);
    return bytes;
}

std::vector<std::uint8_t> toChannelMajor(const std::vector<std::uint8_t>& interleaved, int count, int channels,
                                         int pixelsPerImage)
{
    std::vector<std::uint8_t> planar(interleaved.size());
    const std::size_t imageSize = std::size_t(channels) * std::size_t(pixelsPerImage);
    for (std::size_t image = 0; image < std::size_t(count); ++image) {
        const std::uint8_t* source = interleaved.data() + image * imageSize;
        std::uint8_t* target = planar.data() + image * imageSize;
        for (int pixel = 0; pixel < pixelsPerImage; ++pixel)
            for (int channel = 0; channel < channels; ++channel)
                target[std::size_t(channel) * std::size_t(pixelsPerImage) + std::size_t(pixel)] =
                    source[std::size_t(pixel) * std::size_t(channels) + std::size_t(channel)];
    }
    return planar;
}

// Unsigned values beyond int64 are clamped: they are out of any label range either way.
std::int64_t loadInteger(const std::uint8_t* bytes, const NpyElementType& type)
{
    std::uint64_t value = 0;
    for (int i = 0; i < type.size; ++i)
        value = value << 8 | bytes[type.bigEndian ? i : type.size - 1 - i];
    if (type.kind == 'u')
        return value > std::uint64_t(LLONG_MAX) ? LLONG_MAX : std::int64_t(value);
    const bool negative = (value >> (8 * type.size - 1)) != 0;
    if (negative && type.size < 8)
        value |= ~std::uint64_t(0) << (8 * type.size);
    return std::int64_t(value);
}

bool isSupportedLabelType(const NpyElementType& type)
{
    return (type.kind == 'i' || type.kind == 'u') &&
        (type.size == 1 || type.size == 2 || type.size == 4 || type.size == 8);
}

} // namespace

ImageSet readNpyImages(const QString& path)
{
    return npyImages(readNpyArray(path), path);
}

std::vector<std::int32_t> readNpyLabels(const QString& path)
{
    return npyLabels(readNpyArray(path), path);
}

ImageSet npyImages(NpyArray array, const QString& path)
{
    const std::vector<std::uint64_t> shape = array.shape;
    const bool channelsLast = shape.size() == 4 && (shape[3] == 1 || shape[3] == 3);
    if (shape.size() != 3 && !channelsLast)
        throw fileError(path,
                        QStringLiteral("unsupported image shape %1: expected [N, H, W] or [N, H, W, C] with C = 1 or 3")
                            .arg(array.shapeText()));
    if (shape[1] == 0 || shape[2] == 0)
        throw fileError(path, QStringLiteral("images of shape %1 are empty").arg(array.shapeText()));
    const std::uint64_t channels = channelsLast ? shape[3] : 1;
    if (shape[0] > std::uint64_t(INT_MAX) || saturatingProduct({shape[1], shape[2], channels}) > std::uint64_t(INT_MAX))
        throw fileError(path, QStringLiteral("too large: shape %1").arg(array.shapeText()));

    ImageSet images;
    images.channels = int(channels);
    images.height = int(shape[1]);
    images.width = int(shape[2]);
    images.pixels = elementsAsBytes(std::move(array), path);
    if (images.channels > 1)
        images.pixels = toChannelMajor(images.pixels, int(shape[0]), images.channels, images.height * images.width);
    return images;
}

std::vector<std::int32_t> npyLabels(const NpyArray& array, const QString& path)
{
    const bool column = array.shape.size() == 2 && array.shape[1] == 1;
    if (array.shape.size() != 1 && !column)
        throw fileError(path, QStringLiteral("unsupported label shape %1: expected [N]").arg(array.shapeText()));
    if (!isSupportedLabelType(array.type))
        throw fileError(path,
                        QStringLiteral("unsupported label dtype '%1': labels must be integers").arg(array.type.descr));

    const std::uint64_t count = array.elementCount();
    std::vector<std::int32_t> labels(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::int64_t label = loadInteger(array.data() + i * std::uint64_t(array.type.size), array.type);
        if (label < 0 || label > INT_MAX)
            throw fileError(
                path, QStringLiteral("label %1 at index %2 is out of range 0..%3").arg(label).arg(i).arg(INT_MAX));
        labels[i] = std::int32_t(label);
    }
    return labels;
}

} // namespace vae
