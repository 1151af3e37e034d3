#pragma once

#include "core/session/SessionTypes.h"

#include <QElapsedTimer>
#include <QStatusBar>
#include <QTimer>

class QLabel;
class QProgressBar;

namespace vae {

// The run at a glance: state, progress through the epoch and the run, time left, speed, and the
// latest figures in nats per image.
class TrainingStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit TrainingStatusBar(QWidget* parent = nullptr);

    void showRun(const RunInfo& run);
    void showState(SessionState state);
    void addSteps(const QVector<StepMetrics>& steps);
    void addEpoch(const EpochMetrics& epoch);
    void setEpochs(int epochs);

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

    void showLatest();
    void showProgress();
    void showTimeLeft();

    QLabel* state_;
    QProgressBar* epochProgress_;
    QProgressBar* runProgress_;
    QLabel* timeLeft_;
    QLabel* speed_;
    QLabel* figures_;

    int stepsPerEpoch_ = 1;
    int epochs_ = 1;
    int batchSize_ = 1;
    std::int64_t completedSteps_ = 0;
    double secondsPerEpoch_ = 0; // of the last epoch, test evaluation included
    double imagesPerSecond_ = 0; // smoothed over the last few updates
    bool running_ = false;
    UnshownSteps unshown_;
    QTimer refresh_;
    QElapsedTimer sinceShown_;
    std::int64_t stepsWhenShown_ = 0;
};

} // namespace vae
