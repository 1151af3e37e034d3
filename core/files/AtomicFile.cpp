#include "core/files/AtomicFile.h"

#include <QDir>
#include <QSaveFile>

#include <cerrno>
#include <stdexcept>

namespace vae {
namespace {

// "No space left on device" reads as a clause after "cannot write: ".
QString asClause(QString text)
{
    if (text.size() > 1 && text[0].isUpper() && text[1].isLower())
        text[0] = text[0].toLower();
    return text;
}

// Why the call that just failed failed. QSaveFile reports a short write (a full disk, a file size
// limit) as a count and keeps no error of its own, so the errno the system call left comes first.
QString failureWords(int systemError, const QSaveFile& file)
{
    if (systemError != 0)
        return asClause(qt_error_string(systemError));
    if (file.error() != QFileDevice::NoError && file.errorString() != QLatin1String("Unknown error"))
        return asClause(file.errorString());
    return QStringLiteral("the write stopped short for no reason the system gave");
}

std::runtime_error cannotWrite(const QString& path, int systemError, const QSaveFile& file)
{
    return std::runtime_error(QStringLiteral("%1: cannot write: %2")
                                  .arg(QDir::toNativeSeparators(path), failureWords(systemError, file))
                                  .toStdString());
}

} // namespace

void writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    errno = 0;
    // Unbuffered: Qt 6.4's QSaveFile::commit() does not notice a failure while flushing its buffer
    // and would put a truncated file in place of the old one. Written straight through, a short
    // write shows in write()'s count and the old file stays.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        throw cannotWrite(path, errno, file);
    errno = 0;
    if (file.write(bytes) != bytes.size())
        throw cannotWrite(path, errno, file);
    errno = 0;
    if (!file.commit())
        throw cannotWrite(path, errno, file);
}

} // namespace vae
