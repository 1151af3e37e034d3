#include "core/data/GzipFile.h"

#include "core/data/FileError.h"

#include <QFile>

#include <zlib.h>

#include <algorithm>

namespace vae {
namespace {

constexpr std::size_t gzipTrailerSize = 8;
// zlib counts in 32-bit unsigned ints; feed and drain it in pieces that always fit.
constexpr std::size_t maximumZlibChunk = std::size_t(1) << 30;
constexpr std::size_t outputChunk = std::size_t(1) << 20;
// Image data compresses far less than this (MNIST about 5:1, Fashion-MNIST about 2:1).
constexpr std::size_t largestExpectedRatio = 16;

bool startsWithGzipMagic(const std::uint8_t* data, std::size_t size)
{
    return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

std::vector<std::uint8_t> readRawFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    std::vector<std::uint8_t> bytes(std::size_t(file.size()));
    const qint64 read = file.read(reinterpret_cast<char*>(bytes.data()), qint64(bytes.size()));
    if (read != qint64(bytes.size()))
        throw fileError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    return bytes;
}

// The gzip trailer stores the uncompressed size modulo 2^32: exact for the files we expect, so the
// output is usually allocated once. A truncated file's last bytes are no trailer, hence the cap.
std::size_t uncompressedSizeGuess(const std::vector<std::uint8_t>& compressed)
{
    if (compressed.size() < gzipTrailerSize)
        return compressed.size();
    const std::uint8_t* trailer = compressed.data() + compressed.size() - 4;
    const std::size_t recorded = std::size_t(trailer[0]) | std::size_t(trailer[1]) << 8 |
        std::size_t(trailer[2]) << 16 | std::size_t(trailer[3]) << 24;
    return std::min(recorded, compressed.size() * largestExpectedRatio);
}

// Grows within the reserved guess a chunk at a time, so a wrong guess costs address space only.
void makeRoom(std::vector<std::uint8_t>& output)
{
    if (output.size() < output.capacity())
        output.resize(std::min(output.capacity(), output.size() + outputChunk));
    else
        output.resize(2 * output.size() + outputChunk);
}

class Inflater {
public:
    explicit Inflater(const QString& path)
    {
        if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK)
            throw fileError(path, QStringLiteral("cannot start the gzip decoder"));
    }
    ~Inflater() { inflateEnd(&stream_); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    z_stream& stream() { return stream_; }

private:
    z_stream stream_{};
};

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed, const QString& path)
{
    std::vector<std::uint8_t> output;
    output.reserve(uncompressedSizeGuess(compressed) + 1);
    Inflater inflater(path);
    z_stream& stream = inflater.stream();
    std::size_t inputPosition = 0;
    std::size_t outputPosition = 0;
    for (;;) {
        if (outputPosition == output.size())
            makeRoom(output);
        stream.next_in = const_cast<Bytef*>(compressed.data() + inputPosition);
        stream.avail_in = uInt(std::min(compressed.size() - inputPosition, maximumZlibChunk));
        stream.next_out = output.data() + outputPosition;
        stream.avail_out = uInt(std::min(output.size() - outputPosition, maximumZlibChunk));
        const uInt inputOffered = stream.avail_in;
        const uInt outputOffered = stream.avail_out;

        const int status = inflate(&stream, Z_NO_FLUSH);
        inputPosition += inputOffered - stream.avail_in;
        outputPosition += outputOffered - stream.avail_out;

        if (status == Z_STREAM_END) {
            const std::size_t remaining = compressed.size() - inputPosition;
            if (!startsWithGzipMagic(compressed.data() + inputPosition, remaining))
                break;
            inflateReset(&stream);
            continue;
        }
        if (status == Z_BUF_ERROR && inputPosition == compressed.size())
            throw fileError(
                path,
                QStringLiteral("truncated gzip stream: it ends after %1 compressed bytes").arg(compressed.size()));
        if (status != Z_OK && status != Z_BUF_ERROR)
            throw fileError(path,
                            QStringLiteral("corrupt gzip data: %1")
                                .arg(QString::fromUtf8(stream.msg ? stream.msg : "unknown zlib error")));
    }
    output.resize(outputPosition);
    return output;
}

} // namespace

std::vector<std::uint8_t> readPossiblyGzippedFile(const QString& path)
{
    std::vector<std::uint8_t> bytes = readRawFile(path);
    if (!startsWithGzipMagic(bytes.data(), bytes.size()))
        return bytes;
    return gunzip(bytes, path);
}

} // namespace vae
