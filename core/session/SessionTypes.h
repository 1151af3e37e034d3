#pragma once

#include "core/data/Dataset.h"
#include "core/engine/ModelSnapshot.h"
#include "core/run/Metrics.h"
#include "core/run/TrainingConfig.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <memory>

namespace vae {

// Where the training thread is. Ready: a model that is not training (new, stopped or opened);
// Finished: every configured epoch is done (raising the epoch count makes it Ready again).
enum class SessionState { Empty, Ready, Running, Paused, Finished };

// The model a session trains from now on, sent once when it is built or opened: everything a
// window needs to show the run from its beginning.
struct RunInfo {
    TrainingConfig config;
    std::shared_ptr<const Dataset> dataset;
    MetricHistory history;
    int stepsPerEpoch = 0;
    int completedEpochs = 0;
    std::int64_t completedSteps = 0;
    QString checkpointPath; // the file it was opened from; empty for a new model
    QJsonObject view;       // the window's view state saved with it; empty for a new model
};

using SnapshotPtr = std::shared_ptr<const ModelSnapshot>;

} // namespace vae

Q_DECLARE_METATYPE(vae::TrainingConfig)
Q_DECLARE_METATYPE(vae::SessionState)
Q_DECLARE_METATYPE(vae::RunInfo)
Q_DECLARE_METATYPE(vae::SnapshotPtr)
Q_DECLARE_METATYPE(QVector<vae::StepMetrics>)
