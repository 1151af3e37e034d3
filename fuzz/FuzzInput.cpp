#include "fuzz/FuzzInput.h"

#include "core/data/InputError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vae::fuzz {
namespace {

// In memory where there is a tmpfs: on a disk, rewriting a file a thousand times a second waits on
// the file system's journal (ten times slower here).
QString scratchParent()
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    return shm.isDir() && shm.isWritable() ? shm.filePath() : QDir::tempPath();
}

QTemporaryDir& scratchFolder()
{
    static QTemporaryDir folder(scratchParent() + QStringLiteral("/vae-fuzz-XXXXXX"));
    if (!folder.isValid()) {
        std::fprintf(stderr, "cannot make a scratch folder: %s\n", qPrintable(folder.errorString()));
        std::abort();
    }
    return folder;
}

} // namespace

QString scratchPath(const QString& name)
{
    return scratchFolder().filePath(name);
}

void writeScratchFile(const QString& path, const Bytes& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) != qint64(bytes.size())) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        std::abort();
    }
}

Bytes gzipped(const std::uint8_t* data, std::size_t size)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        std::abort();
    Bytes output(deflateBound(&stream, uLong(size)));
    stream.next_in = const_cast<Bytef*>(data);
    stream.avail_in = uInt(size);
    stream.next_out = output.data();
    stream.avail_out = uInt(output.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
        std::abort();
    output.resize(stream.total_out);
    deflateEnd(&stream);
    return output;
}

void expectCleanFailure(const QString& fileName, const std::function<void()>& parse)
{
    try {
        parse();
    } catch (const InputError& error) {
        if (std::strstr(error.what(), qPrintable(fileName)) == nullptr) {
            std::fprintf(stderr, "InputError without the file's name %s: %s\n", qPrintable(fileName), error.what());
            std::abort();
        }
    }
}

void readImagesOrLabels(const std::uint8_t* data, std::size_t size, const QString& fileName,
                        const std::function<void(const QString&)>& readImages,
                        const std::function<void(const QString&)>& readLabels)
{
    if (size < 1)
        return;
    const std::uint8_t mode = data[0];
    const Bytes contents = mode & 1 ? gzipped(data + 1, size - 1) : Bytes(data + 1, data + size);
    const QString path = scratchPath(fileName);
    writeScratchFile(path, contents);
    expectCleanFailure(path, [&] { (mode & 2 ? readLabels : readImages)(path); });
}

} // namespace vae::fuzz
