#include "core/data/ZipArchive.h"

#include "core/data/FileError.h"

#include <QFile>

#include <zip.h>

#include <algorithm>
#include <memory>

namespace vae {
namespace {

constexpr std::size_t readChunk = std::size_t(1) << 20;
// Deflate expands at most about 1032 to 1: a member that claims more than that of its compressed
// size lies, so no more is reserved before the bytes actually arrive.
constexpr zip_uint64_t largestDeflateRatio = 1032;

QString libzipMessage(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString message = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return message;
}

struct ClosesZipFile {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

} // namespace

ZipArchive::ZipArchive(const QString& path)
    : path_(path)
{
    int code = 0;
    archive_ = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive_)
        throw fileError(path, QStringLiteral("not a readable zip archive: %1").arg(libzipMessage(code)));
}

ZipArchive::~ZipArchive()
{
    zip_discard(archive_);
}

QStringList ZipArchive::memberNames() const
{
    QStringList names;
    const zip_int64_t count = zip_get_num_entries(archive_, 0);
    for (zip_int64_t index = 0; index < count; ++index)
        if (const char* name = zip_get_name(archive_, zip_uint64_t(index), 0))
            names << QString::fromUtf8(name);
    return names;
}

bool ZipArchive::contains(const QString& member) const
{
    return zip_name_locate(archive_, member.toUtf8().constData(), 0) >= 0;
}

std::vector<std::uint8_t> ZipArchive::read(const QString& member) const
{
    const QString where = path_ + QLatin1Char(':') + member;
    const zip_int64_t index = zip_name_locate(archive_, member.toUtf8().constData(), 0);
    zip_stat_t stat;
    if (index < 0 || zip_stat_index(archive_, zip_uint64_t(index), 0, &stat) != 0)
        throw fileError(where, QStringLiteral("no such member in the archive"));
    const std::unique_ptr<zip_file_t, ClosesZipFile> file(zip_fopen_index(archive_, zip_uint64_t(index), 0));
    if (!file)
        throw fileError(where, QStringLiteral("cannot read: %1").arg(QString::fromUtf8(zip_strerror(archive_))));

    // One byte more than the member's size, so the read that finds its end needs no reallocation.
    std::vector<std::uint8_t> bytes;
    if ((stat.valid & ZIP_STAT_SIZE) && (stat.valid & ZIP_STAT_COMP_SIZE))
        bytes.reserve(std::size_t(std::min(stat.size, (stat.comp_size + 1) * largestDeflateRatio)) + 1);
    for (;;) {
        const std::size_t used = bytes.size();
        const std::size_t room = bytes.capacity() > used ? bytes.capacity() - used : readChunk;
        bytes.resize(used + room);
        const zip_int64_t got = zip_fread(file.get(), bytes.data() + used, room);
        if (got < 0)
            throw fileError(where, QStringLiteral("damaged: %1").arg(QString::fromUtf8(zip_file_strerror(file.get()))));
        bytes.resize(used + std::size_t(got));
        if (got == 0)
            break;
    }
    if ((stat.valid & ZIP_STAT_SIZE) && bytes.size() != stat.size)
        throw fileError(
            where, QStringLiteral("damaged: %1 bytes where the archive lists %2").arg(bytes.size()).arg(stat.size));
    return bytes;
}

} // namespace vae
