#pragma once

#include "core/session/SessionTypes.h"

#include <QWidget>

class QTabWidget;

namespace vae {

class LatentCollapseWarning;
class LatentCursorPreview;
class LatentDimensionsPanel;
class LatentEstimatorsPanel;
class LatentInterpolationPanel;
class LatentPlanePanel;
class LatentPosteriorPanel;
class LatentSamplesPanel;
class LatentSelectionPanel;
class LatentSpace;

// The central area: the latent plane, samples from the prior, interpolations, the selected
// image's true posterior, the dimensions in use and the gradient estimators as tabs, with the
// image at the cursor and the selected test image beside them, and a warning above them while the
// posterior has collapsed. Fed the session's model and snapshots; each view decodes on a worker of
// its own.
class LatentExplorer : public QWidget {
    Q_OBJECT
public:
    explicit LatentExplorer(QWidget* parent = nullptr);
    ~LatentExplorer() override;

    void showRun(const RunInfo& run);
    void showSnapshot(const SnapshotPtr& snapshot);

    LatentSpace& space() const { return *space_; }
    LatentPlanePanel& planePanel() const { return *plane_; }
    LatentSamplesPanel& samplesPanel() const { return *samples_; }
    LatentInterpolationPanel& interpolationPanel() const { return *interpolation_; }
    LatentPosteriorPanel& posteriorPanel() const { return *posterior_; }
    LatentDimensionsPanel& dimensionsPanel() const { return *dimensions_; }
    LatentEstimatorsPanel& estimatorsPanel() const { return *estimators_; }
    const LatentCollapseWarning& collapseWarning() const { return *collapseWarning_; }
    LatentCursorPreview& cursorPreview() const { return *preview_; }
    LatentSelectionPanel& selectionPanel() const { return *selection_; }
    QTabWidget& tabs() const { return *tabs_; }

Q_SIGNALS:
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* createDecoderOutputChoice();

    LatentSpace* space_;
    QTabWidget* tabs_;
    LatentPlanePanel* plane_;
    LatentSamplesPanel* samples_;
    LatentInterpolationPanel* interpolation_;
    LatentPosteriorPanel* posterior_;
    LatentDimensionsPanel* dimensions_;
    LatentEstimatorsPanel* estimators_;
    LatentCollapseWarning* collapseWarning_;
    LatentCursorPreview* preview_;
    LatentSelectionPanel* selection_;
};

} // namespace vae
