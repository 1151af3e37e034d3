#include "core/decode/DecodedImages.h"

#include "core/files/ImageConversion.h"

#include <stdexcept>
#include <utility>

namespace vae {

namespace {

// The pixels of one image per latent point, and how many points there were.
std::pair<std::vector<std::uint8_t>, int> decodePixels(const ModelSnapshot& model, const std::vector<float>& latents,
                                                       const DecodeStyle& style)
{
    if (latents.size() % std::size_t(model.latentDim()) != 0)
        throw std::invalid_argument("decodeImages: the latent points do not match the model's latent size");
    const int count = int(latents.size() / std::size_t(model.latentDim()));
    return {model.decode(latents.data(), count, style.output == DecoderOutput::Sample, style.seed), count};
}

} // namespace

std::vector<QImage> decodeImages(const ModelSnapshot& model, const std::vector<float>& latents,
                                 const DecodeStyle& style)
{
    const auto [pixels, count] = decodePixels(model, latents, style);
    std::vector<QImage> images;
    images.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        images.push_back(imageFromBytes(pixels.data() + std::size_t(i) * std::size_t(model.imageSize()),
                                        model.channels(), model.height(), model.width()));
    return images;
}

QImage decodeGridImage(const ModelSnapshot& model, const LatentPlane& plane, int cells, double range,
                       GridSpacing spacing, const DecodeStyle& style, const TileLayout& layout)
{
    const auto [pixels, count] = decodePixels(model, gridPoints(plane, cells, range, spacing), style);
    return tilePixels(pixels.data(), count, model.channels(), model.height(), model.width(), cells, layout);
}

} // namespace vae
