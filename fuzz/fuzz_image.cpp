// One image file as the image-folder loader reads it: FOLDER/class/image.EXT, decoded by Qt's
// readers (PNG, JPEG, BMP), converted and resized. The first byte chooses the extension (bits 0-1),
// grey or RGB (bit 2) and the square size the images are resized to (bits 3-7: 1 to 32).
#include "core/data/ImageFolderReader.h"
#include "fuzz/FuzzInput.h"

#include <QCoreApplication>
#include <QDir>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    // Qt finds its image plugins (JPEG) through the application object.
    static QCoreApplication application(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace vae::fuzz;
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    static const QString extensions[] = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                         QStringLiteral("bmp")};
    const QString folder = scratchPath(QStringLiteral("images"));
    const QString classFolder = folder + QStringLiteral("/class");
    QDir().mkpath(classFolder);
    for (const QString& old : QDir(classFolder).entryList(QDir::Files))
        QFile::remove(classFolder + QLatin1Char('/') + old);
    const QString path = classFolder + QStringLiteral("/image.") + extensions[mode & 3];
    writeScratchFile(path, Bytes(data + 1, data + size));

    vae::DatasetOptions options;
    options.imageFolderColor = mode & 4 ? vae::ColorMode::Rgb : vae::ColorMode::Grey;
    options.imageFolderSize = 1 + (mode >> 3);
    // An image that does not decode is skipped; the folder is refused when it held nothing else.
    expectCleanFailure(folder, [&] { vae::loadImageFolder(folder, options); });
    return 0;
}
