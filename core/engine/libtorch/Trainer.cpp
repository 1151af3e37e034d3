#include "core/engine/Trainer.h"
#include "core/engine/EngineRuntime.h"

#include "core/data/InputError.h"
#include "core/engine/IdleCores.h"
#include "core/engine/libtorch/FusedAdam.h"
#include "core/engine/libtorch/Objective.h"
#include "core/engine/libtorch/SnapshotNetwork.h"
#include "core/engine/libtorch/TrainerState.h"

#include <cmath>

namespace vae {
namespace {

constexpr std::uint64_t evaluationSeed = 0x6576616c; // fixed, so a model's test figures are reproducible
constexpr int64_t evaluationBatch = 1000;

std::shared_ptr<const Dataset> checkedDataset(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset)
{
    if (!dataset || dataset->train.count() == 0 || dataset->test.count() == 0)
        throw InputError("dataset: the training and the test split must both hold images");
    if (const std::optional<SettingProblem> problem = config.validate())
        throw SettingError(*problem);
    if (const std::optional<SettingProblem> problem =
            config.validateFor(dataset->channels(), dataset->height(), dataset->width()))
        throw SettingError(*problem);
    return dataset;
}

ComputeThreadTuner autoThreadTuner(const TrainingConfig& config)
{
    auto meter = std::make_shared<IdleCoreMeter>();
    return ComputeThreadTuner(config.effectiveThreads(),
                              {[meter] { return meter->idleCoresSinceLastCall(); }, [meter] { meter->restart(); }});
}

} // namespace

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingConfig& config,
                                                       std::vector<torch::Tensor> parameters)
{
    switch (config.optimizer) {
    case OptimizerKind::Adagrad:
        return std::make_unique<torch::optim::Adagrad>(
            std::move(parameters), torch::optim::AdagradOptions(config.learningRate).weight_decay(config.weightDecay));
    case OptimizerKind::Sgd:
        return std::make_unique<torch::optim::SGD>(
            std::move(parameters),
            torch::optim::SGDOptions(config.learningRate).momentum(config.momentum).weight_decay(config.weightDecay));
    case OptimizerKind::Adam:
        break;
    }
    return std::make_unique<FusedAdam>(std::move(parameters),
                                       torch::optim::AdamOptions(config.learningRate).weight_decay(config.weightDecay));
}

TrainerState::TrainerState(const TrainingConfig& config_, std::shared_ptr<const Dataset> dataset_)
    : config(config_)
    , dataset(checkedDataset(config_, std::move(dataset_)))
    , train(dataset->train, config.binarization, false, binarizationSeed(config))
    , test(testSource(dataset->test, config))
    , generator(at::make_generator<at::CPUGeneratorImpl>(config.seed))
{
    // Parameter initialisation draws from LibTorch's global generator.
    torch::manual_seed(config.seed);
    network = VaeNetwork(config, dataset->channels(), dataset->height(), dataset->width());
    optimizer = makeOptimizer(config, network->parameters());
    gradientStep = makeGradientStep(config, network);
    if (config.threads == 0)
        threadTuner = autoThreadTuner(config);
}

int TrainerState::stepsPerEpoch() const
{
    return int((train.count() + config.batchSize - 1) / config.batchSize);
}

double TrainerState::klWeight() const
{
    if (config.warmupEpochs <= 0)
        return config.beta;
    const double progress = completedEpochs + double(position) / double(train.count());
    return config.beta * std::min(1.0, progress / config.warmupEpochs);
}

int TrainerState::stepThreads() const
{
    return threadTuner ? threadTuner->threads() : config.effectiveThreads();
}

int TrainerState::evaluationThreads() const
{
    return threadTuner ? threadTuner->keptThreads() : config.effectiveThreads();
}

void TrainerState::replaceConfig(const TrainingConfig& changed)
{
    if (const std::optional<SettingProblem> problem = changed.validate())
        throw SettingError(*problem);
    // An explicit count is the user's choice and is honoured as it is.
    if (changed.threads != 0)
        threadTuner.reset();
    else if (!threadTuner)
        threadTuner = autoThreadTuner(changed);
    config = changed;
}

Trainer::Trainer(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset)
    : impl_(std::make_unique<TrainerState>(config, std::move(dataset)))
{
}

Trainer::Trainer(std::unique_ptr<TrainerState> impl)
    : impl_(std::move(impl))
{
}

Trainer::~Trainer() = default;

const TrainingConfig& Trainer::config() const
{
    return impl_->config;
}
const Dataset& Trainer::dataset() const
{
    return *impl_->dataset;
}
const MetricHistory& Trainer::history() const
{
    return impl_->history;
}
int Trainer::completedEpochs() const
{
    return impl_->completedEpochs;
}
std::int64_t Trainer::completedSteps() const
{
    return impl_->completedSteps;
}
int Trainer::stepsPerEpoch() const
{
    return impl_->stepsPerEpoch();
}
bool Trainer::finished() const
{
    return impl_->completedEpochs >= impl_->config.epochs && !impl_->epochEndPending;
}
bool Trainer::atEpochEnd() const
{
    return impl_->epochEndPending;
}
double Trainer::currentKlWeight() const
{
    return impl_->klWeight();
}

void Trainer::applyLiveSettings(const LiveSettings& settings)
{
    impl_->replaceConfig(settings.appliedTo(impl_->config));
    for (auto& group : impl_->optimizer->param_groups())
        group.options().set_lr(settings.learningRate);
}

