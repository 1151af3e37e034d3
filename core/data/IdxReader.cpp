#include "core/data/IdxReader.h"

#include "core/data/FileError.h"
#include "core/data/GzipFile.h"
#include "core/data/SaturatingProduct.h"

#include <climits>

namespace vae {
namespace {

constexpr std::uint8_t unsignedByteType = 0x08;

std::uint32_t bigEndian32(const std::uint8_t* bytes)
{
    return std::uint32_t(bytes[0]) << 24 | std::uint32_t(bytes[1]) << 16 | std::uint32_t(bytes[2]) << 8 |
        std::uint32_t(bytes[3]);
}

QString hex32(std::uint32_t value)
{
    return QStringLiteral("0x%1").arg(value, 8, 16, QLatin1Char('0'));
}

struct IdxHeader {
    std::vector<std::uint32_t> dims;
    std::size_t size = 0; // bytes before the data
};

IdxHeader parseHeader(const std::vector<std::uint8_t>& bytes, const QString& path, int expectedRank,
                      const QString& kind)
{
    if (bytes.size() < 4)
        throw fileError(path, QStringLiteral("truncated: %1 bytes, too short for an IDX header").arg(bytes.size()));
    const std::uint32_t magic = bigEndian32(bytes.data());
    const std::uint32_t expectedMagic = std::uint32_t(unsignedByteType) << 8 | std::uint32_t(expectedRank);
    if (magic >> 16 != 0)
        throw fileError(
            path,
            QStringLiteral("not an IDX %1 file: magic %2, expected %3").arg(kind, hex32(magic), hex32(expectedMagic)));
    if (bytes[2] != unsignedByteType)
        throw fileError(path,
                        QStringLiteral("unsupported IDX element type 0x%1: only unsigned bytes (0x08) are supported")
                            .arg(bytes[2], 2, 16, QLatin1Char('0')));
    if (bytes[3] != expectedRank)
        throw fileError(path,
                        QStringLiteral("not an IDX %1 file: %2 dimensions, expected %3 (magic %4, expected %5)")
                            .arg(kind)
                            .arg(bytes[3])
                            .arg(expectedRank)
                            .arg(hex32(magic), hex32(expectedMagic)));

    IdxHeader header;
    header.size = 4 + 4 * std::size_t(expectedRank);
    if (bytes.size() < header.size)
        throw fileError(path,
                        QStringLiteral("truncated: %1 bytes, too short for an IDX header of %2 bytes")
                            .arg(bytes.size())
                            .arg(header.size));
    for (int d = 0; d < expectedRank; ++d)
        header.dims.push_back(bigEndian32(bytes.data() + 4 + 4 * d));
    return header;
}

void checkDataSize(const std::vector<std::uint8_t>& bytes, const IdxHeader& header, std::uint64_t dataBytes,
                   const QString& path, const QString& contents)
{
    const std::uint64_t actualDataBytes = bytes.size() - header.size;
    if (actualDataBytes == dataBytes)
        return;
    const QString problem = actualDataBytes < dataBytes ? QStringLiteral("truncated") : QStringLiteral("trailing data");
    const QString expectedFileBytes = dataBytes > std::uint64_t(LLONG_MAX)
        ? QStringLiteral("more than %1").arg(LLONG_MAX)
        : QString::number(dataBytes + header.size);
    throw fileError(path,
                    QStringLiteral("%1: header says %2 (%3 bytes), file has %4 bytes")
                        .arg(problem, contents, expectedFileBytes)
                        .arg(bytes.size()));
}

} // namespace

ImageSet readIdxImages(const QString& path)
{
    std::vector<std::uint8_t> bytes = readPossiblyGzippedFile(path);
    const IdxHeader header = parseHeader(bytes, path, 3, QStringLiteral("image"));
    const std::uint32_t count = header.dims[0];
    const std::uint32_t height = header.dims[1];
    const std::uint32_t width = header.dims[2];
    checkDataSize(bytes, header, saturatingProduct({count, height, width}), path,
                  QStringLiteral("%1 images of %2x%3").arg(count).arg(height).arg(width));
    if (height == 0 || width == 0)
        throw fileError(path, QStringLiteral("images of %1x%2 pixels are empty").arg(height).arg(width));
    if (count > std::uint32_t(INT_MAX) || std::uint64_t(height) * width > std::uint64_t(INT_MAX))
        throw fileError(path, QStringLiteral("too large: %1 images of %2x%3").arg(count).arg(height).arg(width));

    ImageSet images;
    images.channels = 1;
    images.height = int(height);
    images.width = int(width);
    bytes.erase(bytes.begin(), bytes.begin() + std::ptrdiff_t(header.size));
    images.pixels = std::move(bytes);
    return images;
}

std::vector<std::int32_t> readIdxLabels(const QString& path)
{
    const std::vector<std::uint8_t> bytes = readPossiblyGzippedFile(path);
    const IdxHeader header = parseHeader(bytes, path, 1, QStringLiteral("label"));
    const std::uint32_t count = header.dims[0];
    checkDataSize(bytes, header, count, path, QStringLiteral("%1 labels").arg(count));
    return std::vector<std::int32_t>(bytes.begin() + std::ptrdiff_t(header.size), bytes.end());
}

} // namespace vae
