#include "app/TrainCommand.h"

#include "app/CommandLine.h"
#include "app/InterruptRequest.h"
#include "core/data/DatasetLoader.h"
#include "core/data/InputError.h"
#include "core/engine/EngineRuntime.h"
#include "core/engine/Trainer.h"
#include "core/files/MetricsCsv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

#include <unistd.h>

namespace vae {
namespace {

struct OptionSpec {
    const char* name;
    const char* description;
    const char* valueName;
    const char* defaultValue;
};

const OptionSpec trainOptions[] = {
    {"dataset", "Dataset: a folder, IDX or .npy files, or builtin:shapes.", "D", ""},
    {"out", "Output folder for metrics.csv, steps.csv and model.vae.", "DIR", ""},
    {"resume", "Continue the run stored in this checkpoint.", "FILE", ""},
    {"arch", "Network: mlp or conv.", "mlp|conv", "mlp"},
    {"latent", "Latent size d_z (1 to 512).", "N", "2"},
    {"hidden", "Hidden layer widths, e.g. 400 or 500,500.", "W", "400"},
    {"activation", "Hidden activation: relu or tanh.", "relu|tanh", "relu"},
    {"likelihood", "Decoder p(x|z): bernoulli or gaussian (learned per-pixel variance).", "bernoulli|gaussian",
     "bernoulli"},
    {"binarize", "Bernoulli targets: none (grey), static or dynamic binarisation.", "none|static|dynamic", "none"},
    {"estimator", "ELBO estimator: analytic KL (the paper's B) or mc (A).", "analytic|mc", "analytic"},
    {"samples", "Samples L of z per image.", "L", "1"},
    {"objective", "What to maximise: the ELBO, or prior: log (1/L) sum_l p(x|z_l), z_l drawn from the prior.",
     "elbo|prior", "elbo"},
    {"optimizer", "adam, adagrad (the paper's) or sgd (with momentum 0.9).", "adam|adagrad|sgd", "adam"},
    {"lr", "Learning rate.", "LR", "1e-3"},
    {"weight-decay", "L2 weight decay: a Gaussian prior on the weights (MAP).", "WD", "0"},
    {"beta", "Weight on the KL term (1 gives the ELBO).", "B", "1"},
    {"warmup-epochs", "Raise the KL weight linearly from 0 over this many epochs.", "E", "0"},
    {"batch", "Minibatch size M.", "M", "128"},
    {"epochs", "Epochs to train (the total, when resuming).", "N", "10"},
    {"seed", "Random seed: same seed, settings and threads give the same curves.", "S", "0"},
    {"threads", "Compute threads (default: one per core).", "N", "0"},
};

TrainingConfig configFromOptions(const QCommandLineParser& parser)
{
    TrainingConfig config;
    config.architecture = parseArchitecture(parser.value(QStringLiteral("arch")));
    config.latentDim = intOption(parser, QStringLiteral("latent"));
    config.hiddenLayers = parseHiddenLayers(parser.value(QStringLiteral("hidden")));
    config.activation = parseActivation(parser.value(QStringLiteral("activation")));
    config.likelihood = parseLikelihood(parser.value(QStringLiteral("likelihood")));
    config.binarization = parseBinarization(parser.value(QStringLiteral("binarize")));
    config.estimator = parseEstimator(parser.value(QStringLiteral("estimator")));
    config.samples = intOption(parser, QStringLiteral("samples"));
    config.objective = parseObjective(parser.value(QStringLiteral("objective")));
    config.optimizer = parseOptimizer(parser.value(QStringLiteral("optimizer")));
    config.learningRate = doubleOption(parser, QStringLiteral("lr"));
    config.weightDecay = doubleOption(parser, QStringLiteral("weight-decay"));
    config.beta = doubleOption(parser, QStringLiteral("beta"));
    config.warmupEpochs = doubleOption(parser, QStringLiteral("warmup-epochs"));
    config.batchSize = intOption(parser, QStringLiteral("batch"));
    config.epochs = intOption(parser, QStringLiteral("epochs"));
    bool ok = false;
    config.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        throw InputError(QStringLiteral("--seed: '%1' is not a whole number from 0")
                             .arg(parser.value(QStringLiteral("seed")))
                             .toStdString());
    config.threads = intOption(parser, QStringLiteral("threads"));
    if (const QString problem = config.validate(); !problem.isEmpty())
        throw InputError(problem.toStdString());
    return config;
}

// A resumed run keeps its stored settings; only these may change.
void applyResumeOverrides(const QCommandLineParser& parser, Trainer& trainer)
{
    if (parser.isSet(QStringLiteral("epochs")))
        trainer.setEpochs(intOption(parser, QStringLiteral("epochs")));
    if (parser.isSet(QStringLiteral("lr")))
        trainer.setLearningRate(doubleOption(parser, QStringLiteral("lr")));
    if (parser.isSet(QStringLiteral("beta")))
        trainer.setBeta(doubleOption(parser, QStringLiteral("beta")));
    if (parser.isSet(QStringLiteral("threads")))
        trainer.setThreads(intOption(parser, QStringLiteral("threads")));
}

class ProgressPrinter {
public:
    explicit ProgressPrinter(const Trainer& trainer)
        : trainer_(trainer)
        , live_(isatty(STDERR_FILENO))
    {
        sinceUpdate_.start();
    }