Trainer::Progress Trainer::advance()
{
    Progress progress;
    if (!atEpochEnd())
        progress.step = trainStep();
    if (atEpochEnd())
        progress.epoch = finishEpoch();
    return progress;
}

StepMetrics Trainer::trainStep()
{
    TrainerState& d = *impl_;
    if (d.epochEndPending)
        finishEpoch();
    // The thread count is per thread under OpenMP, and the window trains on a thread of its own.
    setComputeThreads(d.stepThreads());
    const auto started = std::chrono::steady_clock::now();
    if (d.position == 0) {
        d.permutation = at::randperm(d.train.count(), d.generator, torch::kLong);
        d.epoch = EpochAccumulator{};
    }
    const int64_t end = std::min<int64_t>(d.position + d.config.batchSize, d.train.count());
    const torch::Tensor rows = d.permutation.slice(0, d.position, end);
    const torch::Tensor images = d.train.images(rows);
    const torch::Tensor targets = d.train.targets(rows, images, d.generator);

    const BatchTerms terms = d.gradientStep->compute(images, targets, d.klWeight(), d.generator);
    if (!std::isfinite(terms.reconstruction) || !std::isfinite(terms.kl))
        throw std::runtime_error(QStringLiteral("training diverged at step %1 (reconstruction %2, KL %3): "
                                                "lower the learning rate or reset the model")
                                     .arg(d.completedSteps + 1)
                                     .arg(double(terms.reconstruction))
                                     .arg(double(terms.kl))
                                     .toStdString());
    d.optimizer->step();

    const StepMetrics metrics{d.completedSteps + 1, d.completedEpochs, terms.reconstruction - terms.kl,
                              terms.reconstruction, terms.kl};
    d.history.steps.push_back(metrics);
    ++d.completedSteps;
    d.position = end;
    d.epoch.elbo += metrics.elbo;
    d.epoch.reconstruction += metrics.reconstruction;
    d.epoch.kl += metrics.kl;
    d.epoch.steps += 1;
    d.epoch.images += rows.size(0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    d.epoch.trainSeconds += seconds;
    if (d.threadTuner)
        d.threadTuner->recordStep(seconds, int(rows.size(0)));
    if (d.position >= d.train.count()) {
        d.position = 0;
        d.epochEndPending = true;
    }
    return metrics;
}

EpochMetrics Trainer::finishEpoch()
{
    TrainerState& d = *impl_;
    const Evaluation evaluation = evaluateTest();
    const int steps = std::max(1, d.epoch.steps);
    EpochMetrics metrics;
    metrics.epoch = d.completedEpochs + 1;
    metrics.step = d.completedSteps;
    metrics.elbo = d.epoch.elbo / steps;
    metrics.reconstruction = d.epoch.reconstruction / steps;
    metrics.kl = d.epoch.kl / steps;
    metrics.testElbo = evaluation.elbo;
    metrics.testReconstruction = evaluation.reconstruction;
    metrics.testKl = evaluation.kl;
    metrics.imagesPerSecond = d.epoch.trainSeconds > 0 ? double(d.epoch.images) / d.epoch.trainSeconds : 0.0;
    metrics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - d.epoch.started).count();
    d.history.epochs.push_back(metrics);
    d.completedEpochs += 1;
    d.epochEndPending = false;
    return metrics;
}

void Trainer::setInterruptCheck(std::function<bool()> shouldInterrupt)
{
    impl_->shouldInterrupt = std::move(shouldInterrupt);
}

std::shared_ptr<const ModelSnapshot> Trainer::snapshot() const
{
    const TrainerState& d = *impl_;
    return std::make_shared<const ModelSnapshot>(copyNetwork(
        d.network, d.config, d.dataset->channels(), d.dataset->height(), d.dataset->width(), d.completedSteps));
}

Evaluation Trainer::evaluateTest()
{
    TrainerState& d = *impl_;
    setComputeThreads(d.evaluationThreads());
    torch::NoGradGuard noGrad;
    torch::Generator generator = at::make_generator<at::CPUGeneratorImpl>(evaluationSeed);
    double reconstructionSum = 0;
    double klSum = 0;
    const int64_t count = d.test.count();
    for (int64_t first = 0; first < count; first += evaluationBatch) {
        if (d.shouldInterrupt && d.shouldInterrupt())
            throw EvaluationInterrupted("the test evaluation was interrupted");
        const torch::Tensor rows = torch::arange(first, std::min(first + evaluationBatch, count), torch::kLong);
        const torch::Tensor images = d.test.images(rows);
        const torch::Tensor targets = d.test.targets(rows, images, generator);
        const ElboTerms terms = objectiveTerms(*d.network, images, targets, d.config, generator);
        reconstructionSum += terms.reconstruction.sum(torch::kDouble).item<double>();
        klSum += terms.kl.sum(torch::kDouble).item<double>();
    }
    Evaluation evaluation;
    evaluation.images = int(count);
    evaluation.reconstruction = reconstructionSum / double(count);
    evaluation.kl = klSum / double(count);
    evaluation.elbo = evaluation.reconstruction - evaluation.kl;
    evaluation.bitsPerDim = -evaluation.elbo / (double(d.dataset->imageSize()) * std::log(2.0));
    return evaluation;
}

} // namespace vae
