#include "core/data/ImageFolderReader.h"

#include "core/data/FileError.h"
#include "core/data/ImageSetAssembly.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

#include <algorithm>

namespace vae {
namespace {

constexpr int largestImageSize = 1024;

QStringList imageNameFilters()
{
    return {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.bmp")};
}

QString imageKindsText()
{
    return imageNameFilters().join(QStringLiteral(", "));
}

// Sorted by code point like Python's sorted(), so labels match torchvision's for the same tree.
QStringList sorted(QStringList names)
{
    std::sort(names.begin(), names.end());
    return names;
}

QStringList classFolders(const QString& directory)
{
    return sorted(QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot));
}

QStringList imagesUnder(const QString& folder)
{
    QStringList paths;
    QDirIterator files(folder, imageNameFilters(), QDir::Files,
                       QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (files.hasNext())
        paths << files.next();
    return sorted(paths);
}

bool holdsAnImage(const QString& folder)
{
    return QDirIterator(folder, imageNameFilters(), QDir::Files,
                        QDirIterator::Subdirectories | QDirIterator::FollowSymlinks)
        .hasNext();
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

QImage loadResized(const QString& path, const DatasetOptions& options)
{
    QImageReader reader(path);
    const QSize declared = reader.size(); // from the header: after a failed read there is none
    QImage image = reader.read();
    if (image.isNull())
        throw fileError(path,
                        QStringLiteral("unreadable image: %1%2").arg(reader.errorString(), tooLargeNote(declared)));
    // RGB32 first: smooth scaling needs a 32-bit format, and it discards alpha as torchvision's
    // convert("RGB") does.
    image = image.convertToFormat(QImage::Format_RGB32);
    const int size = options.imageFolderSize;
    if (image.width() != size || image.height() != size)
        image = image.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image.convertToFormat(options.imageFolderColor == ColorMode::Rgb ? QImage::Format_RGB888
                                                                            : QImage::Format_Grayscale8);
}

// Appends one image in channel-major order (C, H, W); scan lines are padded, so copy row by row.
void appendChannelMajor(const QImage& image, int channels, std::vector<std::uint8_t>& pixels)
{
    const std::size_t start = pixels.size();
    const std::size_t plane = std::size_t(image.width()) * std::size_t(image.height());
    pixels.resize(start + plane * std::size_t(channels));
    std::uint8_t* target = pixels.data() + start;
    for (int y = 0; y < image.height(); ++y) {
        const std::uint8_t* row = image.constScanLine(y);
        for (int x = 0; x < image.width(); ++x)
            for (int channel = 0; channel < channels; ++channel)
                target[std::size_t(channel) * plane + std::size_t(y) * std::size_t(image.width()) + std::size_t(x)] =
                    row[x * channels + channel];
    }
}

} // namespace

bool looksLikeImageFolder(const QString& directory)
{
    const QStringList classes = classFolders(directory);
    return std::any_of(classes.begin(), classes.end(),
                       [&](const QString& name) { return holdsAnImage(QDir(directory).filePath(name)); });
}

Dataset loadImageFolder(const QString& directory, const DatasetOptions& options)
{
    if (options.imageFolderSize < 1 || options.imageFolderSize > largestImageSize)
        throw fileError(
            directory,
            QStringLiteral("image size %1 is out of range 1..%2").arg(options.imageFolderSize).arg(largestImageSize));
    const QStringList classes = classFolders(directory);
    if (classes.isEmpty())
        throw fileError(
            directory, QStringLiteral("no class folders (expected DIR/<class>/<image> with %1)").arg(imageKindsText()));

    ImageSet all;
    all.channels = options.imageFolderColor == ColorMode::Rgb ? 3 : 1;
    all.height = options.imageFolderSize;
    all.width = options.imageFolderSize;
    for (int label = 0; label < classes.size(); ++label) {
        const QString classFolder = QDir(directory).filePath(classes[label]);
        const QStringList images = imagesUnder(classFolder);
        if (images.isEmpty())
            throw fileError(classFolder, QStringLiteral("empty class folder: no images (%1)").arg(imageKindsText()));
        for (const QString& path : images) {
            appendChannelMajor(loadResized(path, options), all.channels, all.pixels);
            all.labels.push_back(label);
        }
    }

    Dataset dataset;
    dataset.name = QFileInfo(QDir(directory).absolutePath()).fileName();
    dataset.classNames = classes;
    splitEveryTenthIntoTest(all, dataset);
    return dataset;
}

} // namespace vae
