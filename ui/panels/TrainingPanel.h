#pragma once

#include "core/run/LiveSettings.h"
#include "core/run/TrainingConfig.h"

#include <QWidget>

#include <map>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace vae {

class LogSpinBox;

// Every setting of a training run, each with a tooltip in the paper's terms. Learning rate,
// beta, epochs and threads reach a running model; the others need a new model, which
// modelSettingChanged announces (the controller decides whether to ask first).
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    TrainingConfig config() const;
    // Shows `config` without announcing any change.
    void setConfig(const TrainingConfig& config);
    // The problem in the panel's words: the label of the setting's control, then what is wrong
    // ("Learning rate 50 is out of range: greater than 0, at most 10").
    QString describe(const SettingProblem& problem) const;

Q_SIGNALS:
    // Learning rate, beta, epochs or threads changed: all four as the panel shows them now.
    void liveSettingsChanged(const vae::LiveSettings& settings);
    // `setting` is the label of the control, for a question such as "Changing d_z resets…".
    void modelSettingChanged(const QString& setting);

private:
    void addSetting(QFormLayout* form, Setting setting, const QString& label, QWidget* field, const char* objectName,
                    const QString& toolTip);
    QWidget* modelGroup();
    QWidget* objectiveGroup();
    QWidget* optimisationGroup();
    void announceModelSetting(QWidget* control, const QString& setting);
    void enableBinarisationForLikelihood();

    QComboBox* architecture_;
    QSpinBox* latentDim_;
    QLineEdit* hiddenLayers_;
    QComboBox* activation_;
    QComboBox* likelihood_;
    QComboBox* binarization_;
    QComboBox* objective_;
    QComboBox* estimator_;
    QSpinBox* samples_;
    QDoubleSpinBox* beta_;
    QDoubleSpinBox* warmupEpochs_;
    QComboBox* optimizer_;
    LogSpinBox* learningRate_;
    LogSpinBox* weightDecay_;
    QSpinBox* batchSize_;
    QSpinBox* epochs_;
    QLineEdit* seed_;
    QSpinBox* threads_;
    std::map<Setting, QString> labels_;
    bool showingConfig_ = false;
};

} // namespace vae
