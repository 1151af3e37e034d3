#include "app/EvalCommand.h"

#include "app/CommandLine.h"
#include "app/DatasetFlags.h"
#include "app/EstimateProgress.h"
#include "app/EvalReport.h"
#include "app/SettingOptions.h"
#include "app/TerminationSignals.h"
#include "core/data/InputError.h"
#include "core/decode/LatentCodes.h"
#include "core/engine/EngineRuntime.h"
#include "core/engine/MarginalLikelihood.h"
#include "core/engine/QuadratureLikelihood.h"

#include <QJsonDocument>
#include <QTextStream>

namespace vae {
namespace {

const std::vector<int> gradientSampleCounts{1, 2, 5, 10, 50};
constexpr int gradientDraws = 100;
constexpr int gradientImages = 100;

// The dataset with only its first `count` test images, so that every figure covers the same images.
std::shared_ptr<const Dataset> withFirstTestImages(const Dataset& dataset, int count)
{
    if (count < 1 || count > dataset.test.count())
        throw InputError(QStringLiteral("--images %1 is out of range (1 to the %2 test images)")
                             .arg(count)
                             .arg(dataset.test.count())
                             .toStdString());
    auto copy = std::make_shared<Dataset>(dataset);
    copy->test.pixels.resize(std::size_t(count) * std::size_t(dataset.test.imageSize()));
    if (copy->test.hasLabels())
        copy->test.labels.resize(std::size_t(count));
    return copy;
}

int importanceSamplesOption(const QCommandLineParser& parser)
{
    const int samples = intOption(parser, QStringLiteral("iw-samples"));
    if (samples < 1 || samples > maximumImportanceSamples)
        throw InputError(QStringLiteral("--iw-samples %1 is out of range (1 to %2)")
                             .arg(samples)
                             .arg(maximumImportanceSamples)
                             .toStdString());
    return samples;
}

std::uint64_t seedOption(const QCommandLineParser& parser)
{
    bool ok = false;
    const std::uint64_t seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        throw InputError(QStringLiteral("--seed: '%1' is not a whole number from 0")
                             .arg(parser.value(QStringLiteral("seed")))
                             .toStdString());
    return seed;
}

// Runs one estimate with a progress line, stopping when asked.
template <typename Estimate>
auto withProgress(const QString& what, const QString& unit, const InterruptFlag& interrupt, Estimate estimate)
{
    EstimateProgress progress(what, unit);
    EstimateControl control;
    control.progress = [&progress](int done, int total) { progress.update(done, total); };
    control.shouldInterrupt = [&interrupt] { return interrupt.isRaised(); };
    return estimate(control);
}

EvalFigures measure(const QCommandLineParser& parser, Trainer& trainer, const InterruptFlag& interrupt)
{
    const int importanceSamples = parser.isSet(QStringLiteral("iw-samples")) ? importanceSamplesOption(parser) : 0;
    const std::uint64_t seed = seedOption(parser);
    const auto snapshot = trainer.snapshot();
    if (parser.isSet(QStringLiteral("quadrature")) && snapshot->latentDim() != 2)
        throw InputError(QStringLiteral("--quadrature needs a model with a 2-d latent space; this one has d_z = %1")
                             .arg(snapshot->latentDim())
                             .toStdString());
    const ImageSet& test = trainer.dataset().test;

    EvalFigures figures;
    figures.evaluation = trainer.evaluateTest();
    figures.latentDim = snapshot->latentDim();
    const LatentCodes codes = encodeImageSet(*snapshot, test);
    figures.klPerDimension = klPerDimension(codes);
    figures.activeUnits = activeUnits(codes);
    if (importanceSamples > 0) {
        figures.importanceSamples = importanceSamples;
        figures.importanceSampled = withProgress(
            QStringLiteral("importance sampling, K = %1").arg(importanceSamples), QStringLiteral("images"), interrupt,
            [&](const EstimateControl& control) {
                return importanceSampledLogLikelihood(*snapshot, test, importanceSamples, test.count(), seed, control);
            });
    }
    if (parser.isSet(QStringLiteral("quadrature")))
        figures.quadrature = withProgress(QStringLiteral("quadrature"), QStringLiteral("images"), interrupt,
                                          [&](const EstimateControl& control) {
                                              return quadratureLogLikelihoods(*snapshot, test, test.count(), control);
                                          });
    if (parser.isSet(QStringLiteral("gradient-variance"))) {
        figures.gradientImages = std::min(gradientImages, test.count());
        figures.gradientDraws = gradientDraws;
        figures.gradientVariance =
            withProgress(QStringLiteral("gradient variance"), QStringLiteral("draws"), interrupt,
                         [&](const EstimateControl& control) {
                             return encoderGradientVariance(*snapshot, test, figures.gradientImages, gradientDraws,
                                                            gradientSampleCounts, seed, control);
                         });
    }
    return figures;
}

int evaluate(const QCommandLineParser& parser)
{
    // From the start, so that Ctrl+C while the data loads still ends with a clean exit 130.
    const InterruptFlag interrupt;
    if (parser.isSet(QStringLiteral("iw-samples")))
        importanceSamplesOption(parser); // a bad K is reported before minutes of loading and evaluating
    const QString path = parser.positionalArguments().constFirst();
    const QString datasetSpec = parser.value(QStringLiteral("dataset"));
    std::shared_ptr<const Dataset> dataset = loadShowingProgress(
        [&](const LoadProgress& progress) { return loadCheckpointDataset(path, datasetSpec, progress); });
    if (parser.isSet(QStringLiteral("images")))
        dataset = withFirstTestImages(*dataset, intOption(parser, QStringLiteral("images")));
    auto trainer = Trainer::fromCheckpoint(path, dataset);
    LiveSettings settings = LiveSettings::of(trainer->config());
    settings.threads = intOption(parser, settingOption(Setting::Threads));
    trainer->applyLiveSettings(settings);
    // The estimates run on this thread with its own thread count.
    setComputeThreads(trainer->config().effectiveThreads());
    trainer->setInterruptCheck([&interrupt] { return interrupt.isRaised(); });
    try {
        const EvalFigures figures = measure(parser, *trainer, interrupt);
        if (parser.isSet(QStringLiteral("json")))
            QTextStream(stdout) << QJsonDocument(evalJson(figures, *trainer)).toJson(QJsonDocument::Compact) << '\n';
        else
            printEvalText(figures, *trainer);
    } catch (const EvaluationInterrupted&) {
        printError(QStringLiteral("eval: interrupted"));
        return ExitInterrupted;
    }
    return ExitOk;
}

} // namespace

int runEvalCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints the test-set ELBO, reconstruction, KL (nats per image), bits/dim, the KL per latent dimension and "
        "the active units of a checkpoint, and on request estimates of log p(x) itself and of the encoder "
        "gradient's variance."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .vae checkpoint."));
    parser.addOption({QStringLiteral("dataset"),
                      QStringLiteral("Evaluate on this dataset instead of the checkpoint's."), QStringLiteral("D")});
    parser.addOption({QStringLiteral("images"), QStringLiteral("Evaluate the first N test images (default: all)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("iw-samples"),
                      QStringLiteral("Estimate log p(x) by importance sampling with K samples per image (the IWAE "
                                     "bound; 1 to %1).")
                          .arg(maximumImportanceSamples),
                      QStringLiteral("K")});
    parser.addOption({QStringLiteral("quadrature"),
                      QStringLiteral("Compute log p(x) by quadrature on a latent grid (2-d latent spaces only).")});
    parser.addOption({QStringLiteral("gradient-variance"),
                      QStringLiteral("Variance of the encoder's gradient under the analytic-KL, Monte Carlo KL and "
                                     "score-function estimators for L = 1, 2, 5, 10, 50 (%1 draws on the first %2 "
                                     "images).")
                          .arg(gradientDraws)
                          .arg(gradientImages)});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the estimates' random draws."),
                      QStringLiteral("S"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout.")});
    parser.addOption({settingOption(Setting::Threads), QStringLiteral("Compute threads (default: one per core)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    int exitCode = ExitOk;
    if (!parseCommandLine(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("eval: give exactly one checkpoint FILE (see eval --help)"));
        return ExitBadInput;
    }
    return runGuarded([&parser] { return evaluate(parser); });
}

} // namespace vae
