#pragma once

#include "core/engine/ImagePosterior.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QStackedWidget;

namespace vae {

class LatentSpace;
class LatestJobRunner;
class PosteriorDensityPlot;

// The selected test image's true posterior p(z|x) next to the encoder's q(z|x), for a 2-d latent
// space: p(z|x) over z with q's 1- and 2-sigma ellipses and the prior's mean, p(eps|x) over the
// reparameterisation's eps = (z - mu) / sigma with N(0, I)'s circles, and both sides of
// log p(x) >= ELBO with the gap between them, KL(q || p(z|x)). Computed by quadrature on a job
// runner of its own, anew for each selection and, while training goes on, at most once a second
// (rule "Throttle the views"). Otherwise it says why there is nothing to show.
class LatentPosteriorPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentPosteriorPanel(LatentSpace& space, QWidget* parent = nullptr);

    // The posterior on screen, if any.
    const std::optional<ImagePosterior>& shownPosterior() const { return shown_; }
    // Why there is nothing to show, or empty when the plots are shown.
    QString message() const;
    const QLabel& figures() const { return *figures_; }

Q_SIGNALS:
    void posteriorShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void startOver();
    bool showAvailability();
    void scheduleCompute();
    void compute();
    void showPosterior(const ImagePosterior& posterior, int index, std::int64_t step);
    QString unavailableReason() const;

    LatentSpace& space_;
    QStackedWidget* pages_;
    QLabel* message_;
    QLabel* heading_;
    PosteriorDensityPlot* latentPlot_;
    PosteriorDensityPlot* standardisedPlot_;
    QLabel* figures_;
    QLabel* status_;
    LatestJobRunner* runner_;
    QTimer computeTimer_;
    QElapsedTimer sinceCompute_;
    std::optional<ImagePosterior> shown_;
    std::int64_t shownStep_ = -1;
};

} // namespace vae
