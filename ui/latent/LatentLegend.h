#pragma once

#include <QLabel>

namespace vae {

// Which colour is which class in the scatter, as one wrapping line of coloured dots and names.
class LatentLegend : public QLabel {
    Q_OBJECT
public:
    explicit LatentLegend(QWidget* parent = nullptr);

    // `classNames` by label; labels beyond the names show as numbers. No labels: no legend.
    void showClasses(const QStringList& classNames, int labelCount);
};

} // namespace vae
