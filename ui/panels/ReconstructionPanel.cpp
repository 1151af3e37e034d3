#include "ui/panels/ReconstructionPanel.h"

#include "core/files/ImageConversion.h"
#include "ui/panels/ReconstructionRenderer.h"
#include "ui/widgets/ElidedLabel.h"
#include "ui/widgets/ImageGrid.h"

#include <QLabel>
#include <QVBoxLayout>

namespace vae {
namespace {

constexpr int shownImages = 8;

} // namespace

ReconstructionPanel::ReconstructionPanel(QWidget* parent)
    : QWidget(parent)
    , renderer_(new ReconstructionRenderer(this))
    , originals_(new ImageGrid(shownImages, this))
    , reconstructions_(new ImageGrid(shownImages, this))
    , caption_(new ElidedLabel(this))
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // any spare height is the curves'
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Test images"), this));
    layout->addWidget(originals_);
    layout->addWidget(caption_);
    layout->addWidget(reconstructions_);
    connect(renderer_, &ReconstructionRenderer::rendered, this, [this](const QVector<QImage>& images, qint64 step) {
        reconstructions_->setImages(images);
        caption_->setText(tr("Reconstructions from the posterior mean, step %L1").arg(step));
    });
    connect(renderer_, &ReconstructionRenderer::failed, this, &ReconstructionPanel::failed);
    caption_->setText(tr("Reconstructions from the posterior mean"));
}

void ReconstructionPanel::showDataset(const Dataset& dataset)
{
    const ImageSet& test = dataset.test;
    std::vector<std::uint8_t> pixels;
    QVector<QImage> images;
    for (int index : evenlySpreadIndices(test.count(), shownImages)) {
        pixels.insert(pixels.end(), test.image(index), test.image(index) + test.imageSize());
        images.append(imageFromSet(test, index));
    }
    originals_->setImages(images);
    QImage blank(test.width, test.height, QImage::Format_Grayscale8);
    blank.fill(Qt::black);
    reconstructions_->setImages(QVector<QImage>(images.size(), blank));
    caption_->setText(tr("Reconstructions from the posterior mean"));
    renderer_->setImages(std::move(pixels), int(images.size()), test.channels, test.height, test.width);
}

void ReconstructionPanel::showSnapshot(const SnapshotPtr& snapshot)
{
    renderer_->render(snapshot);
}

} // namespace vae
