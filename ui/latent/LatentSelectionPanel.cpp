#include "ui/latent/LatentSelectionPanel.h"

#include "core/files/ImageConversion.h"
#include "core/latent/LatentSampling.h"
#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentSpace.h"
#include "ui/widgets/PixelImageLabel.h"

#include <QGridLayout>
#include <QLabel>

namespace vae {
namespace {

constexpr int posteriorSampleCount = 8;
constexpr int posteriorSampleColumns = 4;
constexpr std::uint64_t posteriorSeed = 7;
constexpr int thumbnailSide = 96;

struct SelectionImages {
    QImage reconstruction;
    QImage posteriorSamples;
};

// Encodes the image with the snapshot itself rather than taking the test set's last encoding,
// which can be a second older than the snapshot.
SelectionImages decodeSelection(const ModelSnapshot& model, const ImageSet& test, int index, const DecodeStyle& style)
{
    std::vector<float> mean, logVariance;
    model.encode(test.image(index), 1, mean, logVariance);
    std::vector<float> latents = mean;
    const std::vector<float> samples = posteriorSamples(mean, logVariance, posteriorSampleCount, posteriorSeed);
    latents.insert(latents.end(), samples.begin(), samples.end());
    std::vector<QImage> images = decodeImages(model, latents, style);
    const QImage reconstruction = images.front();
    images.erase(images.begin());
    return {reconstruction, tileImages(images, posteriorSampleColumns, {1, 1, Qt::white})};
}

} // namespace

LatentSelectionPanel::LatentSelectionPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , caption_(new QLabel(this))
    , original_(new PixelImageLabel(thumbnailSide, this))
    , reconstruction_(new PixelImageLabel(thumbnailSide, this))
    , posteriorSamples_(new PixelImageLabel(2 * thumbnailSide, this))
    , decoder_(new LatestJobRunner(tr("decoding the selected image"), this))
{
    caption_->setWordWrap(true);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Selected test image</b>"), this), 0, 0, 1, 2);
    layout->addWidget(caption_, 1, 0, 1, 2);
    layout->addWidget(original_, 2, 0);
    layout->addWidget(reconstruction_, 2, 1);
    layout->addWidget(new QLabel(tr("image"), this), 3, 0, Qt::AlignHCenter);
    layout->addWidget(new QLabel(tr("reconstruction"), this), 3, 1, Qt::AlignHCenter);
    auto* samplesTitle = new QLabel(tr("Decoded draws from q(z|x)"), this);
    samplesTitle->setToolTip(tr("z = mean + sigma * eps: how far the encoder's uncertainty reaches"));
    layout->addWidget(samplesTitle, 4, 0, 1, 2);
    layout->addWidget(posteriorSamples_, 5, 0, 1, 2);

    connect(&space_, &LatentSpace::modelStarted, this, [this] {
        decoder_->invalidate();
        showSelection();
    });
    connect(&space_, &LatentSpace::selectionChanged, this, [this] {
        decoder_->invalidate();
        showSelection();
    });
    connect(&space_, &LatentSpace::snapshotChanged, this, &LatentSelectionPanel::decode);
    connect(&space_, &LatentSpace::decodeStyleChanged, this, &LatentSelectionPanel::decode);
    connect(decoder_, &LatestJobRunner::failed, this, &LatentSelectionPanel::failed);
    showSelection();
}

void LatentSelectionPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    decode();
}

void LatentSelectionPanel::showSelection()
{
    reconstruction_->clear();
    posteriorSamples_->clear();
    const Dataset* dataset = space_.dataset().get();
    const int index = space_.selected();
    if (!dataset || index < 0 || index >= dataset->test.count()) {
        original_->clear();
        caption_->setText(tr("Click a point of the test set on the plane."));
        return;
    }
    original_->setImage(imageFromSet(dataset->test, index));
    const int label = dataset->test.hasLabels() ? dataset->test.labels[std::size_t(index)] : -1;
    caption_->setText(label < 0 ? tr("#%L1").arg(index) : tr("#%L1 · %2").arg(index).arg(dataset->className(label)));
    decode();
}

void LatentSelectionPanel::decode()
{
    const SnapshotPtr snapshot = space_.snapshot();
    const std::shared_ptr<const Dataset> dataset = space_.dataset();
    const int index = space_.selected();
    if (!snapshot || !dataset || index < 0 || index >= dataset->test.count() || !isVisible())
        return;
    decoder_->run([snapshot, dataset, index,
                   style = space_.decodeStyle()] { return decodeSelection(*snapshot, dataset->test, index, style); },
                  [this](const SelectionImages& images) {
                      reconstruction_->setImage(images.reconstruction);
                      posteriorSamples_->setImage(images.posteriorSamples);
                  });
}

} // namespace vae