    void step(const StepMetrics& metrics)
    {
        if (!live_ || sinceUpdate_.elapsed() < 250)
            return;
        sinceUpdate_.restart();
        QTextStream(stderr) << QStringLiteral("\repoch %1/%2  step %3  elbo %4  reconstruction %5  kl %6   ")
                                   .arg(metrics.epoch + 1)
                                   .arg(trainer_.config().epochs)
                                   .arg(metrics.step)
                                   .arg(double(metrics.elbo), 0, 'f', 2)
                                   .arg(double(metrics.reconstruction), 0, 'f', 2)
                                   .arg(double(metrics.kl), 0, 'f', 2);
    }

    void epoch(const EpochMetrics& metrics)
    {
        QTextStream(stderr)
            << (live_ ? "\r" : "")
            << QStringLiteral(
                   "epoch %1/%2: train elbo %3, test elbo %4 (reconstruction %5, kl %6), %7 images/s, %8 s\n")
                   .arg(metrics.epoch)
                   .arg(trainer_.config().epochs)
                   .arg(metrics.elbo, 0, 'f', 2)
                   .arg(metrics.testElbo, 0, 'f', 2)
                   .arg(metrics.testReconstruction, 0, 'f', 2)
                   .arg(metrics.testKl, 0, 'f', 2)
                   .arg(metrics.imagesPerSecond, 0, 'f', 0)
                   .arg(metrics.seconds, 0, 'f', 1);
    }

private:
    const Trainer& trainer_;
    bool live_;
    QElapsedTimer sinceUpdate_;
};

void writeOutputs(const Trainer& trainer, const QDir& out)
{
    trainer.saveCheckpoint(out.filePath(QStringLiteral("model.vae")));
    writeEpochsCsv(out.filePath(QStringLiteral("metrics.csv")), trainer.history());
    writeStepsCsv(out.filePath(QStringLiteral("steps.csv")), trainer.history());
}

int train(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("out")))
        throw InputError("train: --out DIR is required");
    const QString outPath = parser.value(QStringLiteral("out"));
    if (!QDir().mkpath(outPath))
        throw InputError(QStringLiteral("%1: cannot create the output folder").arg(outPath).toStdString());
    const QDir out(outPath);

    std::unique_ptr<Trainer> trainer;
    if (parser.isSet(QStringLiteral("resume"))) {
        const QString checkpoint = parser.value(QStringLiteral("resume"));
        trainer = Trainer::fromCheckpoint(checkpoint,
                                          loadCheckpointDataset(checkpoint, parser.value(QStringLiteral("dataset"))));
        applyResumeOverrides(parser, *trainer);
    } else {
        if (!parser.isSet(QStringLiteral("dataset")))
            throw InputError("train: --dataset D is required (a folder, IDX or .npy files, or builtin:shapes)");
        const TrainingConfig config = configFromOptions(parser);
        trainer = std::make_unique<Trainer>(
            config, std::make_shared<const Dataset>(loadDataset(parser.value(QStringLiteral("dataset")))));
    }

    const BlasInfo blas = detectBlas();
    if (blas.isReference)
        printError(
            QStringLiteral("warning: LibTorch is using the reference BLAS (%1), training will be about 13x slower; "
                           "install libopenblas0-openmp")
                .arg(blas.library));

    bool interrupted = false;
    {
        const InterruptRequest interrupt;
        trainer->setInterruptCheck([&interrupt] { return interrupt.requested(); });
        ProgressPrinter progress(*trainer);
        try {
            while (!trainer->finished() && !interrupt.requested()) {
                if (!trainer->atEpochEnd())
                    progress.step(trainer->trainStep());
                if (trainer->atEpochEnd()) {
                    progress.epoch(trainer->finishEpoch());
                    writeOutputs(*trainer, out);
                }
            }
        } catch (const EvaluationInterrupted&) {
            // Saved below with the epoch's evaluation still pending: --resume runs it first.
        }
        interrupted = interrupt.requested();
        trainer->setInterruptCheck({});
    }
    if (interrupted) {
        writeOutputs(*trainer, out);
        printError(QStringLiteral("interrupted after step %1; saved %2")
                       .arg(trainer->completedSteps())
                       .arg(out.filePath(QStringLiteral("model.vae"))));
        return ExitInterrupted;
    }
    return ExitOk;
}

} // namespace

int runTrainCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Trains a VAE headless and writes metrics.csv, steps.csv and model.vae."));
    for (const OptionSpec& option : trainOptions)
        parser.addOption(QCommandLineOption(QString::fromLatin1(option.name), QString::fromLatin1(option.description),
                                            QString::fromLatin1(option.valueName),
                                            QString::fromLatin1(option.defaultValue)));
    int exitCode = ExitOk;
    if (!parseCommandLine(parser, arguments, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("train: unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return ExitBadInput;
    }
    return runGuarded([&parser] { return train(parser); });
}

} // namespace vae
