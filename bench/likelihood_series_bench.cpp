// What the per-epoch log p(x) series costs the training it watches. Trains the reference
// configuration (Fashion-MNIST, 784-400-20 ReLU MLP, Bernoulli on grey pixels, analytic KL, Adam
// 1e-3, batch 128, one training thread per core) on the window's training thread, with and without
// a LikelihoodSeries fed as the window feeds it (epochFinished, snapshotReady), the runs
// interleaved and repeated, and prints one JSON line:
//  - images_per_s_without / _with: training throughput (test evaluation included), medians;
//  - cost_ratio: the median over repeats of 1 - with / without (goal: under 0.10);
//  - series_cpu_seconds_per_epoch: CPU time of the series' estimates per epoch trained, and
//    series_share_of_epoch, that over the epoch's wall time (what the EstimateBudget holds to 0.10);
//  - points_per_epoch: the share of epochs that got a point.
// Usage: likelihood_series_bench [--dataset D] [--epochs N] [--repeats N] [--threads N]
//        [--train-images N] (a first part of the training set, for a busy machine).

#include "core/data/DatasetLoader.h"
#include "bench/BenchSupport.h"
#include "core/session/LikelihoodSeries.h"
#include "core/session/TrainingSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace {

using namespace vae;
using bench::median;
using bench::waitFor;

struct RunFigures {
    double imagesPerSecond = 0;
    double epochSeconds = 0;
    double seriesCpuSeconds = 0;
    int points = 0;
};

RunFigures train(const TrainingConfig& config, const std::shared_ptr<const Dataset>& dataset, bool withSeries)
{
    TrainingSession session;
    LikelihoodSeries series;
    RunFigures figures;
    double seconds = 0;
    QObject::connect(&session, &TrainingSession::epochFinished, [&](const EpochMetrics& epoch) {
        seconds += epoch.seconds;
        if (withSeries)
            series.addEpoch(epoch);
    });
    if (withSeries)
        QObject::connect(&session, &TrainingSession::snapshotReady, &series, &LikelihoodSeries::addSnapshot);
    QObject::connect(&series, &LikelihoodSeries::pointReady, [&](const LikelihoodPoint& point) {
        figures.seriesCpuSeconds += point.seconds;
        ++figures.points;
    });
    QObject::connect(&session, &TrainingSession::failed, [](const QString& message) {
        QTextStream(stderr) << "likelihood_series_bench: " << message << '\n';
        QCoreApplication::exit(1);
    });
    series.reset(dataset, config.epochs);
    session.reset(config, dataset);
    waitFor([&] { return session.state() == SessionState::Ready; }, 600'000);
    session.start();
    waitFor([&] { return session.state() == SessionState::Finished; }, 24 * 3'600'000);
    waitFor([&] { return !series.busy(); }, 3'600'000);
    figures.imagesPerSecond = double(dataset->train.count()) * config.epochs / seconds;
    figures.epochSeconds = seconds / config.epochs;
    return figures;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("dataset"), QStringLiteral("Dataset."), QStringLiteral("D"),
         QStringLiteral("/usr/share/datasets/fashion-mnist")},
        {QStringLiteral("epochs"), QStringLiteral("Epochs per run."), QStringLiteral("N"), QStringLiteral("3")},
        {QStringLiteral("repeats"), QStringLiteral("Pairs of runs."), QStringLiteral("N"), QStringLiteral("3")},
        {QStringLiteral("threads"), QStringLiteral("Training threads (0: one per core)."), QStringLiteral("N"),
         QStringLiteral("0")},
        {QStringLiteral("train-images"), QStringLiteral("Train on the first N images (0: all)."), QStringLiteral("N"),
         QStringLiteral("0")},
    });
    parser.process(app);
    auto loaded = std::make_shared<Dataset>(loadDataset(parser.value(QStringLiteral("dataset"))));
    const int trainImages = parser.value(QStringLiteral("train-images")).toInt();
    if (trainImages > 0 && trainImages < loaded->train.count()) {
        loaded->train.pixels.resize(std::size_t(trainImages) * std::size_t(loaded->train.imageSize()));
        if (loaded->train.hasLabels())
            loaded->train.labels.resize(std::size_t(trainImages));
    }
    const std::shared_ptr<const Dataset> dataset = loaded;
    TrainingConfig config = bench::referenceConfig();
    config.epochs = parser.value(QStringLiteral("epochs")).toInt();
    config.threads = parser.value(QStringLiteral("threads")).toInt();

    std::vector<double> without, with, costs, epochSeconds, seriesPerEpoch, shares, pointsPerEpoch;
    const int repeats = parser.value(QStringLiteral("repeats")).toInt();
    for (int repeat = 0; repeat < repeats; ++repeat) {
        RunFigures plain;
        RunFigures watched;
        // Alternating which goes first, so a trend in the machine's load hits both alike.
        if (repeat % 2 == 0) {
            plain = train(config, dataset, false);
            watched = train(config, dataset, true);
        } else {
            watched = train(config, dataset, true);
            plain = train(config, dataset, false);
        }
        without.push_back(plain.imagesPerSecond);
        with.push_back(watched.imagesPerSecond);
        costs.push_back(1.0 - watched.imagesPerSecond / plain.imagesPerSecond);
        epochSeconds.push_back(plain.epochSeconds);
        seriesPerEpoch.push_back(watched.seriesCpuSeconds / config.epochs);
        shares.push_back(watched.seriesCpuSeconds / (watched.epochSeconds * config.epochs));
        pointsPerEpoch.push_back(double(watched.points) / config.epochs);
    }
    QJsonArray costPerRepeat;
    for (double cost : costs)
        costPerRepeat.append(qRound(cost * 1000) / 1000.0);
    const QJsonObject result{
        {QStringLiteral("benchmark"), QStringLiteral("likelihood_series")},
        {QStringLiteral("config"),
         QStringLiteral("fashion-mnist 784-400-20 relu mlp, bernoulli grey, analytic kl, "
                        "L=1, adam 1e-3, batch 128")},
        {QStringLiteral("series"),
         QStringLiteral("K=%1 on the first %2 test images")
             .arg(LikelihoodSeries::seriesSamples)
             .arg(std::min(LikelihoodSeries::seriesImages, dataset->test.count()))},
        {QStringLiteral("train_images"), dataset->train.count()},
        {QStringLiteral("epochs"), config.epochs},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("threads"), config.effectiveThreads()},
        {QStringLiteral("images_per_s_without"), qRound(median(without))},
        {QStringLiteral("images_per_s_with"), qRound(median(with))},
        {QStringLiteral("epoch_seconds"), qRound(median(epochSeconds) * 1000) / 1000.0},
        {QStringLiteral("series_cpu_seconds_per_epoch"), qRound(median(seriesPerEpoch) * 1000) / 1000.0},
        {QStringLiteral("series_share_of_epoch"), qRound(median(shares) * 1e5) / 1e5},
        {QStringLiteral("points_per_epoch"), median(pointsPerEpoch)},
        {QStringLiteral("cost_ratio"), qRound(median(costs) * 1000) / 1000.0},
        {QStringLiteral("cost_ratio_per_repeat"), costPerRepeat},
        {QStringLiteral("goal"), 0.10},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
