#include "ui/latent/LatentInterpolationPanel.h"

#include "core/files/ImageConversion.h"
#include "core/session/LatestJobRunner.h"
#include "ui/latent/LatentSpace.h"
#include "ui/widgets/PixelImageLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace vae {
namespace {

constexpr int thumbnailSide = 40;
constexpr int widestRow = 12; // images per row before the path wraps onto a second one

} // namespace

LatentInterpolationPanel::LatentInterpolationPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , steps_(new QSpinBox(this))
    , kind_(new QComboBox(this))
    , path_(new PixelImageLabel(480, this))
    , decoder_(new LatestJobRunner(tr("decoding the interpolation"), this))
{
    steps_->setRange(2, 24);
    steps_->setValue(10);
    kind_->addItem(tr("linear"), int(InterpolationKind::Linear));
    kind_->addItem(tr("spherical"), int(InterpolationKind::Spherical));
    kind_->setToolTip(tr("Spherical follows the great circle between the two codes, where the prior keeps its mass"));
    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Steps"), this));
    settings->addWidget(steps_);
    settings->addWidget(new QLabel(tr("Path"), this));
    settings->addWidget(kind_);
    settings->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(endpointRow(0, tr("From")));
    layout->addWidget(endpointRow(1, tr("To")));
    layout->addLayout(settings);
    layout->addWidget(path_);
    layout->addStretch(1);

    connect(steps_, &QSpinBox::valueChanged, this, &LatentInterpolationPanel::decode);
    connect(kind_, &QComboBox::currentIndexChanged, this, &LatentInterpolationPanel::decode);
    connect(&space_, &LatentSpace::modelStarted, this, [this] {
        decoder_->invalidate();
        path_->clear();
        pickDefaultEndpoints();
    });
    connect(&space_, &LatentSpace::snapshotChanged, this, &LatentInterpolationPanel::decode);
    connect(&space_, &LatentSpace::decodeStyleChanged, this, &LatentInterpolationPanel::decode);
    connect(decoder_, &LatestJobRunner::failed, this, &LatentInterpolationPanel::failed);
}

QWidget* LatentInterpolationPanel::endpointRow(int end, const QString& title)
{
    auto* row = new QWidget(this);
    thumbnails_[std::size_t(end)] = new PixelImageLabel(thumbnailSide, row);
    thumbnails_[std::size_t(end)]->setFixedSize(thumbnailSide, thumbnailSide);
    descriptions_[std::size_t(end)] = new QLabel(row);
    auto* fromSelection = new QPushButton(tr("Selected image"), row);
    fromSelection->setToolTip(tr("The test image selected on the plane"));
    auto* fromCursor = new QPushButton(tr("Cursor"), row);
    fromCursor->setToolTip(tr("The latent point under the cursor"));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* titleLabel = new QLabel(title, row);
    // Both rows' thumbnails line up whatever the two titles' widths.
    titleLabel->setMinimumWidth(
        std::max(fontMetrics().horizontalAdvance(tr("From")), fontMetrics().horizontalAdvance(tr("To"))));
    layout->addWidget(titleLabel);
    layout->addWidget(thumbnails_[std::size_t(end)]);
    layout->addWidget(descriptions_[std::size_t(end)], 1);
    layout->addWidget(fromSelection);
    layout->addWidget(fromCursor);
    connect(fromSelection, &QPushButton::clicked, this, [this, end] {
        if (space_.selected() >= 0)
            setEndpoint(end, {space_.selected(), {}});
    });
    connect(fromCursor, &QPushButton::clicked, this, [this, end] {
        if (space_.snapshot())
            setEndpoint(end, {-1, space_.cursorLatent()});
    });
    return row;
}

InterpolationChoice LatentInterpolationPanel::choice() const
{
    return {ends_, steps_->value(), InterpolationKind(kind_->currentData().toInt())};
}

void LatentInterpolationPanel::setChoice(const InterpolationChoice& choice)
{
    steps_->setValue(choice.steps);
    kind_->setCurrentIndex(std::max(0, kind_->findData(int(choice.kind))));
    setEndpoint(0, choice.ends[0]);
    setEndpoint(1, choice.ends[1]);
}

void LatentInterpolationPanel::setEndpoint(int end, InterpolationEnd endpoint)
{
    const Dataset* dataset = space_.dataset().get();
    QLabel* description = descriptions_[std::size_t(end)];
    PixelImageLabel* thumbnail = thumbnails_[std::size_t(end)];
    if (endpoint.testImage >= 0 && dataset) {
        const ImageSet& test = dataset->test;
        const int label = test.hasLabels() ? test.labels[std::size_t(endpoint.testImage)] : -1;
        description->setText(label >= 0
                                 ? tr("test image #%L1 · %2").arg(endpoint.testImage).arg(dataset->className(label))
                                 : tr("test image #%L1").arg(endpoint.testImage));
        thumbnail->setImage(imageFromSet(test, endpoint.testImage));
    } else if (!endpoint.point.empty()) {
        QStringList coordinates;
        for (float value : endpoint.point)
            coordinates << QString::number(value, 'f', 2);
        description->setText(tr("point (%1)").arg(coordinates.join(QStringLiteral(", "))));
        description->setToolTip(description->text());
        thumbnail->clear();
    } else {
        description->setText(tr("none: pick a test image or the cursor"));
        thumbnail->clear();
    }
    ends_[std::size_t(end)] = std::move(endpoint);
    decoder_->invalidate();
    decode();
}

// Two test images of different classes, so the panel shows a path before anything is picked.
void LatentInterpolationPanel::pickDefaultEndpoints()
{
    const Dataset* dataset = space_.dataset().get();
    const ImageSet* test = dataset ? &dataset->test : nullptr;
    if (!test || test->count() < 2) {
        setEndpoint(0, {});
        setEndpoint(1, {});
        return;
    }
    int other = 1;
    while (test->hasLabels() && other + 1 < test->count() && test->labels[std::size_t(other)] == test->labels[0])
        ++other;
    setEndpoint(0, {0, {}});
    setEndpoint(1, {other, {}});
}

void LatentInterpolationPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    decode();
}

void LatentInterpolationPanel::decode()
{
    const SnapshotPtr snapshot = space_.snapshot();
    const std::shared_ptr<const Dataset> dataset = space_.dataset();
    if (!snapshot || !dataset || !isVisible())
        return;
    const auto usable = [&](const InterpolationEnd& end) {
        return end.testImage >= 0 ? end.testImage < dataset->test.count()
                                  : int(end.point.size()) == snapshot->latentDim();
    };
    if (!usable(ends_[0]) || !usable(ends_[1]))
        return;
    const InterpolationChoice shown = choice();
    const int columns = shown.steps <= widestRow ? shown.steps : (shown.steps + 1) / 2;
    decoder_->run(
        [snapshot, dataset, shown, columns, style = space_.decodeStyle()] {
            const std::vector<float> path =
                interpolationLatents(*snapshot, dataset->test, shown.ends[0], shown.ends[1], shown.steps, shown.kind);
            return tileImages(decodeImages(*snapshot, path, style), columns, {1, 1, Qt::white});
        },
        [this](const QImage& path) {
            path_->setImage(path);
            Q_EMIT pathShown();
        });
}

} // namespace vae
