#include "core/files/ImageFile.h"

#include <QFileInfo>
#include <QSaveFile>

#include <stdexcept>

namespace vae {

void saveImage(const QImage& image, const QString& path)
{
    const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
    if (!image.save(&file, format.isEmpty() ? "png" : format.constData()))
        throw std::runtime_error(
            QStringLiteral("%1: cannot encode the image as %2").arg(path, QString::fromLatin1(format)).toStdString());
    if (!file.commit())
        throw std::runtime_error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
}

} // namespace vae
