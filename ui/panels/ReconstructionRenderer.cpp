#include "ui/panels/ReconstructionRenderer.h"

#include "core/files/ImageConversion.h"
#include "core/session/LatestJobRunner.h"

namespace vae {

ReconstructionRenderer::ReconstructionRenderer(QObject* parent)
    : QObject(parent)
    , runner_(new LatestJobRunner(tr("reconstructing the test images"), this))
{
    connect(runner_, &LatestJobRunner::failed, this, &ReconstructionRenderer::failed);
}

void ReconstructionRenderer::setImages(std::vector<std::uint8_t> pixels, int count, int channels, int height, int width)
{
    images_ = std::make_shared<const Images>(Images{std::move(pixels), count, channels, height, width});
    runner_->invalidate();
}

void ReconstructionRenderer::render(const SnapshotPtr& snapshot)
{
    if (!images_ || !snapshot)
        return;
    runner_->run([images = images_, snapshot] { return reconstruct(*images, *snapshot); },
                 [this, step = snapshot->step()](const QVector<QImage>& reconstructions) {
                     if (!reconstructions.isEmpty())
                         Q_EMIT rendered(reconstructions, step);
                 });
}

QVector<QImage> ReconstructionRenderer::reconstruct(const Images& images, const ModelSnapshot& model)
{
    // A snapshot of the previous dataset's model can still be on its way after a switch.
    if (model.channels() != images.channels || model.height() != images.height || model.width() != images.width)
        return {};
    std::vector<float> means;
    std::vector<float> logVariances;
    model.encode(images.pixels.data(), images.count, means, logVariances);
    const std::vector<std::uint8_t> decoded = model.decode(means.data(), images.count);
    QVector<QImage> reconstructions;
    for (int i = 0; i < images.count; ++i)
        reconstructions.append(imageFromBytes(decoded.data() + std::size_t(i) * std::size_t(model.imageSize()),
                                              images.channels, images.height, images.width));
    return reconstructions;
}

} // namespace vae
