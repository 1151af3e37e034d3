#pragma once

#include <QWidget>

namespace vae {

class LatentLegend;
class LatentPlaneControls;
class LatentPlaneView;
class LatentSpace;
class LatestJobRunner;

// The latent plane tab: its controls, the plane itself and the legend. Decodes the grid on its
// own runner whenever the snapshot, the plane or the grid settings change, while it is shown.
class LatentPlanePanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentPlanePanel(LatentSpace& space, QWidget* parent = nullptr);

    LatentPlaneView& view() const { return *view_; }
    LatentPlaneControls& controls() const { return *controls_; }
    // The cells along each side of the grid on screen: the chosen number, or fewer when those would
    // be smaller than their images.
    int cellsShown() const;

Q_SIGNALS:
    // A newly decoded grid is on screen.
    void gridShown();
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void startModel();
    void decodeGrid();
    void gridSettingsChanged();
    void planeChanged();
    void showDimensions();
    void showPoints();
    void showAxisTitles();
    void showLayers();
    void showPath();
    void fitCells();

    LatentSpace& space_;
    LatentPlaneControls* controls_;
    LatentPlaneView* view_;
    LatentLegend* legend_;
    LatestJobRunner* gridDecoder_;
    int decodedCells_ = 0;
};

} // namespace vae
