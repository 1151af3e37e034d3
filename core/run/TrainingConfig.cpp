#include "core/run/TrainingConfig.h"

#include "core/data/InputError.h"

#include <QJsonArray>
#include <QThread>

#include <array>
#include <cmath>
#include <utility>

namespace vae {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char*>, N>;

constexpr NameTable<Architecture, 2> architectureNames{{{Architecture::Mlp, "mlp"}, {Architecture::Conv, "conv"}}};
constexpr NameTable<Activation, 2> activationNames{{{Activation::Relu, "relu"}, {Activation::Tanh, "tanh"}}};
constexpr NameTable<Likelihood, 2> likelihoodNames{
    {{Likelihood::Bernoulli, "bernoulli"}, {Likelihood::Gaussian, "gaussian"}}};
constexpr NameTable<Binarization, 3> binarizationNames{
    {{Binarization::None, "none"}, {Binarization::Static, "static"}, {Binarization::Dynamic, "dynamic"}}};
constexpr NameTable<Estimator, 2> estimatorNames{{{Estimator::Analytic, "analytic"}, {Estimator::MonteCarlo, "mc"}}};
constexpr NameTable<OptimizerKind, 3> optimizerNames{
    {{OptimizerKind::Adam, "adam"}, {OptimizerKind::Adagrad, "adagrad"}, {OptimizerKind::Sgd, "sgd"}}};
constexpr NameTable<TrainingObjective, 2> objectiveNames{
    {{TrainingObjective::Elbo, "elbo"}, {TrainingObjective::Prior, "prior"}}};

template <typename Enum, std::size_t N>
QString nameOf(const NameTable<Enum, N>& table, Enum value)
{
    for (const auto& [candidate, name] : table)
        if (candidate == value)
            return QString::fromLatin1(name);
    return QStringLiteral("?");
}

template <typename Enum, std::size_t N>
Enum parseName(const NameTable<Enum, N>& table, const QString& text, Setting setting)
{
    QStringList names;
    for (const auto& [value, name] : table) {
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return value;
        names << QString::fromLatin1(name);
    }
    throw SettingError({setting, QStringLiteral("'%1' is not one of %2").arg(text, names.join(QLatin1Char('|')))});
}

SettingProblem outOfRange(Setting setting, const QString& value, const char* range)
{
    return {setting, QStringLiteral("%1 is out of range: %2").arg(value, QString::fromLatin1(range))};
}

SettingProblem outOfRange(Setting setting, double value, const char* range)
{
    return outOfRange(setting, QString::number(value), range);
}

} // namespace

QString toString(Architecture value)
{
    return nameOf(architectureNames, value);
}
QString toString(Activation value)
{
    return nameOf(activationNames, value);
}
QString toString(Likelihood value)
{
    return nameOf(likelihoodNames, value);
}
QString toString(Binarization value)
{
    return nameOf(binarizationNames, value);
}
QString toString(Estimator value)
{
    return nameOf(estimatorNames, value);
}
QString toString(OptimizerKind value)
{
    return nameOf(optimizerNames, value);
}
QString toString(TrainingObjective value)
{
    return nameOf(objectiveNames, value);
}

Architecture parseArchitecture(const QString& text)
{
    return parseName(architectureNames, text, Setting::Architecture);
}
Activation parseActivation(const QString& text)
{
    return parseName(activationNames, text, Setting::Activation);
}
Likelihood parseLikelihood(const QString& text)
{
    return parseName(likelihoodNames, text, Setting::Likelihood);
}
Binarization parseBinarization(const QString& text)
{
    return parseName(binarizationNames, text, Setting::Binarization);
}
Estimator parseEstimator(const QString& text)
{
    return parseName(estimatorNames, text, Setting::Estimator);
}
OptimizerKind parseOptimizer(const QString& text)
{
    return parseName(optimizerNames, text, Setting::Optimizer);
}
TrainingObjective parseObjective(const QString& text)
{
    return parseName(objectiveNames, text, Setting::Objective);
}

std::vector<int> parseHiddenLayers(const QString& text)
{
    std::vector<int> layers;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int width = part.trimmed().toInt(&ok);
        if (!ok || width < 1 || width > 8192)
            throw SettingError(
                {Setting::HiddenLayers, QStringLiteral("'%1' is not a layer width from 1 to 8192").arg(part)});
        layers.push_back(width);
    }
    if (layers.empty() || layers.size() > 8)
        throw SettingError({Setting::HiddenLayers,
                            QStringLiteral("'%1' must list 1 to 8 layer widths, e.g. 400 or 500,500").arg(text)});
    return layers;
}

QString hiddenLayersToString(const std::vector<int>& layers)
{
    QStringList parts;
    for (int width : layers)
        parts << QString::number(width);
    return parts.join(QLatin1Char(','));
}

