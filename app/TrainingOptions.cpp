#include "app/TrainingOptions.h"

#include "app/CommandLine.h"
#include "app/SettingOptions.h"
#include "core/run/ColourDefaults.h"

namespace vae {
namespace {

QString textOf(const QCommandLineParser& parser, Setting setting)
{
    return parser.value(settingOption(setting));
}

std::uint64_t seedOf(const QCommandLineParser& parser)
{
    bool ok = false;
    const std::uint64_t seed = textOf(parser, Setting::Seed).toULongLong(&ok);
    if (!ok)
        throw SettingError(
            {Setting::Seed, QStringLiteral("'%1' is not a whole number from 0").arg(textOf(parser, Setting::Seed))});
    return seed;
}

} // namespace

QList<QCommandLineOption> settingOptions()
{
    // A setting's option takes its name from settingOption(), the name its errors give.
    return {
        {settingOption(Setting::Architecture), QStringLiteral("Network: mlp or conv."), QStringLiteral("mlp|conv"),
         QStringLiteral("mlp")},
        {settingOption(Setting::LatentDim), QStringLiteral("Latent size d_z (1 to 512)."), QStringLiteral("N"),
         QStringLiteral("2")},
        {settingOption(Setting::HiddenLayers), QStringLiteral("Hidden layer widths, e.g. 400 or 500,500."),
         QStringLiteral("W"), QStringLiteral("400")},
        {settingOption(Setting::Activation), QStringLiteral("Hidden activation: relu or tanh."),
         QStringLiteral("relu|tanh"), QStringLiteral("relu")},
        {settingOption(Setting::Likelihood),
         QStringLiteral("Decoder p(x|z): bernoulli or gaussian (learned per-pixel variance)."),
         QStringLiteral("bernoulli|gaussian"), QStringLiteral("bernoulli")},
        {settingOption(Setting::Binarization),
         QStringLiteral("Bernoulli targets: none (grey), static or dynamic binarisation."),
         QStringLiteral("none|static|dynamic"), QStringLiteral("none")},
        {settingOption(Setting::Estimator), QStringLiteral("ELBO estimator: analytic KL (the paper's B) or mc (A)."),
         QStringLiteral("analytic|mc"), QStringLiteral("analytic")},
        {settingOption(Setting::Samples), QStringLiteral("Samples L of z per image."), QStringLiteral("L"),
         QStringLiteral("1")},
        {settingOption(Setting::Objective),
         QStringLiteral("What to maximise: the ELBO, or prior: log (1/L) sum_l p(x|z_l), z_l drawn from the prior."),
         QStringLiteral("elbo|prior"), QStringLiteral("elbo")},
        {settingOption(Setting::Optimizer), QStringLiteral("adam, adagrad (the paper's) or sgd (with momentum 0.9)."),
         QStringLiteral("adam|adagrad|sgd"), QStringLiteral("adam")},
        {settingOption(Setting::LearningRate), QStringLiteral("Learning rate."), QStringLiteral("LR"),
         QStringLiteral("1e-3")},
        {settingOption(Setting::WeightDecay), QStringLiteral("L2 weight decay: a Gaussian prior on the weights (MAP)."),
         QStringLiteral("WD"), QStringLiteral("0")},
        {settingOption(Setting::Beta), QStringLiteral("Weight on the KL term (1 gives the ELBO)."), QStringLiteral("B"),
         QStringLiteral("1")},
        {settingOption(Setting::WarmupEpochs),
         QStringLiteral("Raise the KL weight linearly from 0 over this many epochs."), QStringLiteral("E"),
         QStringLiteral("0")},
        {settingOption(Setting::BatchSize), QStringLiteral("Minibatch size M."), QStringLiteral("M"),
         QStringLiteral("128")},
        {settingOption(Setting::Epochs), QStringLiteral("Epochs to train (the total, when resuming)."),
         QStringLiteral("N"), QStringLiteral("10")},
        {settingOption(Setting::Seed),
         QStringLiteral("Random seed: same seed, settings and a fixed --threads give the same curves."),
         QStringLiteral("S"), QStringLiteral("0")},
        {settingOption(Setting::Threads),
         QStringLiteral("Compute threads (default 0: one per core, fewer while other programs are busy)."),
         QStringLiteral("N"), QStringLiteral("0")},
    };
}

int intSetting(const QCommandLineParser& parser, Setting setting)
{
    return intOption(parser, settingOption(setting));
}

double doubleSetting(const QCommandLineParser& parser, Setting setting)
{
    return doubleOption(parser, settingOption(setting));
}

TrainingConfig configFromOptions(const QCommandLineParser& parser)
{
    TrainingConfig config;
    config.architecture = parseArchitecture(textOf(parser, Setting::Architecture));
    config.latentDim = intSetting(parser, Setting::LatentDim);
    config.hiddenLayers = parseHiddenLayers(textOf(parser, Setting::HiddenLayers));
    config.activation = parseActivation(textOf(parser, Setting::Activation));
    config.likelihood = parseLikelihood(textOf(parser, Setting::Likelihood));
    config.binarization = parseBinarization(textOf(parser, Setting::Binarization));
    config.estimator = parseEstimator(textOf(parser, Setting::Estimator));
    config.samples = intSetting(parser, Setting::Samples);
    config.objective = parseObjective(textOf(parser, Setting::Objective));
    config.optimizer = parseOptimizer(textOf(parser, Setting::Optimizer));
    config.learningRate = doubleSetting(parser, Setting::LearningRate);
    config.weightDecay = doubleSetting(parser, Setting::WeightDecay);
    config.beta = doubleSetting(parser, Setting::Beta);
    config.warmupEpochs = doubleSetting(parser, Setting::WarmupEpochs);
    config.batchSize = intSetting(parser, Setting::BatchSize);
    config.epochs = intSetting(parser, Setting::Epochs);
    config.seed = seedOf(parser);
    config.threads = intSetting(parser, Setting::Threads);
    // Before the dataset loads, so a mistyped setting is reported at once.
    if (const std::optional<SettingProblem> problem = config.validate())
        throw SettingError(*problem);
    return config;
}

TrainingConfig configForDataset(TrainingConfig config, const QCommandLineParser& parser, const Dataset& dataset)
{
    const QList<Setting> changed =
        adaptToColourImages(config, dataset.channels(), dataset.height(), dataset.width(),
                            [&parser](Setting setting) { return parser.isSet(settingOption(setting)); });
    if (changed.isEmpty())
        return config;
    QStringList given;
    for (const Setting setting : changed) {
        const QString value = setting == Setting::Architecture ? toString(config.architecture)
            : setting == Setting::LatentDim                    ? QString::number(config.latentDim)
                                                               : QString::number(config.batchSize);
        given.append(QStringLiteral("--%1 %2").arg(settingOption(setting), value));
    }
    printError(QStringLiteral("colour images: training with %1 (give these options to choose otherwise)")
                   .arg(given.join(QLatin1Char(' '))));
    return config;
}

} // namespace vae
