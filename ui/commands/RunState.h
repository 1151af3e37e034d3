#pragma once

#include "core/session/LikelihoodSeries.h"
#include "core/session/SessionTypes.h"

#include <QObject>
#include <QString>

namespace vae {

class TrainingSession;

// The run as the window knows it: the one copy on the GUI side of the model's settings, dataset,
// history, progress, state and file. It follows the training session; the status bar, the
// curves, autosave, the exports, the training controller and the window title read it or
// observe its signals instead of keeping copies of their own. Every signal is emitted after the
// state it announces has been recorded.
class RunState : public QObject {
    Q_OBJECT
public:
    explicit RunState(TrainingSession& session, QObject* parent = nullptr);

    bool hasModel() const { return run_.dataset != nullptr; }
    // The model's settings, the live ones (learning rate, beta, epochs, threads) as last applied.
    const TrainingConfig& config() const { return run_.config; }
    const std::shared_ptr<const Dataset>& dataset() const { return run_.dataset; }
    const MetricHistory& history() const { return run_.history; }
    // log p(x) and the ELBO on a fixed subset of the test images after the epochs the series'
    // budget admitted (LikelihoodSeries), oldest first. Not stored with the run: the .vae history
    // is what the Trainer measured, the same whichever front end trained it, and the headless
    // `train` has no series; a reopened run's series starts with its next epoch (the K = 5000
    // estimate of the window's command measures the model as it is).
    const std::vector<LikelihoodPoint>& likelihoodSeries() const { return likelihood_; }
    int stepsPerEpoch() const { return run_.stepsPerEpoch; }
    std::int64_t trainedSteps() const { return run_.completedSteps; }
    int completedEpochs() const { return run_.completedEpochs; }
    SessionState state() const { return state_; }
    // The .vae file the run was last saved to or opened from (its session when the file opened
    // was an autosave); empty for a run never saved.
    const QString& modelPath() const { return modelPath_; }
    void setModelPath(const QString& path);

    // "model.vae — Fashion-MNIST · 3/10 epochs — vae-explorer"
    QString windowTitle() const;

Q_SIGNALS:
    // A new or opened model: observers show it from its beginning.
    void runStarted(const vae::RunInfo& run);
    void stepsAdded(const QVector<vae::StepMetrics>& steps);
    void epochAdded(const vae::EpochMetrics& epoch);
    void likelihoodAdded(const vae::LikelihoodPoint& point);
    // The series' estimate failed; the message names it.
    void failed(const QString& message);
    void settingsApplied(const vae::TrainingConfig& config);
    void stateChanged(vae::SessionState state);
    void modelPathChanged(const QString& path);
    // Anything the window title shows.
    void titleChanged();

private:
    void start(const RunInfo& run);
    void addSteps(const QVector<StepMetrics>& steps);
    void addEpoch(const EpochMetrics& epoch);
    void addLikelihood(const LikelihoodPoint& point);
    void applySettings(const TrainingConfig& config);
    void changeState(SessionState state);

    RunInfo run_;
    std::vector<LikelihoodPoint> likelihood_;
    LikelihoodSeries* series_;
    SessionState state_ = SessionState::Empty;
    QString modelPath_;
};

} // namespace vae
