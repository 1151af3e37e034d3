#pragma once

#include <QLabel>

namespace vae {

struct Dataset;

// Which colour is which class in the scatter, as one wrapping line of coloured dots and names.
class LatentLegend : public QLabel {
    Q_OBJECT
public:
    explicit LatentLegend(QWidget* parent = nullptr);

    // Labels 0 to labelCount - 1, each named by Dataset::className. A labelCount of 0 (no
    // dataset, or no labels) hides the legend.
    void showClasses(const Dataset* dataset, int labelCount);
};

} // namespace vae
