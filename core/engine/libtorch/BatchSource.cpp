#include "core/engine/libtorch/BatchSource.h"

namespace vae {

BatchSource::BatchSource(const ImageSet& images, Binarization binarization, bool isTestSplit,
                         std::uint64_t binarizationSeed)
    : pixels_(torch::from_blob(const_cast<std::uint8_t*>(images.pixels.data()), {images.count(), images.imageSize()},
                               torch::kUInt8))
    , dynamic_(binarization == Binarization::Dynamic && !isTestSplit)
{
    if (binarization == Binarization::Static || (binarization == Binarization::Dynamic && isTestSplit)) {
        torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(binarizationSeed);
        binaryTargets_ = at::bernoulli(pixels_.to(torch::kFloat).div_(255), generator).to(torch::kUInt8);
    }
}

torch::Tensor BatchSource::images(const torch::Tensor& rows) const
{
    return pixels_.index_select(0, rows).to(torch::kFloat).div_(255);
}

torch::Tensor BatchSource::targets(const torch::Tensor& rows, const torch::Tensor& images,
                                   torch::Generator& generator) const
{
    if (dynamic_)
        return at::bernoulli(images, generator);
    if (binaryTargets_.defined())
        return binaryTargets_.index_select(0, rows).to(torch::kFloat);
    return images;
}

std::uint64_t binarizationSeed(const TrainingConfig& config)
{
    constexpr std::uint64_t offset = 0x62696e6172697a65; // "binarize"
    return config.seed ^ offset;
}

BatchSource testSource(const ImageSet& images, const TrainingConfig& config)
{
    return BatchSource(images, config.binarization, true, binarizationSeed(config));
}

} // namespace vae
