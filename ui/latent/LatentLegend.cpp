#include "ui/latent/LatentLegend.h"

#include "core/data/Dataset.h"
#include "ui/latent/LatentClassColours.h"

namespace vae {

LatentLegend::LatentLegend(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
}

void LatentLegend::showClasses(const Dataset* dataset, int labelCount)
{
    QStringList entries;
    for (int label = 0; label < labelCount; ++label) {
        const QString name = dataset->className(label);
        entries << QStringLiteral("<span style=\"color:%1; font-size:large\">&#9679;</span>&nbsp;%2")
                       .arg(classColour(label).name(), name.toHtmlEscaped());
    }
    setText(entries.join(QStringLiteral(" &nbsp; ")));
    setVisible(!entries.isEmpty());
}

} // namespace vae
