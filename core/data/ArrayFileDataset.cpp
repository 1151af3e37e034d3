#include "core/data/ArrayFileDataset.h"

#include "core/data/IdxReader.h"
#include "core/data/ImageSetAssembly.h"
#include "core/data/KnownClassNames.h"
#include "core/data/LabelFileLookup.h"
#include "core/data/NpyReader.h"

#include <QFileInfo>

namespace vae {
namespace {

bool isNpyFile(const QString& path)
{
    return path.endsWith(QLatin1String(".npy"), Qt::CaseInsensitive) ||
        path.endsWith(QLatin1String(".npy.gz"), Qt::CaseInsensitive);
}

// IDX files have generic names (train-images-idx3-ubyte), so their folder names the dataset;
// a .npy file's own name is usually the telling one.
QString datasetName(const QString& imagesPath)
{
    const QFileInfo images(imagesPath);
    if (isNpyFile(imagesPath))
        return images.baseName();
    return QFileInfo(images.absolutePath()).fileName();
}

} // namespace

Dataset loadArrayFiles(const QString& imagesPath, const QString& labelsPath)
{
    ImageSet all = isNpyFile(imagesPath) ? readNpyImages(imagesPath) : readIdxImages(imagesPath);
    const QString labelsFile = labelsPath.isEmpty() ? findLabelsBesideImages(imagesPath) : labelsPath;
    if (!labelsFile.isEmpty())
        attachLabels(all, isNpyFile(labelsFile) ? readNpyLabels(labelsFile) : readIdxLabels(labelsFile), labelsFile,
                     imagesPath);

    Dataset dataset;
    dataset.name = datasetName(imagesPath);
    dataset.classNames = guessClassNames(QFileInfo(imagesPath).absoluteFilePath(), all.labels);
    splitEveryTenthIntoTest(all, dataset);
    return dataset;
}

} // namespace vae
