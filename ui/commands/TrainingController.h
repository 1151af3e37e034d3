#pragma once

#include "core/session/SessionTypes.h"

#include <QObject>

#include <memory>

class QWidget;

namespace vae {

class RunState;
class TrainingPanel;
class TrainingSession;

// Keeps the session's model in step with the training panel. Learning rate, beta, epochs and
// threads go to the model as it trains; any other setting needs a new model, which replaces the
// current one at once when it is untrained and after asking when it is not.
class TrainingController : public QObject {
    Q_OBJECT
public:
    TrainingController(TrainingSession& session, const RunState& run, TrainingPanel& panel, QWidget* dialogParent);

    // A new model for `dataset` with the panel's settings. Returns false, leaving the current
    // model and dataset as they are, when the settings do not fit the data.
    bool trainOn(std::shared_ptr<const Dataset> dataset);
    // Reset: a new, untrained model with the panel's settings. False when the user declined or
    // the settings do not fit the data.
    bool resetModel();
    // True when nothing trained would be lost, or the user agreed to lose it for `action`.
    bool confirmDiscard(const QString& action);

Q_SIGNALS:
    void problem(const QString& message);

private:
    void showSettingsOf(const RunInfo& run);
    void modelSettingChanged(const QString& setting);
    bool buildModel(const TrainingConfig& config, const std::shared_ptr<const Dataset>& dataset);
    // The model's settings with the live ones as the panel shows them.
    TrainingConfig modelConfigWithPanelLiveSettings() const;

    TrainingSession& session_;
    const RunState& run_;
    TrainingPanel& panel_;
    QWidget* dialogParent_;
};

} // namespace vae
