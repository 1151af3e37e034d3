#include "core/files/ImageFile.h"

#include "core/files/AtomicFile.h"

#include <QBuffer>
#include <QFileInfo>

#include <stdexcept>

namespace vae {

void saveImage(const QImage& image, const QString& path)
{
    const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    // Encoded in memory first: Qt's encoders do not all notice a short write to a file.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format.isEmpty() ? "png" : format.constData()))
        throw std::runtime_error(
            QStringLiteral("%1: cannot encode the image as %2").arg(path, QString::fromLatin1(format)).toStdString());
    writeFileAtomically(path, bytes);
}

} // namespace vae
