#include "ui/commands/ImageExportOptions.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

namespace vae {

std::optional<ImageExportLayout> askImageExportLayout(QWidget* parent, int imageSide, const ImageExportLayout& current)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QDialog::tr("Export Images"));
    auto* cell = new QSpinBox(&dialog);
    cell->setRange(imageSide, 64 * imageSide);
    cell->setSingleStep(imageSide);
    cell->setSuffix(QDialog::tr(" px"));
    cell->setValue(current.cellPixels > 0 ? current.cellPixels : 2 * imageSide);
    cell->setToolTip(
        QDialog::tr(
            "Rounded down to a whole multiple of the image's %1 pixels: nearest-neighbour scaling keeps pixels sharp")
            .arg(imageSide));
    auto* border = new QSpinBox(&dialog);
    border->setRange(0, 64);
    border->setSuffix(QDialog::tr(" px"));
    border->setValue(current.border);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QFormLayout(&dialog);
    layout->addRow(QDialog::tr("Cell size"), cell);
    layout->addRow(QDialog::tr("Border"), border);
    layout->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return ImageExportLayout{cell->value(), border->value()};
}

} // namespace vae
