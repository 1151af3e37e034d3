#pragma once

#include "core/data/ErrorText.h"
#include "core/engine/Trainer.h"
#include "core/session/RunControl.h"
#include "core/session/SessionTypes.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace vae {

class Trainer;

// Whether a save is the user's (the model's file from now on) or an autosave's safety copy.
enum class SaveKind { Chosen, Autosave };

// Owns the Trainer and lives on the training thread (a TrainingSession's implementation; the
// window talks to the session). It trains in slices of about 50 ms: between steps it reads
// RunControl, and between slices the event loop lets queued commands (save, reset, open) in,
// so they run on the thread that owns the model while a run goes on.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(RunControl& control);
    ~TrainingWorker() override;

    // Each runs on the training thread, called through the event loop by the session.
    void reset(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset);
    void open(const QString& checkpointPath, const QString& datasetOverride);
    // True when the file is written; otherwise failed() said why.
    bool save(const QString& checkpointPath, const QJsonObject& view, SaveKind kind);
    void run();
    void stepOnce();
    void stop();
    void applyLiveSettings();

Q_SIGNALS:
    void modelReady(const vae::RunInfo& run);
    void stepsTrained(const QVector<vae::StepMetrics>& steps);
    void epochFinished(const vae::EpochMetrics& metrics);
    void snapshotReady(const vae::SnapshotPtr& snapshot);
    void stateChanged(vae::SessionState state);
    // After a live setting (learning rate, beta, epochs, threads) reached the model.
    void settingsApplied(const vae::TrainingConfig& config);
    void modelSaved(const QString& checkpointPath);
    void autosaved(const QString& checkpointPath);
    void failed(const QString& message);

private:
    void replaceTrainer(std::unique_ptr<Trainer> trainer, std::shared_ptr<const Dataset> dataset,
                        const QString& checkpointPath, const QJsonObject& view = {});
    void runSlice();
    void trainOneStep();
    void flushSteps();
    void publishSnapshot();
    void setState(SessionState state);

    // Runs body and turns any exception into failed(): none may leave a slot (rule "Exceptions stop at the boundary").
    // Returns body's result, or a default value after a failure.
    template <typename Body>
    auto guarded(Body&& body) -> decltype(body())
    {
        try {
            return body();
        } catch (const EvaluationInterrupted&) {
            // Only a closing session interrupts: there is nobody left to tell.
        } catch (const std::exception& error) {
            Q_EMIT failed(firstLineOf(error));
        } catch (...) {
            Q_EMIT failed(QStringLiteral("training stopped on an unknown error"));
        }
        return decltype(body())();
    }

    RunControl& control_;
    std::unique_ptr<Trainer> trainer_;
    SessionState state_ = SessionState::Empty;
    bool looping_ = false;
    int loopGeneration_ = 0;
    QVector<StepMetrics> unsentSteps_;
    QElapsedTimer sinceStepsSent_;
    QElapsedTimer sinceSnapshot_;
};

} // namespace vae
