#include "core/data/DatasetLoader.h"

#include "core/data/ArrayFileDataset.h"
#include "core/data/CifarDirectory.h"
#include "core/data/FileError.h"
#include "core/data/IdxDirectory.h"
#include "core/data/ImageFolderReader.h"
#include "core/data/InputError.h"
#include "core/data/NpzDataset.h"
#include "core/data/ShapesDataset.h"

#include <QFileInfo>

#include <algorithm>

namespace vae {
namespace {

const QString builtinPrefix = QStringLiteral("builtin:");
const QString shapesSpec = QStringLiteral("builtin:shapes");
const QString fashionMnistDirectory = QStringLiteral("/usr/share/datasets/fashion-mnist");

InputError datasetError(const QString& spec, const QString& problem)
{
    return InputError(QStringLiteral("dataset '%1': %2").arg(spec, problem).toStdString());
}

Dataset loadBuiltin(const QString& spec)
{
    if (spec == shapesSpec)
        return makeShapesDataset();
    throw datasetError(spec, QStringLiteral("unknown built-in dataset (available: %1)").arg(shapesSpec));
}

enum class FolderKind { Idx, Cifar, Images, Unknown };

// In this order: an IDX or CIFAR folder may hold subfolders of pictures as well.
FolderKind folderKind(const QString& directory)
{
    if (containsIdxImages(directory))
        return FolderKind::Idx;
    if (containsCifarBatches(directory))
        return FolderKind::Cifar;
    if (looksLikeImageFolder(directory))
        return FolderKind::Images;
    return FolderKind::Unknown;
}

Dataset loadDirectory(const QString& directory, const DatasetOptions& options, const LoadProgress& progress)
{
    switch (folderKind(directory)) {
    case FolderKind::Idx:
        return loadIdxDirectory(directory);
    case FolderKind::Cifar:
        return loadCifarDirectory(directory);
    case FolderKind::Images:
        return loadImageFolder(directory, options, progress);
    case FolderKind::Unknown:
        break;
    }
    throw fileError(directory,
                    QStringLiteral("no IDX files (train-images-idx3-ubyte[.gz], t10k-images-idx3-ubyte[.gz]), CIFAR "
                                   "batches (data_batch_1.bin, test_batch.bin or train.bin, test.bin) or class "
                                   "folders with images in it"));
}

// A path may contain a comma itself, so IMAGES,LABELS is only split when the whole is no file.
Dataset loadFiles(const QString& spec)
{
    if (QFileInfo(spec).isFile())
        return isNpzFile(spec) ? loadNpzArchive(spec) : loadArrayFiles(spec);
    const qsizetype comma = spec.lastIndexOf(QLatin1Char(','));
    if (comma < 0)
        throw datasetError(spec, QStringLiteral("no such file or directory"));
    const QString images = spec.left(comma);
    const QString labels = spec.mid(comma + 1);
    for (const QString& path : {images, labels})
        if (!QFileInfo(path).isFile())
            throw fileError(path, QStringLiteral("no such file (dataset '%1')").arg(spec));
    return loadArrayFiles(images, labels);
}

QString shapeText(const ImageSet& images)
{
    return QStringLiteral("%1x%2x%3").arg(images.channels).arg(images.height).arg(images.width);
}

void checkLabels(const QString& spec, const QString& splitName, const ImageSet& images, const QStringList& classNames)
{
    if (!images.hasLabels())
        return;
    const auto [lowest, highest] = std::minmax_element(images.labels.begin(), images.labels.end());
    if (*lowest < 0)
        throw datasetError(spec, QStringLiteral("negative %1 label %2").arg(splitName).arg(*lowest));
    if (!classNames.isEmpty() && *highest >= classNames.size())
        throw datasetError(spec,
                           QStringLiteral("%1 label %2 is out of range for %3 classes")
                               .arg(splitName)
                               .arg(*highest)
                               .arg(classNames.size()));
}

// Whatever the source, the rest of the program may rely on these.
void checkConsistency(const Dataset& dataset)
{
    const QString& spec = dataset.source;
    if (dataset.train.count() == 0)
        throw datasetError(spec, QStringLiteral("no training images"));
    if (dataset.test.count() == 0)
        throw datasetError(
            spec,
            QStringLiteral("no test images (without a split of its own, one image in ten is set aside for testing)"));
    if (shapeText(dataset.train) != shapeText(dataset.test))
        throw datasetError(spec,
                           QStringLiteral("training images are %1 (channels x height x width) but test images are %2")
                               .arg(shapeText(dataset.train), shapeText(dataset.test)));
    if (dataset.train.hasLabels() != dataset.test.hasLabels())
        throw datasetError(spec,
                           dataset.train.hasLabels()
                               ? QStringLiteral("the training images have labels but the test images have none")
                               : QStringLiteral("the test images have labels but the training images have none"));
    checkLabels(spec, QStringLiteral("training"), dataset.train, dataset.classNames);
    checkLabels(spec, QStringLiteral("test"), dataset.test, dataset.classNames);
}

} // namespace

Dataset loadDataset(const QString& spec, const DatasetOptions& options, const LoadProgress& progress)
{
    const QString source = spec.trimmed();
    if (source.isEmpty())
        throw InputError(
            "no dataset given: expected a folder, IMAGES[,LABELS] files, a .npz archive or builtin:shapes");

    Dataset dataset;
    if (source.startsWith(builtinPrefix))
        dataset = loadBuiltin(source);
    else if (QFileInfo(source).isDir())
        dataset = loadDirectory(source, options, progress);
    else
        dataset = loadFiles(source);
    dataset.source = source;
    dataset.options = options;
    checkConsistency(dataset);
    return dataset;
}

bool readsImageFolder(const QString& spec)
{
    const QString source = spec.trimmed();
    return QFileInfo(source).isDir() && folderKind(source) == FolderKind::Images;
}

QString defaultDatasetSpec()
{
    for (const QString& name :
         {QStringLiteral("train-images-idx3-ubyte.gz"), QStringLiteral("train-images-idx3-ubyte")})
        if (QFileInfo(fashionMnistDirectory + QLatin1Char('/') + name).isFile())
            return fashionMnistDirectory;
    return shapesSpec;
}

} // namespace vae
