#include "core/files/GifWriter.h"

#include "core/files/AtomicFile.h"

#include <gif_lib.h>

#include <stdexcept>

namespace vae {
namespace {

constexpr int redLevels = 6, greenLevels = 7, blueLevels = 6;

bool allGrey(const std::vector<QImage>& frames)
{
    for (const QImage& frame : frames)
        if (!frame.isGrayscale())
            return false;
    return true;
}

std::vector<GifColorType> palette(bool grey)
{
    std::vector<GifColorType> colors(256, GifColorType{0, 0, 0});
    if (grey) {
        for (int i = 0; i < 256; ++i)
            colors[std::size_t(i)] = GifColorType{GifByteType(i), GifByteType(i), GifByteType(i)};
        return colors;
    }
    int index = 0;
    for (int r = 0; r < redLevels; ++r)
        for (int g = 0; g < greenLevels; ++g)
            for (int b = 0; b < blueLevels; ++b)
                colors[std::size_t(index++)] =
                    GifColorType{GifByteType(r * 255 / (redLevels - 1)), GifByteType(g * 255 / (greenLevels - 1)),
                                 GifByteType(b * 255 / (blueLevels - 1))};
    return colors;
}

std::vector<GifByteType> indices(const QImage& frame, bool grey)
{
    const QImage image = frame.convertToFormat(grey ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    std::vector<GifByteType> result;
    result.reserve(std::size_t(image.width()) * std::size_t(image.height()));
    for (int y = 0; y < image.height(); ++y) {
        const uchar* line = image.constScanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            if (grey) {
                result.push_back(line[x]);
                continue;
            }
            const int r = (line[3 * x] * (redLevels - 1) + 127) / 255;
            const int g = (line[3 * x + 1] * (greenLevels - 1) + 127) / 255;
            const int b = (line[3 * x + 2] * (blueLevels - 1) + 127) / 255;
            result.push_back(GifByteType((r * greenLevels + g) * blueLevels + b));
        }
    }
    return result;
}

int appendToBuffer(GifFileType* gif, const GifByteType* data, int length)
{
    static_cast<QByteArray*>(gif->UserData)->append(reinterpret_cast<const char*>(data), length);
    return length;
}

[[noreturn]] void fail(const QString& path, int error)
{
    throw std::runtime_error(QStringLiteral("%1: cannot encode the GIF: %2")
                                 .arg(path, QString::fromLatin1(GifErrorString(error)))
                                 .toStdString());
}

} // namespace

void writeAnimatedGif(const QString& path, const std::vector<QImage>& frames, int delayCentiseconds)
{
    if (frames.empty())
        throw std::invalid_argument("writeAnimatedGif: no frames");
    const int width = frames.front().width();
    const int height = frames.front().height();
    const bool grey = allGrey(frames);
    QByteArray bytes;
    int error = 0;
    GifFileType* gif = EGifOpen(&bytes, appendToBuffer, &error);
    if (!gif)
        fail(path, error);
    std::vector<GifColorType> colors = palette(grey);
    ColorMapObject* colorMap = GifMakeMapObject(256, colors.data());
    const auto close = [&gif, &colorMap] {
        GifFreeMapObject(colorMap);
        int closeError = 0;
        const int result = EGifCloseFile(gif, &closeError);
        gif = nullptr;
        return result == GIF_OK ? 0 : closeError;
    };
    EGifSetGifVersion(gif, true);
    if (EGifPutScreenDesc(gif, width, height, 8, 0, colorMap) != GIF_OK) {
        const int failure = gif->Error;
        close();
        fail(path, failure);
    }
    // The NETSCAPE2.0 application block: loop forever.
    const GifByteType loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(gif, 11, reinterpret_cast<const GifByteType*>("NETSCAPE2.0")) != GIF_OK ||
        EGifPutExtensionBlock(gif, 3, loop) != GIF_OK || EGifPutExtensionTrailer(gif) != GIF_OK) {
        const int failure = gif->Error;
        close();
        fail(path, failure);
    }
    for (const QImage& frame : frames) {
        if (frame.width() != width || frame.height() != height) {
            close();
            throw std::invalid_argument("writeAnimatedGif: frames differ in size");
        }
        GraphicsControlBlock control{DISPOSAL_UNSPECIFIED, false, delayCentiseconds, NO_TRANSPARENT_COLOR};
        GifByteType extension[4];
        EGifGCBToExtension(&control, extension);
        std::vector<GifByteType> pixels = indices(frame, grey);
        bool ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) == GIF_OK &&
            EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr) == GIF_OK;
        for (int y = 0; ok && y < height; ++y)
            ok = EGifPutLine(gif, pixels.data() + std::size_t(y) * std::size_t(width), width) == GIF_OK;
        if (!ok) {
            const int failure = gif->Error;
            close();
            fail(path, failure);
        }
    }
    if (const int failure = close())
        fail(path, failure);
    writeFileAtomically(path, bytes);
}

} // namespace vae
