#include "app/TrainCommand.h"

#include "app/CommandLine.h"
#include "app/DatasetFlags.h"
#include "app/SettingOptions.h"
#include "app/TerminationSignals.h"
#include "app/TrainingOptions.h"
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

QList<QCommandLineOption> trainOptions()
{
    return QList<QCommandLineOption>{
               {QStringLiteral("dataset"),
                QStringLiteral("Dataset: a folder (IDX files, CIFAR batches or one subfolder of images per class), "
                               "IDX or .npy files, a .npz archive, or builtin:shapes."),
                QStringLiteral("D")},
               {QStringLiteral("out"), QStringLiteral("Output folder for metrics.csv, steps.csv and model.vae."),
                QStringLiteral("DIR")},
               {QStringLiteral("resume"), QStringLiteral("Continue the run stored in this checkpoint."),
                QStringLiteral("FILE")},
           } +
        settingOptions() + datasetReadingOptions();
}

// A resumed run keeps its stored settings; only these may change.
void applyResumeOverrides(const QCommandLineParser& parser, Trainer& trainer)
{
    LiveSettings settings = LiveSettings::of(trainer.config());
    if (parser.isSet(settingOption(Setting::Epochs)))
        settings.epochs = intSetting(parser, Setting::Epochs);
    if (parser.isSet(settingOption(Setting::LearningRate)))
        settings.learningRate = doubleSetting(parser, Setting::LearningRate);
    if (parser.isSet(settingOption(Setting::Beta)))
        settings.beta = doubleSetting(parser, Setting::Beta);
    if (parser.isSet(settingOption(Setting::Threads)))
        settings.threads = intSetting(parser, Setting::Threads);
    trainer.applyLiveSettings(settings);
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

// Trains until the run is done or SIGINT or SIGTERM asks it to stop; true when asked. The signals
// have their usual effect again on return, so a second Ctrl+C during the final save still works.
bool trainUntilDoneOrInterrupted(Trainer& trainer, const QDir& out)
{
    const InterruptFlag interrupt;
    trainer.setInterruptCheck([&interrupt] { return interrupt.isRaised(); });
    ProgressPrinter progress(trainer);
    try {
        while (!trainer.finished() && !interrupt.isRaised()) {
            const Trainer::Progress advanced = trainer.advance();
            if (advanced.step)
                progress.step(*advanced.step);
            if (advanced.epoch) {
                progress.epoch(*advanced.epoch);
                writeOutputs(trainer, out);
            }
        }
    } catch (const EvaluationInterrupted&) {
        // The caller saves with the epoch's evaluation still pending: --resume runs it first.
    }
    trainer.setInterruptCheck({});
    return interrupt.isRaised();
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
        if (anyDatasetReadingOptionSet(parser))
            throw InputError("train --resume: the images are read as the checkpoint says; --color, --image-size and "
                             "--background cannot change them");
        const QString checkpoint = parser.value(QStringLiteral("resume"));
        const QString dataset = parser.value(QStringLiteral("dataset"));
        trainer = Trainer::fromCheckpoint(checkpoint, loadShowingProgress([&](const LoadProgress& progress) {
                                              return loadCheckpointDataset(checkpoint, dataset, progress);
                                          }));
        applyResumeOverrides(parser, *trainer);
    } else {
        if (!parser.isSet(QStringLiteral("dataset")))
            throw InputError("train: --dataset D is required (a folder, IDX or .npy files, a .npz archive, or "
                             "builtin:shapes)");
        const TrainingConfig config = configFromOptions(parser);
        const DatasetOptions options = datasetOptionsFrom(parser);
        const QString spec = parser.value(QStringLiteral("dataset"));
        const std::shared_ptr<const Dataset> dataset = loadShowingProgress([&](const LoadProgress& progress) {
            return std::make_shared<const Dataset>(loadDataset(spec, options, progress));
        });
        trainer = std::make_unique<Trainer>(configForDataset(config, parser, *dataset), dataset);
    }

    if (const QString warning = slowBlasWarning(detectBlas()); !warning.isEmpty())
        printError(QStringLiteral("warning: ") + warning);

    if (trainUntilDoneOrInterrupted(*trainer, out)) {
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
    parser.addOptions(trainOptions());
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
