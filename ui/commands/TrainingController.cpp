#include "ui/commands/TrainingController.h"

#include "core/run/ColourDefaults.h"
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
    connect(&panel_, &TrainingPanel::liveSettingsChanged, this,
            [this](const LiveSettings& settings) { epochsPerRun_ = settings.epochs; });
    connect(&panel_, &TrainingPanel::modelSettingChanged, this, &TrainingController::modelSettingChanged);
    connect(&run_, &RunState::runStarted, this, &TrainingController::showSettingsOf);
}

bool TrainingController::trainOn(std::shared_ptr<const Dataset> dataset)
{
    TrainingConfig config = panel_.config();
    const TrainingConfig shown = config;
    const QList<Setting> changed =
        adaptToColourImages(config, dataset->channels(), dataset->height(), dataset->width(),
                            [&shown](Setting setting) { return differsFromDefault(shown, setting); });
    if (!changed.isEmpty()) {
        panel_.setConfig(config);
        Q_EMIT notice(tr("Colour images: training the conv network with %1 latent dimensions in batches of %2 "
                         "(the Training panel changes them)")
                          .arg(config.latentDim)
                          .arg(config.batchSize));
    }
    return buildModel(config, dataset);
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

void TrainingController::continueFinishedRun()
{
    if (!run_.hasModel() || run_.state() != SessionState::Finished)
        return;
    const int more = epochsPerRun_;
    const int target = run_.completedEpochs() + more;
    TrainingConfig shown = panel_.config();
    shown.epochs = target;
    panel_.setConfig(shown);
    session_.setLiveSettings(LiveSettings::of(shown));
    session_.start();
    Q_EMIT notice(
        tr("All %L1 epochs were done: training %L2 more, to %L3").arg(run_.completedEpochs()).arg(more).arg(target));
}

void TrainingController::showSettingsOf(const RunInfo& run)
{
    epochsPerRun_ = run.config.epochs;
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
