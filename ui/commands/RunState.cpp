#include "ui/commands/RunState.h"

#include "core/session/TrainingSession.h"

#include <QFileInfo>
#include <QStringList>

namespace vae {

RunState::RunState(TrainingSession& session, QObject* parent)
    : QObject(parent)
    , series_(new LikelihoodSeries(this))
    , state_(session.state())
{
    connect(&session, &TrainingSession::modelReady, this, &RunState::start);
    connect(&session, &TrainingSession::stepsTrained, this, &RunState::addSteps);
    connect(&session, &TrainingSession::epochFinished, this, &RunState::addEpoch);
    connect(&session, &TrainingSession::settingsApplied, this, &RunState::applySettings);
    connect(&session, &TrainingSession::stateChanged, this, &RunState::changeState);
    connect(&session, &TrainingSession::modelSaved, this, &RunState::setModelPath);
    connect(&session, &TrainingSession::snapshotReady, series_, &LikelihoodSeries::addSnapshot);
    connect(series_, &LikelihoodSeries::pointReady, this, &RunState::addLikelihood);
    connect(series_, &LikelihoodSeries::failed, this, &RunState::failed);
}

void RunState::setModelPath(const QString& path)
{
    modelPath_ = path;
    Q_EMIT modelPathChanged(path);
    Q_EMIT titleChanged();
}

QString RunState::windowTitle() const
{
    QStringList parts;
    if (!modelPath_.isEmpty())
        parts << QFileInfo(modelPath_).fileName();
    if (hasModel())
        parts << tr("%1 · %2/%3 epochs").arg(run_.dataset->name).arg(run_.completedEpochs).arg(run_.config.epochs);
    parts << QStringLiteral("vae-explorer");
    return parts.join(QStringLiteral(" — "));
}

void RunState::start(const RunInfo& run)
{
    run_ = run;
    likelihood_.clear();
    series_->reset(run_.dataset, run_.config.epochs);
    Q_EMIT runStarted(run_);
    Q_EMIT titleChanged();
}

void RunState::addSteps(const QVector<StepMetrics>& steps)
{
    if (steps.isEmpty())
        return;
    run_.history.steps.insert(run_.history.steps.end(), steps.begin(), steps.end());
    run_.completedSteps = steps.last().step;
    Q_EMIT stepsAdded(steps);
}

void RunState::addEpoch(const EpochMetrics& epoch)
{
    run_.history.epochs.push_back(epoch);
    run_.completedEpochs = epoch.epoch;
    run_.completedSteps = epoch.step;
    Q_EMIT epochAdded(epoch);
    Q_EMIT titleChanged();
    series_->addEpoch(epoch);
}

void RunState::addLikelihood(const LikelihoodPoint& point)
{
    likelihood_.push_back(point);
    Q_EMIT likelihoodAdded(point);
}

void RunState::applySettings(const TrainingConfig& config)
{
    run_.config = config;
    series_->setTotalEpochs(config.epochs);
    Q_EMIT settingsApplied(config);
    Q_EMIT titleChanged();
}

void RunState::changeState(SessionState state)
{
    state_ = state;
    Q_EMIT stateChanged(state);
}

} // namespace vae
