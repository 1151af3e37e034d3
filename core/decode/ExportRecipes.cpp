#include "core/decode/ExportRecipes.h"

#include "core/data/InputError.h"
#include "core/decode/LatentTraversals.h"
#include "core/files/GifWriter.h"
#include "core/files/ImageFile.h"
#include "core/latent/LatentSampling.h"

#include <algorithm>

namespace vae {
namespace {

// Ten frames a second: slow enough to follow one image turning into the next.
constexpr int gifFrameCentiseconds = 10;

bool hasSuffix(const QString& path, const char* suffix)
{
    return path.endsWith(QLatin1String(suffix), Qt::CaseInsensitive);
}

} // namespace

TileLayout exportLayout(const ModelSnapshot& model, int cellPixels, int border)
{
    const int side = std::max(model.width(), model.height());
    return TileLayout{std::max(1, cellPixels / side), border, Qt::white};
}

QImage decodePointImage(const ModelSnapshot& model, const std::vector<float>& latent, const DecodeStyle& style,
                        const TileLayout& layout)
{
    return tileImages(decodeImages(model, latent, style), 1, TileLayout{layout.scale, 0, layout.background});
}

QImage decodePriorSheet(const ModelSnapshot& model, int columns, int rows, std::uint64_t sampleSeed,
                        const DecodeStyle& style, const TileLayout& layout)
{
    return tileImages(decodeImages(model, priorSamples(columns * rows, model.latentDim(), sampleSeed), style), columns,
                      layout);
}

QImage decodeTraversalSheet(const ModelSnapshot& model, const std::vector<float>& reference,
                            const std::vector<double>& kl, int steps, const DecodeStyle& style,
                            const TileLayout& layout)
{
    const int dim = model.latentDim();
    return tileImages(decodeImages(model, traversalLatents(reference, dim, dimensionsByKl(kl, dim), steps), style),
                      steps, layout);
}

void writeInterpolation(const QString& path, const std::vector<QImage>& images, const TileLayout& layout)
{
    if (!hasSuffix(path, ".gif")) {
        saveImage(tileImages(images, int(images.size()), layout), path);
        return;
    }
    std::vector<QImage> frames;
    frames.reserve(images.size());
    for (const QImage& image : images)
        frames.push_back(tileImages({image}, 1, TileLayout{layout.scale, 0, layout.background}));
    writeAnimatedGif(path, frames, gifFrameCentiseconds);
}

QStringList writeLatentCodesFile(const QString& path, const LatentCodes& codes)
{
    if (hasSuffix(path, ".npy"))
        return writeLatentCodesNpy(path, codes);
    if (hasSuffix(path, ".csv")) {
        writeLatentCodesCsv(path, codes);
        return {path};
    }
    throw InputError(QStringLiteral("%1: latent codes are written as .csv or .npy").arg(path).toStdString());
}

} // namespace vae
