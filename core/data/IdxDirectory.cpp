#include "core/data/IdxDirectory.h"

#include "core/data/FileError.h"
#include "core/data/IdxReader.h"
#include "core/data/ImageSetAssembly.h"
#include "core/data/KnownClassNames.h"
#include "core/data/LabelFileLookup.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace vae {
namespace {

const QRegularExpression& trainImagesName()
{
    static const QRegularExpression pattern(QStringLiteral("^(.*[-_.])?train-images[-.]idx3-ubyte(\\.gz)?$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

const QRegularExpression& testImagesName()
{
    static const QRegularExpression pattern(QStringLiteral("^(.*[-_.])?(t10k|test)-images[-.]idx3-ubyte(\\.gz)?$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

QString withoutGzipSuffix(const QString& name)
{
    return name.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive) ? name.chopped(3) : name;
}

// The one image file of a split. A raw file wins over its gzipped twin (no need to inflate);
// several different candidates (EMNIST ships one per variant) are ambiguous.
QString findImagesFile(const QDir& directory, const QRegularExpression& pattern, const QString& splitName)
{
    QStringList candidates;
    QSet<QString> distinctFiles;
    for (const QString& name : directory.entryList(QDir::Files, QDir::Name)) {
        if (pattern.match(name).hasMatch()) {
            candidates << name;
            distinctFiles.insert(withoutGzipSuffix(name));
        }
    }
    if (candidates.isEmpty())
        return {};
    if (distinctFiles.size() > 1)
        throw fileError(directory.path(),
                        QStringLiteral("several %1 image files (%2): give the one to use as IMAGES[,LABELS]")
                            .arg(splitName, candidates.join(QStringLiteral(", "))));
    return directory.filePath(candidates.first()); // sorted by name: the raw file precedes its .gz
}

ImageSet loadSplit(const QString& imagesPath)
{
    ImageSet images = readIdxImages(imagesPath);
    const QString labelsPath = findLabelsBesideImages(imagesPath);
    if (!labelsPath.isEmpty())
        attachLabels(images, readIdxLabels(labelsPath), labelsPath, imagesPath);
    return images;
}

} // namespace

bool containsIdxImages(const QString& directory)
{
    for (const QString& name : QDir(directory).entryList(QDir::Files))
        if (trainImagesName().match(name).hasMatch() || testImagesName().match(name).hasMatch())
            return true;
    return false;
}

Dataset loadIdxDirectory(const QString& directory)
{
    const QDir folder(directory);
    const QString trainImages = findImagesFile(folder, trainImagesName(), QStringLiteral("training"));
    const QString testImages = findImagesFile(folder, testImagesName(), QStringLiteral("test"));
    if (trainImages.isEmpty())
        throw fileError(directory, QStringLiteral("no training images (train-images-idx3-ubyte[.gz])"));
    if (testImages.isEmpty())
        throw fileError(directory,
                        QStringLiteral("no test images (t10k-images-idx3-ubyte[.gz]) beside %1")
                            .arg(QFileInfo(trainImages).fileName()));

    Dataset dataset;
    dataset.name = QFileInfo(folder.absolutePath()).fileName();
    dataset.train = loadSplit(trainImages);
    dataset.test = loadSplit(testImages);
    dataset.classNames = guessClassNames(folder.absolutePath(), dataset.train.labels);
    return dataset;
}

} // namespace vae
