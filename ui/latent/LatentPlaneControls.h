#pragma once

#include "ui/latent/LatentSpace.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace vae {

// The decoded grid: n x n cells over [-range, range] or through the normal quantiles.
struct GridSettings {
    int cells = 20;
    double range = 3.0;
    GridSpacing spacing = GridSpacing::Linear;
};

// Above the latent plane: which plane (two dimensions, listed by their KL, or the principal
// components; the other coordinates at zero or at the selected image), the grid, and which
// layers show.
class LatentPlaneControls : public QWidget {
    Q_OBJECT
public:
    explicit LatentPlaneControls(QWidget* parent = nullptr);

    // `order`: every dimension, most informative first; `kl`: each one's KL, or empty when the
    // test set is not encoded yet.
    void showDimensions(const std::vector<int>& order, const std::vector<double>& kl);
    void showChoice(const PlaneChoice& choice);
    int dimensionCount() const { return latentDim_; }
    void setGrid(const GridSettings& grid);
    // How many cells the plane shows: fewer than chosen when the chosen ones would be smaller than
    // their images.
    void showCellsShown(int cells);

    PlaneChoice choice() const;
    GridSettings grid() const;
    bool gridVisible() const;
    bool pointsVisible() const;
    bool dataInFront() const;
    bool pathVisible() const;

Q_SIGNALS:
    void choiceChanged(const vae::PlaneChoice& choice);
    void gridChanged(const vae::GridSettings& grid);
    void layersChanged();

private:
    void fillAxisBox(QComboBox* box, const std::vector<int>& order, const std::vector<double>& kl);
    void enableChoices();

    QComboBox* axes_;
    QComboBox* axisX_;
    QComboBox* axisY_;
    QComboBox* reference_;
    QSpinBox* cells_;
    QComboBox* spacing_;
    QDoubleSpinBox* range_;
    QCheckBox* showGrid_;
    QCheckBox* showPoints_;
    QCheckBox* showPath_;
    QCheckBox* dataInFront_;
    QLabel* cellsShown_;
    PlaneChoice shown_;
    int latentDim_ = 0;
};

} // namespace vae
