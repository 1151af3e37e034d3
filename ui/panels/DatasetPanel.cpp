#include "ui/panels/DatasetPanel.h"

#include "core/files/ImageConversion.h"
#include "ui/widgets/ElidedLabel.h"
#include "ui/widgets/ImageStrip.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace vae {
namespace {

constexpr int sampleRows = 2;
constexpr int sampleCount = 40; // enough to fill a wide dock

QString colourName(int channels)
{
    if (channels == 1)
        return DatasetPanel::tr("grey");
    if (channels == 3)
        return DatasetPanel::tr("RGB");
    return DatasetPanel::tr("%1 channels").arg(channels);
}

QLabel* valueLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent)
    , name_(valueLabel(this))
    , source_(new ElidedLabel(this))
    , size_(valueLabel(this))
    , shape_(valueLabel(this))
    , classes_(new ElidedLabel(this))
    , loading_(new QLabel(this))
    , loadingProgress_(new QProgressBar(this))
    , cancelLoading_(new QPushButton(tr("Cancel"), this))
    , samples_(new ImageStrip(sampleRows, this))
{
    // As tall as its contents, no taller: the settings below get the rest of the dock area.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    QFont nameFont = name_->font();
    nameFont.setBold(true);
    name_->setFont(nameFont);
    name_->setText(tr("No dataset"));
    loading_->setVisible(false);
    loading_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    loadingProgress_->setVisible(false);
    loadingProgress_->setFormat(tr("%v of %m images"));
    cancelLoading_->setVisible(false);
    cancelLoading_->setToolTip(tr("Stop loading this dataset and keep the current one"));
    connect(cancelLoading_, &QPushButton::clicked, this, &DatasetPanel::cancelLoadingRequested);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Source:"), source_);
    form->addRow(tr("Images:"), size_);
    form->addRow(tr("Shape:"), shape_);
    form->addRow(tr("Classes:"), classes_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(name_);
    layout->addWidget(loading_);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(loadingProgress_, 1);
    progressRow->addWidget(cancelLoading_);
    layout->addLayout(progressRow);
    layout->addLayout(form);
    layout->addWidget(samples_);
}

void DatasetPanel::showDataset(const Dataset& dataset)
{
    const QLocale locale;
    name_->setText(dataset.name);
    source_->setText(dataset.source);
    size_->setText(
        tr("%1 training, %2 test").arg(locale.toString(dataset.train.count()), locale.toString(dataset.test.count())));
    shape_->setText(tr("%1 × %2 × %3 (%4)")
                        .arg(dataset.channels())
                        .arg(dataset.height())
                        .arg(dataset.width())
                        .arg(colourName(dataset.channels())));
    classes_->setText(
        dataset.classNames.isEmpty()
            ? tr("unlabelled or unnamed")
            : tr("%1: %2").arg(dataset.classNames.size()).arg(dataset.classNames.join(QStringLiteral(", "))));
    QVector<QImage> images;
    for (int index : evenlySpreadIndices(dataset.train.count(), sampleCount))
        images.append(imageFromSet(dataset.train, index));
    samples_->setImages(images);
}

void DatasetPanel::showLoading(const QString& spec)
{
    loading_->setText(tr("Loading %1…").arg(spec));
    loading_->setVisible(true);
}

void DatasetPanel::showLoadingProgress(int done, int total)
{
    loadingProgress_->setRange(0, total);
    loadingProgress_->setValue(done);
    loadingProgress_->setVisible(true);
    cancelLoading_->setVisible(true);
}

void DatasetPanel::clearLoading()
{
    loading_->setVisible(false);
    loadingProgress_->setVisible(false);
    cancelLoading_->setVisible(false);
}

} // namespace vae
