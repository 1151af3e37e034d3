#pragma once

#include "core/session/RunControl.h"
#include "core/session/SessionTypes.h"

#include <QObject>
#include <QThread>

#include <chrono>
#include <memory>

namespace vae {

class TrainingWorker;

// Trains one model on a background thread for the window (rule "One owner per model": the training thread
// owns the model; everyone else gets snapshots). Lives on the GUI thread; every call returns at
// once and the outcome arrives as a signal. Torch-free: it only knows core/Trainer.h's facade.
class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    // Stops a run within one step and joins the thread.
    ~TrainingSession() override;

    // As last reported by the training thread.
    SessionState state() const { return state_; }

    // Replaces the model with a new one; on failure the old one stays and failed() says why.
    void reset(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset);
    // Replaces the model and the dataset with a checkpoint's: the dataset named in it, or
    // `datasetOverride` when given.
    void openModel(const QString& checkpointPath, const QString& datasetOverride = {});
    // Saves between two steps, without pausing a run; `view` is the window's view state, stored
    // with the model and given back in RunInfo::view when the file is opened.
    void saveModel(const QString& checkpointPath, const QJsonObject& view = {});
    // The same, as a safety copy: reported by autosaved() rather than modelSaved(), so the model
    // keeps the file the user chose.
    void autosave(const QString& checkpointPath, const QJsonObject& view);
    // For a window that is closing: stops a run after its step in progress, autosaves, and waits
    // for the file, at most `limit` (an epoch's test evaluation may be finishing). True when the
    // file was written in time; requests queued before it (a save of the user's) are done then too.
    bool autosaveAndWait(const QString& checkpointPath, const QJsonObject& view, std::chrono::milliseconds limit);

    void start(); // also resumes a paused run
    void pause(); // takes effect after the step in progress
    void step();  // one step while not running
    void stop();  // ends the run; the model stays and start() trains it further

    // Applied between two steps, also while running.
    void setLiveSettings(const LiveSettings& settings);

Q_SIGNALS:
    void modelReady(const vae::RunInfo& run);
    // Batched: one signal per ~50 ms of training, not one per step (rule "Throttle the views").
    void stepsTrained(const QVector<vae::StepMetrics>& steps);
    void epochFinished(const vae::EpochMetrics& metrics);
    // Every few hundred ms while running, and whenever a run pauses or stops.
    void snapshotReady(const vae::SnapshotPtr& snapshot);
    void stateChanged(vae::SessionState state);
    // After a live setting (learning rate, beta, epochs, threads) reached the model.
    void settingsApplied(const vae::TrainingConfig& config);
    void modelSaved(const QString& checkpointPath);
    void autosaved(const QString& checkpointPath);
    void failed(const QString& message);

private:
    void changeState(vae::SessionState state);

    RunControl control_;
    QThread thread_;
    TrainingWorker* worker_;
    SessionState state_ = SessionState::Empty;
};

} // namespace vae
