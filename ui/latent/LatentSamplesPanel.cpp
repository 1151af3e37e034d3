#include "ui/latent/LatentSamplesPanel.h"

#include "core/decode/ExportRecipes.h"
#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentSpace.h"
#include "ui/widgets/PixelImageLabel.h"
#include "ui/widgets/SheetFit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vae {
namespace {

constexpr int smallestScale = 2; // samples are looked at: never smaller than twice their size
constexpr int largestSide = 40;  // samples along a side, so a huge screen does not decode thousands
const TileLayout sheetLayout{1, 2, Qt::white};

} // namespace

LatentSamplesPanel::LatentSamplesPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , sheet_(new PixelImageLabel(480, this))
    , decoder_(new LatestJobRunner(tr("decoding samples from the prior"), this))
{
    auto* again = new QPushButton(tr("New samples"), this);
    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Decoded from z ~ N(0, I), the prior"), this), 1);
    header->addWidget(again);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(sheet_, 1);
    sheet_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    connect(again, &QPushButton::clicked, this, [this] { setSeed(seed_ + 1); });
    connect(&space_, &LatentSpace::modelStarted, this, [this] {
        decoder_->invalidate();
        sheet_->clear();
    });
    connect(&space_, &LatentSpace::snapshotChanged, this, &LatentSamplesPanel::decode);
    connect(&space_, &LatentSpace::decodeStyleChanged, this, &LatentSamplesPanel::decode);
    connect(decoder_, &LatestJobRunner::failed, this, &LatentSamplesPanel::failed);
}

void LatentSamplesPanel::setSeed(std::uint64_t seed)
{
    seed_ = seed;
    decoder_->invalidate();
    decode();
}

void LatentSamplesPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    decode();
}

void LatentSamplesPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (cellsForRoom() != shownCells_)
        decode();
}

QSize LatentSamplesPanel::cellsForRoom() const
{
    const SnapshotPtr& snapshot = space_.snapshot();
    if (!snapshot)
        return {};
    const QSize cells =
        cellsFilling(sheet_->size(), QSize(snapshot->width(), snapshot->height()), sheetLayout.border, smallestScale);
    return cells.boundedTo(QSize(largestSide, largestSide));
}

void LatentSamplesPanel::decode()
{
    const SnapshotPtr snapshot = space_.snapshot();
    if (!snapshot || !isVisible())
        return;
    shownCells_ = cellsForRoom();
    decoder_->run(
        [snapshot, seed = seed_, cells = shownCells_, style = space_.decodeStyle()] {
            return decodePriorSheet(*snapshot, cells.width(), cells.height(), seed, style, sheetLayout);
        },
        [this](const QImage& sheet) {
            sheet_->setImage(sheet);
            Q_EMIT samplesShown();
        });
}

} // namespace vae
