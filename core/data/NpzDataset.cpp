#include "core/data/NpzDataset.h"

#include "core/data/FileError.h"
#include "core/data/ImageSetAssembly.h"
#include "core/data/KnownClassNames.h"
#include "core/data/NpyArray.h"
#include "core/data/NpyReader.h"
#include "core/data/ZipArchive.h"

#include <QFileInfo>

namespace vae {
namespace {

QString memberFile(const QString& array)
{
    return array + QStringLiteral(".npy");
}

// How messages name a member: "mnist.npz:x_train.npy".
QString memberPath(const QString& path, const QString& array)
{
    return path + QLatin1Char(':') + memberFile(array);
}

NpyArray readMember(const ZipArchive& archive, const QString& path, const QString& array)
{
    return parseNpyArray(archive.read(memberFile(array)), memberPath(path, array));
}

void requireMembers(const ZipArchive& archive, const QString& path, const QStringList& arrays)
{
    for (const QString& array : arrays)
        if (!archive.contains(memberFile(array)))
            throw fileError(path,
                            QStringLiteral("no array '%1' in the archive (expected x_train, x_test and "
                                           "optionally y_train, y_test; it holds: %2)")
                                .arg(array, archive.memberNames().join(QStringLiteral(", "))));
}

ImageSet readSplit(const ZipArchive& archive, const QString& path, const QString& split, bool labelled)
{
    const QString images = QStringLiteral("x_") + split;
    ImageSet set = npyImages(readMember(archive, path, images), memberPath(path, images));
    if (labelled) {
        const QString labels = QStringLiteral("y_") + split;
        attachLabels(set, npyLabels(readMember(archive, path, labels), memberPath(path, labels)),
                     memberPath(path, labels), memberFile(images));
    }
    return set;
}

} // namespace

bool isNpzFile(const QString& path)
{
    return path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive);
}

Dataset loadNpzArchive(const QString& path)
{
    const ZipArchive archive(path);
    requireMembers(archive, path, {QStringLiteral("x_train"), QStringLiteral("x_test")});
    const bool labelled = archive.contains(memberFile(QStringLiteral("y_train")));
    if (labelled || archive.contains(memberFile(QStringLiteral("y_test"))))
        requireMembers(archive, path, {QStringLiteral("y_train"), QStringLiteral("y_test")});

    Dataset dataset;
    dataset.name = QFileInfo(path).completeBaseName();
    dataset.train = readSplit(archive, path, QStringLiteral("train"), labelled);
    dataset.test = readSplit(archive, path, QStringLiteral("test"), labelled);
    dataset.classNames = guessClassNames(QFileInfo(path).absoluteFilePath(), dataset.train.labels);
    return dataset;
}

} // namespace vae
