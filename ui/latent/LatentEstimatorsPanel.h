#pragma once

#include "core/engine/GradientVariance.h"
#include "core/session/SessionTypes.h"

#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace vae {

class LatentEstimatorsPlot;
class LatentSpace;
class LatestJobRunner;

// The three gradient estimators side by side, on demand: for the current snapshot and a fixed
// batch of test images, the variance of the gradient of the per-image bound with respect to the
// encoder's parameters under B, A and the score function, for L = 1, 2, 5, 10 and 50, from repeated
// draws with a fixed seed (encoderGradientVariance, as `eval --gradient-variance` measures it).
// Runs in the background with its progress shown; Cancel or a new model stops it.
class LatentEstimatorsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int measuredImages = 32;
    static constexpr int measuredDraws = 50;
    static constexpr std::uint64_t measuredSeed = 0;

    explicit LatentEstimatorsPanel(LatentSpace& space, QWidget* parent = nullptr);
    ~LatentEstimatorsPanel() override;

    void measure();
    void cancel();
    bool measuring() const;
    const std::vector<GradientVariance>& measurement() const { return measured_; }
    LatentEstimatorsPlot& plot() const { return *plot_; }

Q_SIGNALS:
    void measured();
    void failed(const QString& message);

private:
    struct Progress {
        std::atomic<int> done{0};
        std::atomic<int> total{1};
        std::atomic<bool> cancelled{false};
    };

    void forget();
    void showProgress();
    void finish(const std::vector<GradientVariance>& results, std::int64_t step, bool completed);

    LatentSpace& space_;
    QPushButton* measure_;
    QPushButton* cancel_;
    QProgressBar* progressBar_;
    QCheckBox* relative_;
    QLabel* status_;
    LatentEstimatorsPlot* plot_;
    LatestJobRunner* runner_;
    QTimer progressTimer_;
    std::shared_ptr<Progress> progress_;
    std::vector<GradientVariance> measured_;
    std::int64_t measuredStep_ = 0;
};

} // namespace vae