std::optional<SettingProblem> TrainingConfig::validate() const
{
    if (latentDim < 1 || latentDim > 512)
        return outOfRange(Setting::LatentDim, latentDim, "1 to 512");
    if (hiddenLayers.empty() || hiddenLayers.size() > 8)
        return outOfRange(Setting::HiddenLayers, QStringLiteral("'%1'").arg(hiddenLayersToString(hiddenLayers)),
                          "1 to 8 layer widths");
    for (int width : hiddenLayers)
        if (width < 1 || width > 8192)
            return outOfRange(Setting::HiddenLayers, width, "1 to 8192 per layer");
    if (samples < 1 || samples > 1000)
        return outOfRange(Setting::Samples, samples, "1 to 1000");
    if (!(learningRate > 0.0 && learningRate <= 10.0))
        return outOfRange(Setting::LearningRate, learningRate, "greater than 0, at most 10");
    if (!(weightDecay >= 0.0 && weightDecay <= 1.0))
        return outOfRange(Setting::WeightDecay, weightDecay, "0 to 1");
    if (!(momentum >= 0.0 && momentum < 1.0))
        return outOfRange(Setting::Momentum, momentum, "0 to below 1");
    if (!(beta >= 0.0 && beta <= 1000.0))
        return outOfRange(Setting::Beta, beta, "0 to 1000");
    if (!(warmupEpochs >= 0.0 && warmupEpochs <= 10000.0))
        return outOfRange(Setting::WarmupEpochs, warmupEpochs, "0 to 10000 epochs");
    if (batchSize < 1 || batchSize > 65536)
        return outOfRange(Setting::BatchSize, batchSize, "1 to 65536");
    if (epochs < 1 || epochs > 100000)
        return outOfRange(Setting::Epochs, epochs, "1 to 100000");
    if (threads < 0 || threads > 256)
        return outOfRange(Setting::Threads, threads, "0 (auto) to 256");
    if (likelihood == Likelihood::Gaussian && binarization != Binarization::None)
        return SettingProblem{Setting::Binarization,
                              QStringLiteral("%1 needs the Bernoulli likelihood: a Gaussian decoder models grey values")
                                  .arg(toString(binarization))};
    return std::nullopt;
}

std::optional<SettingProblem> TrainingConfig::validateFor(int channels, int height, int width) const
{
    if (architecture == Architecture::Conv && (height % 4 != 0 || width % 4 != 0 || height < 8 || width < 8))
        return SettingProblem{Setting::Architecture,
                              QStringLiteral("conv needs images whose height and width are multiples of 4 (at least "
                                             "8); these are %1x%2x%3")
                                  .arg(channels)
                                  .arg(height)
                                  .arg(width)};
    return std::nullopt;
}

int TrainingConfig::effectiveThreads() const
{
    return threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
}

bool TrainingConfig::sameModelShape(const TrainingConfig& other) const
{
    return architecture == other.architecture && latentDim == other.latentDim && hiddenLayers == other.hiddenLayers &&
        activation == other.activation && likelihood == other.likelihood;
}

QJsonObject TrainingConfig::toJson() const
{
    QJsonArray hidden;
    for (int width : hiddenLayers)
        hidden.append(width);
    return QJsonObject{
        {QStringLiteral("arch"), toString(architecture)},
        {QStringLiteral("latent"), latentDim},
        {QStringLiteral("hidden"), hidden},
        {QStringLiteral("activation"), toString(activation)},
        {QStringLiteral("likelihood"), toString(likelihood)},
        {QStringLiteral("binarize"), toString(binarization)},
        {QStringLiteral("estimator"), toString(estimator)},
        {QStringLiteral("samples"), samples},
        {QStringLiteral("objective"), toString(objective)},
        {QStringLiteral("optimizer"), toString(optimizer)},
        {QStringLiteral("lr"), learningRate},
        {QStringLiteral("weight_decay"), weightDecay},
        {QStringLiteral("momentum"), momentum},
        {QStringLiteral("beta"), beta},
        {QStringLiteral("warmup_epochs"), warmupEpochs},
        {QStringLiteral("batch"), batchSize},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("threads"), threads},
    };
}

namespace {

TrainingConfig settingsFromJson(const QJsonObject& json)
{
    auto require = [&json](const char* key) {
        const QJsonValue value = json.value(QLatin1String(key));
        if (value.isUndefined())
            throw InputError(QStringLiteral("settings: missing key '%1'").arg(QLatin1String(key)).toStdString());
        return value;
    };
    TrainingConfig config;
    config.architecture = parseArchitecture(require("arch").toString());
    config.latentDim = require("latent").toInt();
    config.hiddenLayers.clear();
    for (const QJsonValue& width : require("hidden").toArray())
        config.hiddenLayers.push_back(width.toInt());
    config.activation = parseActivation(require("activation").toString());
    config.likelihood = parseLikelihood(require("likelihood").toString());
    config.binarization = parseBinarization(require("binarize").toString());
    config.estimator = parseEstimator(require("estimator").toString());
    config.samples = require("samples").toInt();
    // Files written before the prior objective existed trained the ELBO.
    config.objective = parseObjective(json.value(QStringLiteral("objective")).toString(QStringLiteral("elbo")));
    config.optimizer = parseOptimizer(require("optimizer").toString());
    config.learningRate = require("lr").toDouble();
    config.weightDecay = require("weight_decay").toDouble();
    config.momentum = require("momentum").toDouble();
    config.beta = require("beta").toDouble();
    config.warmupEpochs = require("warmup_epochs").toDouble();
    config.batchSize = require("batch").toInt();
    config.epochs = require("epochs").toInt();
    config.seed = require("seed").toString().toULongLong();
    config.threads = require("threads").toInt();
    if (const std::optional<SettingProblem> problem = config.validate())
        throw SettingError(*problem);
    return config;
}

} // namespace

TrainingConfig TrainingConfig::fromJson(const QJsonObject& json)
{
    // Stored settings are no command-line option or field the user could point at: a plain InputError.
    try {
        return settingsFromJson(json);
    } catch (const SettingError& error) {
        throw InputError(QStringLiteral("settings: %1").arg(error.problem().message()).toStdString());
    }
}

} // namespace vae
