#pragma once

#include "core/session/SessionTypes.h"

#include <QElapsedTimer>
#include <QStatusBar>
#include <QTimer>

class QLabel;
class QProgressBar;

namespace vae {

class RunState;

// The run at a glance: state, progress through the epoch and the run, time left, speed, and the
// latest figures in nats per image. Follows the run's state; keeps only what it shows.
class TrainingStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit TrainingStatusBar(const RunState& run, QWidget* parent = nullptr);

    const QLabel& figures() const { return *figures_; }
    const QLabel& speed() const { return *speed_; }

private:
    // Sums over the steps reported since the figures were last shown.
    struct UnshownSteps {
        double elbo = 0;
        double reconstruction = 0;
        double kl = 0;
        int steps = 0;
    };

    void showRun(const RunInfo& run);
    void showState(SessionState state);
    void addSteps(const QVector<StepMetrics>& steps);
    void addEpoch(const EpochMetrics& epoch);
    void showLatest();
    void showProgress();
    void showTimeLeft();
    int stepsPerEpoch() const;

    const RunState& run_;
    QLabel* state_;
    QProgressBar* epochProgress_;
    QProgressBar* runProgress_;
    QLabel* timeLeft_;
    QLabel* speed_;
    QLabel* figures_;

    double secondsPerEpoch_ = 0; // of the last epoch, test evaluation included
    double imagesPerSecond_ = 0; // smoothed over the last few updates
    bool running_ = false;
    UnshownSteps unshown_;
    QTimer refresh_;
    QElapsedTimer sinceShown_;
    std::int64_t stepsWhenShown_ = 0;
};

} // namespace vae
