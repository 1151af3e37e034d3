#pragma once

#include "core/data/Dataset.h"
#include "core/data/LoadProgress.h"
#include "core/engine/EvaluationInterrupted.h"
#include "core/engine/ModelSnapshot.h"
#include "core/run/LiveSettings.h"
#include "core/run/Metrics.h"
#include "core/run/TrainingConfig.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace vae {

struct TrainerState;

// The VAE engine: owns the network, the optimiser and the random state of one training run and
// advances it one optimiser step at a time. Torch-free interface; not thread-safe (one owner).
class Trainer {
public:
    // Throws SettingError when the settings are invalid or do not fit the data, InputError for an
    // empty split.
    Trainer(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset);
    // Resumes the run stored in a checkpoint; the dataset must have the checkpoint's image shape.
    // Throws InputError naming the file for a corrupt, truncated or foreign checkpoint.
    static std::unique_ptr<Trainer> fromCheckpoint(const QString& path, std::shared_ptr<const Dataset> dataset);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    const TrainingConfig& config() const;
    const Dataset& dataset() const;
    const MetricHistory& history() const;

    int completedEpochs() const;
    std::int64_t completedSteps() const;
    int stepsPerEpoch() const;
    bool finished() const;   // all configured epochs done
    bool atEpochEnd() const; // the last step completed an epoch whose test evaluation is pending

    // Applied from the next step on; more epochs let a finished run train further. Throws
    // SettingError for a value out of range, and then changes nothing.
    void applyLiveSettings(const LiveSettings& settings);
    // The KL weight the next step will use (beta times the warm-up ramp).
    double currentKlWeight() const;

    // One optimiser step on the next minibatch. Throws std::runtime_error if the objective stops
    // being finite (a diverging run); the model is left as it was before the step.
    StepMetrics trainStep();
    // Evaluates the test set and records the epoch's figures; call when atEpochEnd().
    EpochMetrics finishEpoch();

    // What one advance() did.
    struct Progress {
        std::optional<StepMetrics> step;   // the optimiser step taken, if one was
        std::optional<EpochMetrics> epoch; // the epoch finished, if one was
    };
    // The one loop body of the command line and the window's training thread: takes an optimiser
    // step, then finishes the epoch (its test evaluation) if that step ended one. An epoch end
    // left pending by an interrupted evaluation is finished first, without a step.
    Progress advance();

    // Consulted between the batches of a test evaluation (the one part of training that takes
    // seconds), so a program can shut down promptly.
    void setInterruptCheck(std::function<bool()> shouldInterrupt);

    // A deep copy of the model as it is now, for other threads to read.
    std::shared_ptr<const ModelSnapshot> snapshot() const;

    // The test-set bound with the run's estimator and sample count, deterministic for a given model.
    Evaluation evaluateTest();

    // Writes the whole run (settings, dataset source, model, optimiser, random state, position in
    // the epoch, history) atomically: a failure or a kill mid-save leaves the previous file intact.
    // `view` is the window's view state, stored as it is (readCheckpointFile gives it back).
    void saveCheckpoint(const QString& path, const QJsonObject& view = {}) const;
    // Writes the weights as a dict of named tensors that Python's torch.load reads.
    void exportWeights(const QString& path) const;
    // Replaces the model's weights by those of such a dict, written by export --weights or by Python
    // (tools/train_pytorch.py). Throws InputError naming the file and the first tensor whose name or
    // shape the architecture lacks, and then changes nothing.
    void importWeights(const QString& path);

private:
    explicit Trainer(std::unique_ptr<TrainerState> impl);
    std::unique_ptr<TrainerState> impl_;
};

// The dataset a checkpoint was trained on, or `override` when given, read with the checkpoint's
// dataset options (an image folder's colour, size and background). Throws InputError naming the
// checkpoint or the dataset, LoadCancelled when progress asks to stop.
std::shared_ptr<const Dataset> loadCheckpointDataset(const QString& checkpointPath, const QString& override = {},
                                                     const LoadProgress& progress = {});

} // namespace vae
