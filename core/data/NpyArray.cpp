#include "core/data/NpyArray.h"

#include "core/data/FileError.h"
#include "core/data/GzipFile.h"
#include "core/data/SaturatingProduct.h"

#include <QRegularExpression>
#include <QStringList>

#include <cstring>

namespace vae {
namespace {

constexpr char npyMagic[] = "\x93NUMPY";
constexpr std::size_t npyMagicSize = sizeof(npyMagic) - 1;

QString headerValue(const QString& header, const QString& key, const QString& valuePattern, const QString& path)
{
    const QRegularExpression pattern(QStringLiteral("['\"]%1['\"]\\s*:\\s*%2").arg(key, valuePattern));
    const QRegularExpressionMatch match = pattern.match(header);
    if (!match.hasMatch())
        throw fileError(path, QStringLiteral("malformed .npy header: no usable '%1' in %2").arg(key, header.trimmed()));
    return match.captured(1);
}

NpyElementType parseElementType(const QString& descr, const QString& path)
{
    static const QRegularExpression pattern(QStringLiteral("^([<>|=]?)([a-zA-Z])(\\d+)$"));
    const QRegularExpressionMatch match = pattern.match(descr);
    if (!match.hasMatch())
        throw fileError(path, QStringLiteral("unsupported dtype '%1'").arg(descr));
    NpyElementType type;
    type.bigEndian = match.captured(1) == QLatin1String(">");
    type.kind = match.captured(2).at(0).toLatin1();
    type.size = match.captured(3).toInt();
    type.descr = descr;
    return type;
}

std::vector<std::uint64_t> parseShape(const QString& shapeText, const QString& path)
{
    std::vector<std::uint64_t> shape;
    const QStringList parts = shapeText.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString part : parts) {
        part = part.trimmed();
        if (part.endsWith(QLatin1Char('L'))) // Python 2 wrote long integers with a suffix
            part.chop(1);
        bool ok = false;
        const std::uint64_t dimension = part.toULongLong(&ok);
        if (!ok)
            throw fileError(path, QStringLiteral("malformed .npy header: shape (%1)").arg(shapeText));
        shape.push_back(dimension);
    }
    return shape;
}

std::uint32_t littleEndian(const std::uint8_t* bytes, int size)
{
    std::uint32_t value = 0;
    for (int i = size - 1; i >= 0; --i)
        value = value << 8 | bytes[i];
    return value;
}

} // namespace

std::uint64_t NpyArray::elementCount() const
{
    std::uint64_t count = 1;
    for (std::uint64_t dimension : shape)
        count = saturatingProduct({count, dimension});
    return count;
}

QString NpyArray::shapeText() const
{
    QStringList dimensions;
    for (std::uint64_t dimension : shape)
        dimensions << QString::number(dimension);
    return QStringLiteral("(%1%2)").arg(dimensions.join(QStringLiteral(", ")),
                                        shape.size() == 1 ? QStringLiteral(",") : QString());
}

NpyArray readNpyArray(const QString& path)
{
    return parseNpyArray(readPossiblyGzippedFile(path), path);
}

NpyArray parseNpyArray(std::vector<std::uint8_t> fileBytes, const QString& path)
{
    NpyArray array;
    array.bytes = std::move(fileBytes);
    const std::vector<std::uint8_t>& bytes = array.bytes;
    if (bytes.size() < npyMagicSize + 2 || std::memcmp(bytes.data(), npyMagic, npyMagicSize) != 0)
        throw fileError(path, QStringLiteral("not a .npy file: it does not start with \\x93NUMPY"));

    const int majorVersion = bytes[npyMagicSize];
    if (majorVersion < 1 || majorVersion > 3)
        throw fileError(
            path,
            QStringLiteral("unsupported .npy format version %1 (versions 1 to 3 are supported)").arg(majorVersion));
    const int lengthFieldSize = majorVersion == 1 ? 2 : 4;
    const std::size_t headerStart = npyMagicSize + 2 + std::size_t(lengthFieldSize);
    if (bytes.size() < headerStart)
        throw fileError(path, QStringLiteral("truncated: %1 bytes, too short for a .npy header").arg(bytes.size()));
    const std::size_t headerLength = littleEndian(bytes.data() + npyMagicSize + 2, lengthFieldSize);
    array.dataOffset = headerStart + headerLength;
    if (bytes.size() < array.dataOffset)
        throw fileError(path,
                        QStringLiteral("truncated: the .npy header needs %1 bytes, file has %2")
                            .arg(array.dataOffset)
                            .arg(bytes.size()));

    const char* headerBytes = reinterpret_cast<const char*>(bytes.data() + headerStart);
    const QString header = majorVersion == 3 ? QString::fromUtf8(headerBytes, qsizetype(headerLength))
                                             : QString::fromLatin1(headerBytes, qsizetype(headerLength));
    array.type = parseElementType(
        headerValue(header, QStringLiteral("descr"), QStringLiteral("['\"]([^'\"]*)['\"]"), path), path);
    if (headerValue(header, QStringLiteral("fortran_order"), QStringLiteral("(True|False)"), path) ==
        QLatin1String("True"))
        throw fileError(
            path,
            QStringLiteral("fortran_order True is not supported: save a C-ordered array (numpy.ascontiguousarray)"));
    array.shape = parseShape(headerValue(header, QStringLiteral("shape"), QStringLiteral("\\(([^)]*)\\)"), path), path);

    const std::uint64_t expectedDataBytes = saturatingProduct({array.elementCount(), std::uint64_t(array.type.size)});
    const std::uint64_t actualDataBytes = bytes.size() - array.dataOffset;
    if (actualDataBytes != expectedDataBytes) {
        const QString problem =
            actualDataBytes < expectedDataBytes ? QStringLiteral("truncated") : QStringLiteral("trailing data");
        throw fileError(path,
                        QStringLiteral("%1: shape %2 of '%3' needs %4 data bytes, file has %5")
                            .arg(problem, array.shapeText(), array.type.descr)
                            .arg(expectedDataBytes)
                            .arg(actualDataBytes));
    }
    return array;
}

} // namespace vae
