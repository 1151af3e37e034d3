#pragma once

#include "core/run/SettingProblem.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace vae {

enum class Architecture { Mlp, Conv };
enum class Activation { Relu, Tanh };
enum class Likelihood { Bernoulli, Gaussian };
enum class Binarization { None, Static, Dynamic };
enum class Estimator { Analytic, MonteCarlo }; // the paper's estimators B and A
enum class OptimizerKind { Adam, Adagrad, Sgd };
// What training maximises: the ELBO, or log (1/L) sum_l p(x|z_l) with z_l drawn from the prior,
// which ignores the encoder and, with L = 1, teaches the decoder only the data mean.
enum class TrainingObjective { Elbo, Prior };

// Everything that defines a training run. Plain values, torch-free: the window edits it, the
// command line parses it, checkpoints store it as JSON.
struct TrainingConfig {
    Architecture architecture = Architecture::Mlp;
    int latentDim = 2;
    std::vector<int> hiddenLayers{400};
    Activation activation = Activation::Relu;
    Likelihood likelihood = Likelihood::Bernoulli;
    Binarization binarization = Binarization::None;
    Estimator estimator = Estimator::Analytic;
    int samples = 1; // L: reparameterised samples per data point
    TrainingObjective objective = TrainingObjective::Elbo;

    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double weightDecay = 0.0;
    double momentum = 0.9;     // SGD only
    double beta = 1.0;         // weight on the KL term; 1 is the true ELBO
    double warmupEpochs = 0.0; // KL weight rises linearly from 0 to beta over this many epochs

    int batchSize = 128;
    int epochs = 10;
    std::uint64_t seed = 0;
    int threads = 0; // 0: auto, one per core, fewer while other programs are busy (ComputeThreadTuner)

    // Nothing when the settings make sense, else the first that does not, with its valid range.
    std::optional<SettingProblem> validate() const;
    // Checks the settings that depend on the data (image size for the convolutional net).
    std::optional<SettingProblem> validateFor(int channels, int height, int width) const;

    int effectiveThreads() const;

    QJsonObject toJson() const;
    // Throws InputError naming the bad key.
    static TrainingConfig fromJson(const QJsonObject& json);

    // True when the two configs build networks of the same shape (so weights carry over).
    bool sameModelShape(const TrainingConfig& other) const;
};

// Names used on the command line, in the window and in checkpoints.
QString toString(Architecture value);
QString toString(Activation value);
QString toString(Likelihood value);
QString toString(Binarization value);
QString toString(Estimator value);
QString toString(OptimizerKind value);
QString toString(TrainingObjective value);

// Each parser throws SettingError("architecture 'x' is not one of mlp|conv").
Architecture parseArchitecture(const QString& text);
Activation parseActivation(const QString& text);
Likelihood parseLikelihood(const QString& text);
Binarization parseBinarization(const QString& text);
Estimator parseEstimator(const QString& text);
OptimizerKind parseOptimizer(const QString& text);
TrainingObjective parseObjective(const QString& text);
std::vector<int> parseHiddenLayers(const QString& text); // "400" or "500,500"
QString hiddenLayersToString(const std::vector<int>& layers);

} // namespace vae
