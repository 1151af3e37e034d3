#include "DecodedImages.h"

#include "ImageConversion.h"

#include <stdexcept>

namespace vae {

std::vector<QImage> decodeImages(const ModelSnapshot& model, const std::vector<float>& latents, const DecodeStyle& style)
{
    if (latents.size() % std::size_t(model.latentDim()) != 0)
        throw std::invalid_argument("decodeImages: the latent points do not match the model's latent size");
    const int count = int(latents.size() / std::size_t(model.latentDim()));
    const std::vector<std::uint8_t> pixels = model.decode(latents.data(), count, style.output == DecoderOutput::Sample, style.seed);
    std::vector<QImage> images;
    images.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        images.push_back(imageFromBytes(pixels.data() + std::size_t(i) * std::size_t(model.imageSize()), model.channels(), model.height(), model.width()));
    return images;
}

QImage decodeGridImage(const ModelSnapshot& model, const LatentPlane& plane, int cells, double range, GridSpacing spacing,
                       const DecodeStyle& style, const TileLayout& layout)
{
    const std::vector<float> latents = gridPoints(plane, cells, range, spacing);
    const int count = int(latents.size() / std::size_t(model.latentDim()));
    const std::vector<std::uint8_t> pixels = model.decode(latents.data(), count, style.output == DecoderOutput::Sample, style.seed);
    return tilePixels(pixels.data(), count, model.channels(), model.height(), model.width(), cells, layout);
}

} // namespace vae
