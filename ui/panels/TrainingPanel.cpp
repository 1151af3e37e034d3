#include "ui/panels/TrainingPanel.h"

#include "ui/widgets/LogSpinBox.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace vae {
namespace {

template <typename Enum>
QComboBox* enumCombo(QWidget* parent, std::initializer_list<std::pair<Enum, QString>> items)
{
    auto* combo = new QComboBox(parent);
    // Narrow docks: a combo may be narrower than its longest item.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
    for (const auto& [value, text] : items)
        combo->addItem(text, int(value));
    return combo;
}

template <typename Enum>
Enum comboValue(const QComboBox* combo)
{
    return Enum(combo->currentData().toInt());
}

template <typename Enum>
void setComboValue(QComboBox* combo, Enum value)
{
    combo->setCurrentIndex(combo->findData(int(value)));
}

QSpinBox* intSpinBox(QWidget* parent, int minimum, int maximum)
{
    auto* spinBox = new QSpinBox(parent);
    spinBox->setRange(minimum, maximum);
    spinBox->setKeyboardTracking(false);
    spinBox->setGroupSeparatorShown(true);
    return spinBox;
}

QDoubleSpinBox* doubleSpinBox(QWidget* parent, double minimum, double maximum, int decimals, double step)
{
    auto* spinBox = new QDoubleSpinBox(parent);
    spinBox->setRange(minimum, maximum);
    spinBox->setDecimals(decimals);
    spinBox->setSingleStep(step);
    spinBox->setKeyboardTracking(false);
    return spinBox;
}

QLineEdit* patternEdit(QWidget* parent, const QString& pattern)
{
    auto* edit = new QLineEdit(parent);
    edit->setValidator(new QRegularExpressionValidator(QRegularExpression(pattern), edit));
    return edit;
}

QGroupBox* group(const QString& title, QFormLayout* form, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows); // labels go above their fields in a narrow dock
    box->setLayout(form);
    return box;
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent)
    , architecture_(
          enumCombo<Architecture>(this, {{Architecture::Mlp, tr("MLP")}, {Architecture::Conv, tr("Convolutional")}}))
    , latentDim_(intSpinBox(this, 1, 512))
    , hiddenLayers_(patternEdit(this, QStringLiteral("^[1-9][0-9]{0,3}(,[1-9][0-9]{0,3}){0,7},?$")))
    , activation_(enumCombo<Activation>(this, {{Activation::Relu, tr("ReLU")}, {Activation::Tanh, tr("tanh")}}))
    , likelihood_(enumCombo<Likelihood>(
          this, {{Likelihood::Bernoulli, tr("Bernoulli")}, {Likelihood::Gaussian, tr("Gaussian")}}))
    , binarization_(enumCombo<Binarization>(this,
                                            {{Binarization::None, tr("none (grey)")},
                                             {Binarization::Static, tr("static")},
                                             {Binarization::Dynamic, tr("dynamic")}}))
    , objective_(enumCombo<TrainingObjective>(
          this,
          {{TrainingObjective::Elbo, tr("ELBO")}, {TrainingObjective::Prior, tr("prior samples only (ablation)")}}))
    , estimator_(enumCombo<Estimator>(
          this, {{Estimator::Analytic, tr("B: analytic KL")}, {Estimator::MonteCarlo, tr("A: Monte Carlo")}}))
    , samples_(intSpinBox(this, 1, 1000))
    , beta_(doubleSpinBox(this, 0.0, 1000.0, 3, 0.1))
    , warmupEpochs_(doubleSpinBox(this, 0.0, 10000.0, 1, 1.0))
    , optimizer_(enumCombo<OptimizerKind>(this,
                                          {{OptimizerKind::Adam, tr("Adam")},
                                           {OptimizerKind::Adagrad, tr("Adagrad")},
                                           {OptimizerKind::Sgd, tr("SGD, momentum 0.9")}}))
    , learningRate_(new LogSpinBox(1e-6, 1e-6, 10.0, this))
    , weightDecay_(new LogSpinBox(0.0, 1e-6, 1.0, this))
    , batchSize_(intSpinBox(this, 1, 65536))
    , epochs_(intSpinBox(this, 1, 100000))
    , seed_(patternEdit(this, QStringLiteral("^[0-9]{1,19}$")))
    , threads_(intSpinBox(this, 0, 256))
{
    threads_->setSpecialValueText(tr("auto"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(modelGroup());
    layout->addWidget(objectiveGroup());
    layout->addWidget(optimisationGroup());
    layout->addStretch(1);

    announceModelSetting(architecture_, tr("the architecture"));
    announceModelSetting(latentDim_, tr("d_z"));
    announceModelSetting(hiddenLayers_, tr("the hidden layers"));
    announceModelSetting(activation_, tr("the activation"));
    announceModelSetting(likelihood_, tr("the likelihood"));
    announceModelSetting(binarization_, tr("the binarisation"));
    announceModelSetting(objective_, tr("the objective"));
    announceModelSetting(estimator_, tr("the estimator"));
    announceModelSetting(samples_, tr("the samples L"));
    announceModelSetting(warmupEpochs_, tr("the warm-up"));
    announceModelSetting(optimizer_, tr("the optimiser"));
    announceModelSetting(weightDecay_, tr("the weight decay"));
    announceModelSetting(batchSize_, tr("the batch size"));
    announceModelSetting(seed_, tr("the seed"));
    connect(likelihood_, &QComboBox::currentIndexChanged, this, &TrainingPanel::enableBinarisationForLikelihood);

    const auto announceLiveSettings = [this] {
        if (!showingConfig_)
            Q_EMIT liveSettingsChanged(LiveSettings::of(config()));
    };
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, announceLiveSettings);
    connect(beta_, &QDoubleSpinBox::valueChanged, this, announceLiveSettings);
    connect(epochs_, &QSpinBox::valueChanged, this, announceLiveSettings);
    connect(threads_, &QSpinBox::valueChanged, this, announceLiveSettings);
    setConfig(TrainingConfig{});
}

QWidget* TrainingPanel::modelGroup()
{
    auto* form = new QFormLayout;
    addSetting(
        form, Setting::Architecture, tr("Architecture:"), architecture_, "architecture",
        tr("The networks of the encoder q_φ(z|x) and the decoder p_θ(x|z). MLP: fully connected layers, as in the "
           "paper's experiments (appendix C). Convolutional: strided convolutions, for images whose sides are "
           "multiples of 4."));
    addSetting(
        form, Setting::LatentDim, tr("Latent size d_z:"), latentDim_, "latentDim",
        tr("The dimension J of the latent variable z; the prior is p(z) = N(0, I). With 2 the latent space can be "
           "drawn directly; the paper compares 2 to 200. Changing it builds a new model."));
    addSetting(
        form, Setting::HiddenLayers, tr("Hidden layers:"), hiddenLayers_, "hiddenLayers",
        tr("Widths of the hidden layers of the encoder and of the decoder (mirrored), e.g. 400 or 500,500. The paper "
           "uses one hidden layer of 500 units for MNIST and 200 for the Frey Face data."));
    addSetting(form, Setting::Activation, tr("Activation:"), activation_, "activation",
               tr("The nonlinearity of the hidden layers. The paper's MLPs use tanh; ReLU usually trains faster."));
    addSetting(
        form, Setting::Likelihood, tr("Likelihood p_θ(x|z):"), likelihood_, "likelihood",
        tr("The decoder's distribution of the pixels. Bernoulli: each pixel is a probability (appendix C.1), for "
           "binary or grey data. Gaussian: each pixel has a mean and a learned variance, "
           "log σ² = W h + b (appendix C.2), for real-valued data."));
    addSetting(
        form, Setting::Binarization, tr("Binarisation:"), binarization_, "binarization",
        tr("The targets of a Bernoulli decoder. None: grey levels are used as probabilities. Static: every image is "
           "binarised once. Dynamic: a fresh binary image x ~ Bernoulli(pixels) is drawn at every step, a common "
           "regulariser. Gaussian decoders model grey values and need none."));
    return group(tr("Model"), form, this);
}

QWidget* TrainingPanel::objectiveGroup()
{
    auto* form = new QFormLayout;
    addSetting(
        form, Setting::Objective, tr("Objective:"), objective_, "objective",
        tr("ELBO: the variational lower bound E_q[log p_θ(x|z)] − KL(q_φ(z|x) ‖ p(z)). Prior samples only: "
           "log (1/L) Σ p_θ(x|z_l) with z_l drawn from the prior p(z) instead of q_φ(z|x), the naive objective; with "
           "L = 1 its optimum ignores z, the decoder learns the data's mean image and the latent grid shows "
           "near-identical images. An ablation that shows why the encoder is needed."));
    addSetting(
        form, Setting::Estimator, tr("Estimator:"), estimator_, "estimator",
        tr("How the lower bound L(θ, φ; x) is estimated. B (the paper's eq. 10): the KL divergence from the prior in "
           "closed form, plus a Monte Carlo reconstruction term; lower variance. A (eq. 6): a Monte Carlo estimate of "
           "log p_θ(x, z) − log q_φ(z|x)."));
    addSetting(
        form, Setting::Samples, tr("Samples L:"), samples_, "samples",
        tr("Reparameterised samples z = μ + σ ⊙ ε, ε ~ N(0, I), drawn per data point and step. The paper finds L = 1 "
           "enough when the minibatch is large (M = 100)."));
    addSetting(
        form, Setting::Beta, tr("β (KL weight):"), beta_, "beta",
        tr("The weight on KL(q_φ(z|x) ‖ p(z)) in the objective. 1 trains the true ELBO, a lower bound of log p(x); "
           "other values give a β-VAE, whose objective is no longer a bound. Takes effect between two steps, also "
           "while "
           "training."));
    addSetting(
        form, Setting::WarmupEpochs, tr("KL warm-up:"), warmupEpochs_, "warmupEpochs",
        tr("Epochs over which the KL weight rises linearly from 0 to β (KL annealing), letting the decoder learn "
           "before the posterior is pulled to the prior. 0 trains the full objective from the first step."));
    warmupEpochs_->setSuffix(tr(" epochs"));
    return group(tr("Objective"), form, this);
}

QWidget* TrainingPanel::optimisationGroup()
{
    auto* form = new QFormLayout;
    addSetting(form, Setting::Optimizer, tr("Optimiser:"), optimizer_, "optimizer",
               tr("The stochastic gradient method for θ and φ. The paper uses Adagrad; Adam (Kingma & Ba) is the usual "
                  "choice today."));
    addSetting(
        form, Setting::LearningRate, tr("Learning rate:"), learningRate_, "learningRate",
        tr("The optimiser's step size. The paper picks Adagrad's from {0.01, 0.02, 0.1}; Adam works well near 1e-3. "
           "Takes effect between two steps, also while training."));
    addSetting(
        form, Setting::WeightDecay, tr("Weight decay:"), weightDecay_, "weightDecay",
        tr("An L2 penalty on the weights: a Gaussian prior p(θ) on the parameters, which makes the fit a MAP estimate "
           "(the paper's 'small weight decay term'). 0 turns it off."));
    addSetting(
        form, Setting::BatchSize, tr("Batch size M:"), batchSize_, "batchSize",
        tr("Images per step. Each step estimates the dataset's bound as (N/M) times the sum over the minibatch; the "
           "figures shown are per image. The paper uses M = 100."));
    addSetting(
        form, Setting::Epochs, tr("Epochs:"), epochs_, "epochs",
        tr("Passes over the training set. Raising it lets a finished run go on; it takes effect while training."));
    addSetting(
        form, Setting::Seed, tr("Seed:"), seed_, "seed",
        tr("Seeds the initial weights, the minibatch order, the noise ε and the binarisation: the same seed, settings "
           "and thread count give the same curves."));
    addSetting(form, Setting::Threads, tr("Threads:"), threads_, "threads",
               tr("Compute threads for training and evaluation. Takes effect between two steps. Auto: one per core, "
                  "fewer while other programs keep the cores busy."));
    return group(tr("Optimisation"), form, this);
}

// The object name lets tests and accessibility tools find the control; the label, without its
// colon, names the setting in messages.
void TrainingPanel::addSetting(QFormLayout* form, Setting setting, const QString& label, QWidget* field,
                               const char* objectName, const QString& toolTip)
{
    field->setObjectName(QLatin1String(objectName));
    field->setToolTip(toolTip);
    form->addRow(label, field);
    form->labelForField(field)->setToolTip(toolTip);
    labels_[setting] = label.endsWith(QLatin1Char(':')) ? label.chopped(1) : label;
}

QString TrainingPanel::describe(const SettingProblem& problem) const
{
    const auto label = labels_.find(problem.setting);
    if (label == labels_.end())
        return problem.message(); // no control here (momentum): core's name for it
    return label->second + QLatin1Char(' ') + problem.detail;
}

void TrainingPanel::announceModelSetting(QWidget* control, const QString& setting)
{
    auto announce = [this, setting] {
        if (!showingConfig_)
            Q_EMIT modelSettingChanged(setting);
    };
    if (auto* combo = qobject_cast<QComboBox*>(control))
        connect(combo, &QComboBox::currentIndexChanged, this, announce);
    else if (auto* spinBox = qobject_cast<QSpinBox*>(control))
        connect(spinBox, &QSpinBox::valueChanged, this, announce);
    else if (auto* doubleSpinBox = qobject_cast<QDoubleSpinBox*>(control))
        connect(doubleSpinBox, &QDoubleSpinBox::valueChanged, this, announce);
    else if (auto* edit = qobject_cast<QLineEdit*>(control))
        connect(edit, &QLineEdit::editingFinished, this, announce);
}

void TrainingPanel::enableBinarisationForLikelihood()
{
    const bool bernoulli = comboValue<Likelihood>(likelihood_) == Likelihood::Bernoulli;
    if (!bernoulli) {
        const bool wasShowing = std::exchange(showingConfig_, true);
        setComboValue(binarization_, Binarization::None);
        showingConfig_ = wasShowing;
    }
    binarization_->setEnabled(bernoulli);
}

TrainingConfig TrainingPanel::config() const
{
    TrainingConfig config;
    config.architecture = comboValue<Architecture>(architecture_);
    config.latentDim = latentDim_->value();
    config.hiddenLayers.clear();
    for (const QString& width : hiddenLayers_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        config.hiddenLayers.push_back(width.toInt());
    config.activation = comboValue<Activation>(activation_);
    config.likelihood = comboValue<Likelihood>(likelihood_);
    config.binarization = comboValue<Binarization>(binarization_);
    config.objective = comboValue<TrainingObjective>(objective_);
    config.estimator = comboValue<Estimator>(estimator_);
    config.samples = samples_->value();
    config.beta = beta_->value();
    config.warmupEpochs = warmupEpochs_->value();
    config.optimizer = comboValue<OptimizerKind>(optimizer_);
    config.learningRate = learningRate_->value();
    config.weightDecay = weightDecay_->value();
    config.batchSize = batchSize_->value();
    config.epochs = epochs_->value();
    config.seed = seed_->text().toULongLong();
    config.threads = threads_->value();
    return config;
}

void TrainingPanel::setConfig(const TrainingConfig& config)
{
    const bool wasShowing = std::exchange(showingConfig_, true);
    setComboValue(architecture_, config.architecture);
    latentDim_->setValue(config.latentDim);
    hiddenLayers_->setText(hiddenLayersToString(config.hiddenLayers));
    setComboValue(activation_, config.activation);
    setComboValue(likelihood_, config.likelihood);
    setComboValue(binarization_, config.binarization);
    setComboValue(objective_, config.objective);
    setComboValue(estimator_, config.estimator);
    samples_->setValue(config.samples);
    beta_->setValue(config.beta);
    warmupEpochs_->setValue(config.warmupEpochs);
    setComboValue(optimizer_, config.optimizer);
    learningRate_->setValue(config.learningRate);
    weightDecay_->setValue(config.weightDecay);
    batchSize_->setValue(config.batchSize);
    epochs_->setValue(config.epochs);
    seed_->setText(QString::number(config.seed));
    threads_->setValue(config.threads);
    enableBinarisationForLikelihood();
    showingConfig_ = wasShowing;
}

} // namespace vae
