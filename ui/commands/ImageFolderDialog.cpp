#include "ui/commands/ImageFolderDialog.h"

#include "core/data/DatasetLoader.h"
#include "ui/commands/AppSettings.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace vae {
namespace {

class ImageFolderDialog : public QDialog {
public:
    ImageFolderDialog(QWidget* parent, const QString& folder, const DatasetOptions& initial)
        : QDialog(parent)
        , background_(initial.imageFolderBackground)
        , colour_(new QComboBox(this))
        , size_(new QSpinBox(this))
        , backgroundButton_(new QPushButton(this))
        , memory_(new QLabel(this))
    {
        setWindowTitle(tr("Read Image Folder"));
        colour_->addItem(tr("Grey"), int(ColorMode::Grey));
        colour_->addItem(tr("RGB colour"), int(ColorMode::Rgb));
        colour_->setCurrentIndex(initial.imageFolderColor == ColorMode::Rgb ? 1 : 0);
        size_->setRange(1, DatasetOptions::largestImageSize);
        size_->setValue(initial.imageFolderSize);
        size_->setSuffix(tr(" pixels"));
        size_->setToolTip(tr("Each image's largest centred square is cropped, then resized to this size"));
        backgroundButton_->setToolTip(tr("What transparent pixels are composited over"));
        showBackground();

        auto* form = new QFormLayout;
        form->addRow(tr("Colour:"), colour_);
        form->addRow(tr("Square size:"), size_);
        form->addRow(tr("Background:"), backgroundButton_);
        form->addRow(tr("Memory:"), memory_);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(
            new QLabel(tr("How should the images in %1 be read?").arg(QDir::toNativeSeparators(folder)), this));
        layout->addLayout(form);
        layout->addWidget(buttons);

        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(colour_, &QComboBox::currentIndexChanged, this, &ImageFolderDialog::showMemory);
        connect(size_, &QSpinBox::valueChanged, this, &ImageFolderDialog::showMemory);
        connect(backgroundButton_, &QPushButton::clicked, this, [this] {
            const QColor chosen = QColorDialog::getColor(background_, this, tr("Background"));
            if (chosen.isValid()) {
                background_ = chosen;
                showBackground();
            }
        });
        showMemory();
    }

    DatasetOptions options() const
    {
        DatasetOptions chosen;
        chosen.imageFolderColor = ColorMode(colour_->currentData().toInt());
        chosen.imageFolderSize = size_->value();
        chosen.imageFolderBackground = background_;
        return chosen;
    }

private:
    void showBackground()
    {
        QPixmap swatch(16, 16);
        swatch.fill(background_);
        backgroundButton_->setIcon(QIcon(swatch));
        backgroundButton_->setText(background_.name());
    }

    // Images are kept as bytes: channels x size x size each.
    void showMemory()
    {
        const DatasetOptions chosen = options();
        const qint64 bytes =
            qint64(chosen.imageFolderColor == ColorMode::Rgb ? 3 : 1) * chosen.imageFolderSize * chosen.imageFolderSize;
        memory_->setText(tr("%1 per image").arg(QLocale().formattedDataSize(bytes)));
    }

    QColor background_;
    QComboBox* colour_;
    QSpinBox* size_;
    QPushButton* backgroundButton_;
    QLabel* memory_;
};

} // namespace

std::optional<DatasetOptions> chooseDatasetOptions(QWidget* parent, const QString& spec)
{
    const DatasetOptions remembered = storedDatasetOptions(spec);
    if (!readsImageFolder(spec))
        return remembered;
    ImageFolderDialog dialog(parent, spec, remembered);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.options();
}

} // namespace vae
