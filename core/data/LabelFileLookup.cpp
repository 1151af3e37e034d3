#include "core/data/LabelFileLookup.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace vae {

QString findLabelsBesideImages(const QString& imagesPath)
{
    const QFileInfo images(imagesPath);
    QString labelsName = images.fileName();
    labelsName.replace(QLatin1String("images"), QLatin1String("labels"), Qt::CaseInsensitive);
    labelsName.replace(QLatin1String("idx3"), QLatin1String("idx1"), Qt::CaseInsensitive);
    if (labelsName == images.fileName())
        return {};

    const QString gzipSuffix = QStringLiteral(".gz");
    const QString toggledName = labelsName.endsWith(gzipSuffix, Qt::CaseInsensitive)
        ? labelsName.chopped(gzipSuffix.size())
        : labelsName + gzipSuffix;
    for (const QString& name : {labelsName, toggledName}) {
        const QFileInfo candidate(images.dir(), name);
        if (candidate.isFile())
            return candidate.filePath();
    }
    return {};
}

} // namespace vae
