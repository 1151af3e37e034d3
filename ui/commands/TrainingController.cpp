#include "ui/commands/TrainingController.h"

#include "core/session/TrainingSession.h"
#include "ui/commands/RunState.h"
#include "ui/panels/TrainingPanel.h"

#include <QMessageBox>

namespace vae {

TrainingController::TrainingController(TrainingSession& session, const RunState& run, TrainingPanel& panel,
                                       QWidget* dialogParent)
    : QObject(dialogParent)
    , session_(session)
    , run_(run)
    , panel_(panel)
    , dialogParent_(dialogParent)
{
    connect(&panel_, &TrainingPanel::liveSettingsChanged, &session_, &TrainingSession::setLiveSettings);
    connect(&panel_, &TrainingPanel::modelSettingChanged, this, &TrainingController::modelSettingChanged);
    connect(&run_, &RunState::runStarted, this, &TrainingController::showSettingsOf);
}

bool TrainingController::trainOn(std::shared_ptr<const Dataset> dataset)
{
    return buildModel(panel_.config(), dataset);
}

bool TrainingController::resetModel()
{
    return run_.hasModel() && confirmDiscard(tr("Reset")) && buildModel(panel_.config(), run_.dataset());
}

bool TrainingController::confirmDiscard(const QString& action)
{
    if (run_.trainedSteps() == 0)
        return true;
    const auto answer = QMessageBox::question(dialogParent_, action,
                                              tr("%1 replaces the current model, trained for %L2 steps. Save it first "
                                                 "with File > Save Model if you want to keep it.\n\n"
                                                 "Discard the current model?")
                                                  .arg(action)
                                                  .arg(run_.trainedSteps()),
                                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void TrainingController::showSettingsOf(const RunInfo& run)
{
    // A new model was built from the panel's settings; an opened one brings its own.
    if (!run.checkpointPath.isEmpty())
        panel_.setConfig(run.config);
}

void TrainingController::modelSettingChanged(const QString& setting)
{
    const TrainingConfig wanted = panel_.config();
    if (!run_.hasModel() || LiveSettings::of(wanted).appliedTo(run_.config()).toJson() == wanted.toJson())
        return;
    const bool accepted = run_.trainedSteps() == 0 || confirmDiscard(tr("Changing %1").arg(setting));
    if (!accepted || !buildModel(wanted, run_.dataset()))
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
    return LiveSettings::of(panel_.config()).appliedTo(run_.config());
}

} // namespace vae
