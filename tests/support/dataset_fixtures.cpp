#include "tests/support/dataset_fixtures.h"

#include "core/data/InputError.h"

#include <QFile>

#include <gtest/gtest.h>
#include <zlib.h>

#include <stdexcept>

namespace vae::testing {
namespace {

void appendBigEndian32(Bytes& bytes, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.push_back(std::uint8_t(value >> shift));
}

} // namespace

Bytes patternPixels(std::size_t count)
{
    Bytes pixels(count);
    for (std::size_t i = 0; i < count; ++i)
        pixels[i] = std::uint8_t((i * 7 + 3) % 256);
    return pixels;
}

Bytes idxImagesFile(int count, int height, int width, const Bytes& pixels)
{
    Bytes bytes;
    appendBigEndian32(bytes, 0x00000803);
    appendBigEndian32(bytes, std::uint32_t(count));
    appendBigEndian32(bytes, std::uint32_t(height));
    appendBigEndian32(bytes, std::uint32_t(width));
    bytes.insert(bytes.end(), pixels.begin(), pixels.end());
    return bytes;
}

Bytes idxLabelsFile(const Bytes& labels)
{
    Bytes bytes;
    appendBigEndian32(bytes, 0x00000801);
    appendBigEndian32(bytes, std::uint32_t(labels.size()));
    bytes.insert(bytes.end(), labels.begin(), labels.end());
    return bytes;
}

Bytes gzipped(const Bytes& bytes)
{
    z_stream stream{};
    constexpr int gzipWindowBits = 16 + MAX_WBITS;
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    Bytes output(deflateBound(&stream, uLong(bytes.size())));
    stream.next_in = const_cast<Bytef*>(bytes.data());
    stream.avail_in = uInt(bytes.size());
    stream.next_out = output.data();
    stream.avail_out = uInt(output.size());
    const int status = deflate(&stream, Z_FINISH);
    output.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw std::runtime_error("deflate did not finish");
    return output;
}

Bytes npyFile(const std::string& descr, const std::string& shape, const void* data, std::size_t dataSize,
              bool fortranOrder, int majorVersion)
{
    std::string header = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
        ", 'shape': " + shape + ", }";
    const std::size_t prefixSize = 8 + (majorVersion == 1 ? 2 : 4);
    while ((prefixSize + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';

    Bytes bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', std::uint8_t(majorVersion), 0};
    const std::size_t lengthFieldSize = prefixSize - 8;
    for (std::size_t i = 0; i < lengthFieldSize; ++i)
        bytes.push_back(std::uint8_t(header.size() >> (8 * i)));
    bytes.insert(bytes.end(), header.begin(), header.end());
    const auto* dataBytes = static_cast<const std::uint8_t*>(data);
    bytes.insert(bytes.end(), dataBytes, dataBytes + dataSize);
    return bytes;
}

Bytes checkpointFile(const Bytes& meta, const Bytes& history, const Bytes& tensors, const Bytes& view,
                     std::uint32_t formatVersion)
{
    Bytes bytes = {'V', 'A', 'E', 'X', 'C', 'K', 'P', 'T'};
    appendBigEndian32(bytes, formatVersion);
    for (const Bytes* section : {&meta, &history, &tensors, &view}) {
        appendBigEndian32(bytes, std::uint32_t(section->size()));
        bytes.insert(bytes.end(), section->begin(), section->end());
    }
    appendBigEndian32(bytes, std::uint32_t(crc32(crc32(0L, Z_NULL, 0), bytes.data(), uInt(bytes.size()))));
    return bytes;
}

namespace {

void appendPngChunk(Bytes& png, const char* type, const Bytes& data)
{
    appendBigEndian32(png, std::uint32_t(data.size()));
    const std::size_t typeStart = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    appendBigEndian32(png, std::uint32_t(crc32(crc32(0L, Z_NULL, 0), png.data() + typeStart, uInt(4 + data.size()))));
}

} // namespace

Bytes blackPng(int width, int height)
{
    Bytes header;
    appendBigEndian32(header, std::uint32_t(width));
    appendBigEndian32(header, std::uint32_t(height));
    header.insert(header.end(), {8, 0, 0, 0, 0}); // 8-bit grey, no interlace

    // Each row is a filter byte and `width` zero pixels, deflated a row at a time.
    z_stream stream{};
    if (deflateInit(&stream, Z_BEST_COMPRESSION) != Z_OK)
        throw std::runtime_error("deflateInit failed");
    const Bytes row(std::size_t(width) + 1, 0);
    Bytes compressed;
    Bytes chunk(1 << 16);
    for (int y = 0; y < height; ++y) {
        stream.next_in = const_cast<Bytef*>(row.data());
        stream.avail_in = uInt(row.size());
        const int flush = y + 1 == height ? Z_FINISH : Z_NO_FLUSH;
        do {
            stream.next_out = chunk.data();
            stream.avail_out = uInt(chunk.size());
            deflate(&stream, flush);
            compressed.insert(compressed.end(), chunk.data(), chunk.data() + (chunk.size() - stream.avail_out));
        } while (stream.avail_out == 0);
    }
    deflateEnd(&stream);

    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    appendPngChunk(png, "IHDR", header);
    appendPngChunk(png, "IDAT", compressed);
    appendPngChunk(png, "IEND", {});
    return png;
}

void writeFile(const QString& path, const Bytes& bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
    ASSERT_EQ(file.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())), qint64(bytes.size()));
}

Bytes readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray content = file.readAll();
    return Bytes(content.begin(), content.end());
}

void truncateFile(const QString& path, std::size_t size)
{
    ASSERT_TRUE(QFile::resize(path, qint64(size))) << path.toStdString();
}

std::string inputErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const InputError& error) {
        return error.what();
    }
    ADD_FAILURE() << "expected a vae::InputError";
    return {};
}

void expectMessageContains(const std::string& message, const QStringList& parts)
{
    EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
    for (const QString& part : parts)
        EXPECT_NE(message.find(part.toStdString()), std::string::npos)
            << "'" << part.toStdString() << "' not in: " << message;
}

} // namespace vae::testing
