#include "core/files/NpyWriter.h"

#include <QStringList>

#include <QtEndian>

#include <stdexcept>

namespace vae {
namespace {

QByteArray header(const char* descr, const std::vector<std::int64_t>& shape)
{
    QStringList sizes;
    for (std::int64_t size : shape)
        sizes << QString::number(size);
    const QString shapeText = shape.size() == 1 ? sizes.first() + QLatin1Char(',') : sizes.join(QStringLiteral(", "));
    QByteArray dict = QStringLiteral("{'descr': '%1', 'fortran_order': False, 'shape': (%2), }")
                          .arg(QLatin1String(descr), shapeText)
                          .toLatin1();
    // Magic (6) + version (2) + length (2) + dict + padding + newline, a multiple of 64 bytes.
    const int unpadded = 10 + int(dict.size()) + 1;
    dict.append(QByteArray((64 - unpadded % 64) % 64, ' '));
    dict.append('\n');
    QByteArray bytes("\x93NUMPY\x01\x00", 8);
    const quint16 length = qToLittleEndian(quint16(dict.size()));
    bytes.append(reinterpret_cast<const char*>(&length), 2);
    bytes.append(dict);
    return bytes;
}

template <typename T>
QByteArray npyOf(const char* descr, const std::vector<T>& values, const std::vector<std::int64_t>& shape)
{
    std::int64_t count = 1;
    for (std::int64_t size : shape)
        count *= size;
    if (count != std::int64_t(values.size()))
        throw std::invalid_argument("npyBytes: the shape does not match the number of values");
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the .npy data is written in the machine's byte order");
    QByteArray bytes = header(descr, shape);
    bytes.append(reinterpret_cast<const char*>(values.data()), qsizetype(values.size() * sizeof(T)));
    return bytes;
}

} // namespace

QByteArray npyBytes(const std::vector<float>& values, const std::vector<std::int64_t>& shape)
{
    return npyOf("<f4", values, shape);
}

QByteArray npyBytes(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& shape)
{
    return npyOf("<i8", values, shape);
}

} // namespace vae
