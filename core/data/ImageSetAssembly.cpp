#include "core/data/ImageSetAssembly.h"

#include "core/data/FileError.h"

#include <QFileInfo>

namespace vae {
namespace {

constexpr int splitPeriod = 10;

bool belongsToTest(int index)
{
    return index % splitPeriod == splitPeriod - 1;
}

ImageSet emptyLike(const ImageSet& shapeSource)
{
    ImageSet images;
    images.channels = shapeSource.channels;
    images.height = shapeSource.height;
    images.width = shapeSource.width;
    return images;
}

void append(ImageSet& target, const ImageSet& source, int index)
{
    const std::uint8_t* image = source.image(index);
    target.pixels.insert(target.pixels.end(), image, image + source.imageSize());
    if (source.hasLabels())
        target.labels.push_back(source.labels[std::size_t(index)]);
}

} // namespace

void attachLabels(ImageSet& images, std::vector<std::int32_t> labels, const QString& labelsPath,
                  const QString& imagesPath)
{
    if (labels.size() != std::size_t(images.count()))
        throw fileError(labelsPath,
                        QStringLiteral("count mismatch: %1 labels for %2 images in %3")
                            .arg(labels.size())
                            .arg(images.count())
                            .arg(QFileInfo(imagesPath).fileName()));
    images.labels = std::move(labels);
}

void splitEveryTenthIntoTest(const ImageSet& all, Dataset& dataset)
{
    const int count = all.count();
    const int testCount = count / splitPeriod;
    dataset.train = emptyLike(all);
    dataset.test = emptyLike(all);
    dataset.train.pixels.reserve(std::size_t(count - testCount) * std::size_t(all.imageSize()));
    dataset.test.pixels.reserve(std::size_t(testCount) * std::size_t(all.imageSize()));
    for (int index = 0; index < count; ++index)
        append(belongsToTest(index) ? dataset.test : dataset.train, all, index);
}

} // namespace vae
