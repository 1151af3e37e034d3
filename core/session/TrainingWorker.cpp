#include "core/session/TrainingWorker.h"

#include "core/engine/Trainer.h"
#include "core/files/CheckpointFile.h"
#include "core/session/InteractiveWork.h"
#include "core/session/ThreadHandOff.h"

#include <utility>

namespace vae {
namespace {

// Long enough that queuing the next slice costs nothing measurable, short enough that a save
// or a reset waits no longer than a blink.
constexpr qint64 sliceMilliseconds = 50;
// Smooth enough for a live curve; one signal per step would flood the GUI thread (rule "Throttle the views").
constexpr qint64 stepsBatchMilliseconds = 50;
// Copying the model takes a few ms of the training thread; twice a second keeps the views live.
constexpr qint64 snapshotMilliseconds = 500;
// Longer than a 20 x 20 grid takes to decode, short enough that dragging without pause still
// lets a step through every few frames.
constexpr std::chrono::milliseconds interactiveYieldLimit{30};

} // namespace

TrainingWorker::TrainingWorker(RunControl& control)
    : control_(control)
{
    sinceStepsSent_.start();
    sinceSnapshot_.start();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::reset(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset)
{
    guarded([&] { replaceTrainer(std::make_unique<Trainer>(config, dataset), dataset, QString()); });
}

void TrainingWorker::open(const QString& checkpointPath, const QString& datasetOverride)
{
    guarded([&] {
        std::shared_ptr<const Dataset> dataset = loadCheckpointDataset(checkpointPath, datasetOverride);
        auto trainer = Trainer::fromCheckpoint(checkpointPath, dataset);
        // The Trainer keeps no view state: it is the window's, read back from the file for it.
        replaceTrainer(std::move(trainer), dataset, checkpointPath, readCheckpointFile(checkpointPath).view);
    });
}

bool TrainingWorker::save(const QString& checkpointPath, const QJsonObject& view, SaveKind kind)
{
    return guarded([&] {
        if (!trainer_)
            throw std::runtime_error("there is no model to save yet: open a dataset first");
        trainer_->saveCheckpoint(checkpointPath, view);
        if (kind == SaveKind::Autosave)
            Q_EMIT autosaved(checkpointPath);
        else
            Q_EMIT modelSaved(checkpointPath);
        return true;
    });
}

void TrainingWorker::run()
{
    if (!trainer_ || looping_)
        return;
    if (trainer_->finished()) {
        setState(SessionState::Finished);
        return;
    }
    looping_ = true;
    ++loopGeneration_;
    setState(SessionState::Running);
    runSlice();
}

void TrainingWorker::stepOnce()
{
    if (!trainer_ || looping_)
        return;
    guarded([&] {
        if (!trainer_->finished())
            trainOneStep();
    });
    flushSteps();
    guarded([&] { publishSnapshot(); });
    setState(trainer_->finished() ? SessionState::Finished : SessionState::Paused);
}

void TrainingWorker::stop()
{
    if (!looping_ && state_ == SessionState::Paused)
        setState(SessionState::Ready);
}

void TrainingWorker::applyLiveSettings()
{
    if (!trainer_ || !control_.hasChanges())
        return;
    const std::optional<LiveSettings> changes = control_.takeChanges();
    if (!changes)
        return;
    guarded([&] { trainer_->applyLiveSettings(*changes); });
    Q_EMIT settingsApplied(trainer_->config());
    if (looping_)
        return;
    if (trainer_->finished())
        setState(SessionState::Finished);
    else if (state_ == SessionState::Finished)
        setState(SessionState::Ready);
}

void TrainingWorker::replaceTrainer(std::unique_ptr<Trainer> trainer, std::shared_ptr<const Dataset> dataset,
                                    const QString& checkpointPath, const QJsonObject& view)
{
    trainer_ = std::move(trainer);
    trainer_->setInterruptCheck([this] { return control_.shutdownRequested(); });
    looping_ = false;
    ++loopGeneration_; // a slice of the old run still queued must not train the new one
    unsentSteps_.clear();
    RunInfo run;
    run.config = trainer_->config();
    run.dataset = std::move(dataset);
    run.history = trainer_->history();
    run.stepsPerEpoch = trainer_->stepsPerEpoch();
    run.completedEpochs = trainer_->completedEpochs();
    run.completedSteps = trainer_->completedSteps();
    run.checkpointPath = checkpointPath;
    run.view = view;
    Q_EMIT modelReady(run);
    publishSnapshot();
    setState(trainer_->finished() ? SessionState::Finished : SessionState::Ready);
}

void TrainingWorker::runSlice()
{
    QElapsedTimer slice;
    slice.start();
    const bool stillRunning = guarded([&] {
        while (control_.runRequested() && !trainer_->finished()) {
            trainOneStep();
            if (slice.elapsed() >= sliceMilliseconds)
                return true;
        }
        return false;
    });
    if (stillRunning) {
        postCall(this, [this, generation = loopGeneration_] {
            if (generation == loopGeneration_)
                runSlice();
        });
        return;
    }
    looping_ = false;
    flushSteps();
    guarded([&] { publishSnapshot(); });
    if (trainer_->finished())
        setState(SessionState::Finished);
    else if (control_.requested() == RunControl::Request::Pause)
        setState(SessionState::Paused);
    else
        setState(SessionState::Ready);
}

void TrainingWorker::trainOneStep()
{
    applyLiveSettings();
    InteractiveWork::yieldTo(interactiveYieldLimit);
    const Trainer::Progress progress = trainer_->advance();
    if (progress.step)
        unsentSteps_.append(*progress.step);
    if (progress.epoch) {
        flushSteps();
        Q_EMIT epochFinished(*progress.epoch);
        publishSnapshot();
    }
    if (sinceStepsSent_.elapsed() >= stepsBatchMilliseconds)
        flushSteps();
    if (sinceSnapshot_.elapsed() >= snapshotMilliseconds)
        publishSnapshot();
}

void TrainingWorker::flushSteps()
{
    sinceStepsSent_.restart();
    if (!unsentSteps_.isEmpty())
        Q_EMIT stepsTrained(std::exchange(unsentSteps_, {}));
}

void TrainingWorker::publishSnapshot()
{
    sinceSnapshot_.restart();
    if (trainer_)
        Q_EMIT snapshotReady(trainer_->snapshot());
}

void TrainingWorker::setState(SessionState state)
{
    if (state == state_)
        return;
    state_ = state;
    Q_EMIT stateChanged(state);
}

} // namespace vae
