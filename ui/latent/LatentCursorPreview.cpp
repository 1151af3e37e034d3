#include "ui/latent/LatentCursorPreview.h"

#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentSpace.h"
#include "ui/widgets/PixelImageLabel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace vae {
namespace {

constexpr int previewSide = 224;

} // namespace

LatentCursorPreview::LatentCursorPreview(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , coordinates_(new QLabel(this))
    , image_(new PixelImageLabel(previewSide, this))
    , decoder_(new LatestJobRunner(tr("decoding at the cursor"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("<b>At the cursor</b>"), this);
    title->setToolTip(tr("Drag the cursor on the latent plane, or move it with the arrow keys"));
    layout->addWidget(title);
    layout->addWidget(image_);
    layout->addWidget(coordinates_);
    coordinates_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(&space_, &LatentSpace::cursorChanged, this, &LatentCursorPreview::decode);
    connect(&space_, &LatentSpace::snapshotChanged, this, &LatentCursorPreview::decode);
    connect(&space_, &LatentSpace::planeChanged, this, &LatentCursorPreview::decode);
    connect(&space_, &LatentSpace::decodeStyleChanged, this, &LatentCursorPreview::decode);
    connect(&space_, &LatentSpace::modelStarted, this, [this] {
        decoder_->invalidate();
        image_->clear();
        coordinates_->clear();
    });
    connect(decoder_, &LatestJobRunner::failed, this, &LatentCursorPreview::failed);
}

void LatentCursorPreview::decode()
{
    const SnapshotPtr snapshot = space_.snapshot();
    if (!snapshot || space_.plane().latentDim() != snapshot->latentDim())
        return;
    const QPointF at = space_.cursor();
    coordinates_->setText(tr("(%1, %2) on the plane").arg(at.x(), 0, 'f', 2).arg(at.y(), 0, 'f', 2));
    decoder_->run([snapshot, latent = space_.cursorLatent(),
                   style = space_.decodeStyle()] { return decodeImages(*snapshot, latent, style).front(); },
                  [this](const QImage& image) {
                      image_->setImage(image);
                      Q_EMIT previewShown();
                  });
}

} // namespace vae
