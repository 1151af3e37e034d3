#include "core/data/ImageFileDecoder.h"

#include <QImage>
#include <QImageReader>
#include <QRect>

#include <algorithm>

namespace vae {
namespace {

// Python's round(), half to even: torchvision's center_crop places the crop at
// int(round((size - crop) / 2.0)), so odd margins put the crop where it does.
int centredOffset(int margin)
{
    const int half = margin / 2;
    return margin % 2 == 0 || half % 2 == 0 ? half : half + 1;
}

QRect centredSquare(QSize size)
{
    const int side = std::min(size.width(), size.height());
    return {centredOffset(size.width() - side), centredOffset(size.height() - side), side, side};
}

// Qt refuses to decode an image larger than its allocation limit and says only "Unable to read
// image data"; the size in the header tells the user why. Qt counts 4 bytes a pixel.
QString tooLargeNote(QSize size)
{
    const qint64 limitBytes = qint64(QImageReader::allocationLimit()) * 1024 * 1024;
    if (!size.isValid() || limitBytes <= 0 || qint64(size.width()) * qint64(size.height()) * 4 <= limitBytes)
        return {};
    return QStringLiteral(" (%1x%2 pixels: more than the %3 MB one image may take decoded)")
        .arg(size.width())
        .arg(size.height())
        .arg(QImageReader::allocationLimit());
}

// Source-over onto an opaque colour, on premultiplied pixels: colour + (1 - alpha) * background.
QImage overBackground(const QImage& premultiplied, QColor background)
{
    QImage result(premultiplied.size(), QImage::Format_RGB32);
    const int backgroundRed = background.red();
    const int backgroundGreen = background.green();
    const int backgroundBlue = background.blue();
    for (int y = 0; y < premultiplied.height(); ++y) {
        const auto* source = reinterpret_cast<const QRgb*>(premultiplied.constScanLine(y));
        auto* target = reinterpret_cast<QRgb*>(result.scanLine(y));
        for (int x = 0; x < premultiplied.width(); ++x) {
            const QRgb pixel = source[x];
            const int clear = 255 - qAlpha(pixel);
            target[x] = qRgb(qRed(pixel) + (clear * backgroundRed + 127) / 255,
                             qGreen(pixel) + (clear * backgroundGreen + 127) / 255,
                             qBlue(pixel) + (clear * backgroundBlue + 127) / 255);
        }
    }
    return result;
}

// Scan lines are padded, so the image is copied row by row.
void writeChannelMajor(const QImage& image, int channels, std::uint8_t* target)
{
    const std::size_t width = std::size_t(image.width());
    const std::size_t plane = width * std::size_t(image.height());
    for (int y = 0; y < image.height(); ++y) {
        const std::uint8_t* row = image.constScanLine(y);
        for (std::size_t x = 0; x < width; ++x)
            for (int channel = 0; channel < channels; ++channel)
                target[std::size_t(channel) * plane + std::size_t(y) * width + x] =
                    row[x * std::size_t(channels) + std::size_t(channel)];
    }
}

} // namespace

QStringList imageFileNameFilters()
{
    QStringList filters{QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"),
                        QStringLiteral("*.bmp")};
    const QList<QByteArray> readable = QImageReader::supportedImageFormats();
    for (const char* optional : {"webp", "gif"})
        if (readable.contains(optional))
            filters << QStringLiteral("*.") + QLatin1String(optional);
    return filters;
}

QString decodeImageFile(const QString& path, const DatasetOptions& options, std::uint8_t* target)
{
    QImageReader reader(path);
    const QSize declared = reader.size(); // from the header: after a failed read there is none
    QImage image = reader.read();
    if (image.isNull())
        return reader.errorString() + tooLargeNote(declared);
    // 32-bit first: smooth scaling needs it, and premultiplied alpha scales without dark fringes.
    const bool transparent = image.hasAlphaChannel();
    image = image.convertToFormat(transparent ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    if (image.width() != image.height())
        image = image.copy(centredSquare(image.size()));
    const int size = options.imageFolderSize;
    if (image.width() != size)
        image = image.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (transparent)
        image = overBackground(image, options.imageFolderBackground);
    const bool rgb = options.imageFolderColor == ColorMode::Rgb;
    image = image.convertToFormat(rgb ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    writeChannelMajor(image, rgb ? 3 : 1, target);
    return {};
}

} // namespace vae
