#include "ui/commands/TrainingController.h"

#include "core/session/TrainingSession.h"
#include "ui/panels/TrainingPanel.h"

#include <QMessageBox>

namespace vae {
namespace {

TrainingConfig withLiveSettingsOf(TrainingConfig config, const TrainingConfig& live)
{
    config.learningRate = live.learningRate;
    config.beta = live.beta;
    config.epochs = live.epochs;
    config.threads = live.threads;
    return config;
}

} // namespace

TrainingController::TrainingController(TrainingSession& session, TrainingPanel& panel, QWidget* dialogParent)
    : QObject(dialogParent)
    , session_(session)
    , panel_(panel)
    , dialogParent_(dialogParent)
{
    connect(&panel_, &TrainingPanel::learningRateChanged, &session_, &TrainingSession::setLearningRate);
    connect(&panel_, &TrainingPanel::betaChanged, &session_, &TrainingSession::setBeta);
    connect(&panel_, &TrainingPanel::epochsChanged, &session_, &TrainingSession::setEpochs);
    connect(&panel_, &TrainingPanel::threadsChanged, &session_, &TrainingSession::setThreads);
    connect(&panel_, &TrainingPanel::modelSettingChanged, this, &TrainingController::modelSettingChanged);
    connect(&session_, &TrainingSession::modelReady, this, &TrainingController::adoptRun);
    connect(&session_, &TrainingSession::stepsTrained, this, [this](const QVector<StepMetrics>& steps) {
        if (!steps.isEmpty())
            trainedSteps_ = steps.last().step;
    });
}

bool TrainingController::trainOn(std::shared_ptr<const Dataset> dataset)
{
    return buildModel(panel_.config(), dataset);
}

bool TrainingController::resetModel()
{
    return dataset_ && confirmDiscard(tr("Reset")) && buildModel(panel_.config(), dataset_);
}

bool TrainingController::confirmDiscard(const QString& action)
{
    if (trainedSteps_ == 0)
        return true;
    const auto answer = QMessageBox::question(dialogParent_, action,
                                              tr("%1 replaces the current model, trained for %L2 steps. Save it first "
                                                 "with File > Save Model if you want to keep it.\n\n"
                                                 "Discard the current model?")
                                                  .arg(action)
                                                  .arg(trainedSteps_),
                                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void TrainingController::adoptRun(const RunInfo& run)
{
    dataset_ = run.dataset;
    modelConfig_ = run.config;
    trainedSteps_ = run.completedSteps;
    // A new model was built from the panel's settings; an opened one brings its own.
    if (!run.checkpointPath.isEmpty())
        panel_.setConfig(run.config);
}

void TrainingController::modelSettingChanged(const QString& setting)
{
    const TrainingConfig wanted = panel_.config();
    if (!dataset_ || withLiveSettingsOf(modelConfig_, wanted).toJson() == wanted.toJson())
        return;
    const bool accepted = trainedSteps_ == 0 || confirmDiscard(tr("Changing %1").arg(setting));
    if (!accepted || !buildModel(wanted, dataset_))
        panel_.setConfig(modelConfigWithPanelLiveSettings());
}

bool TrainingController::buildModel(const TrainingConfig& config, const std::shared_ptr<const Dataset>& dataset)
{
    std::optional<SettingProblem> problem = config.validate();
    if (!problem)
        problem = config.validateFor(dataset->channels(), dataset->height(), dataset->width());
    if (problem) {
        Q_EMIT this->problem(tr("These settings do not fit %1: %2").arg(dataset->name, panel_.describe(*problem)));
        return false;
    }
    session_.reset(config, dataset);
    return true;
}

TrainingConfig TrainingController::modelConfigWithPanelLiveSettings() const
{
    return withLiveSettingsOf(modelConfig_, panel_.config());
}

} // namespace vae
