// Measures the window against the headless trainer on the reference configuration (Fashion-MNIST,
// 784-400-20 ReLU MLP, Bernoulli, Adam 1e-3, batch 128) and prints one JSON line:
//  - startup_ms: from the process's start to the window painted with the dataset loaded and a
//    model built on it (goal: under 1,500);
//  - images/s while the real window trains, over images/s of the same training headless, run
//    interleaved and repeated because this machine is noisy (goal: median ratio at least 0.9);
//  - how late a 5 ms QTimer fires on the GUI thread while the window trains (goal: p99 under 16);
//  - pause_ms: from Pause to the session reporting the run paused (goal: median under 500);
//  - close_ms: closing and destroying the window while it trains (goal: under 1,000).
// Usage: window_bench [--dataset D] [--repeats R] [--steps N]. Runs offscreen unless a platform
// is set; uses a throwaway settings and data folder.

#include "bench/BenchSupport.h"
#include "core/data/DatasetLoader.h"
#include "core/engine/Trainer.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/curves/CurvesPlot.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

using namespace vae;
using bench::BenchApplication;
using bench::LatencyProbe;
using bench::median;
using bench::quantile;
using bench::waitFor;

constexpr int warmupSteps = 10;

// Milliseconds since the kernel started this process (field 22 of /proc/self/stat, in clock ticks).
double millisecondsSinceProcessStart()
{
    std::ifstream stat("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 22; ++i)
        fields >> field;
    const double startSeconds = std::stod(field) / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (double(now.tv_sec) + double(now.tv_nsec) * 1e-9 - startSeconds) * 1000.0;
}

// The same steps the window's session takes, in a plain loop on a thread of its own, the way the
// headless train command runs them (the Trainer is built on the thread that trains, as the
// session's is).
double headlessImagesPerSecond(const TrainingConfig& config, const std::shared_ptr<const Dataset>& dataset, int steps)
{
    double imagesPerSecond = 0;
    QThread* thread = QThread::create([&] {
        Trainer trainer(config, dataset);
        for (int i = 0; i < warmupSteps; ++i)
            trainer.trainStep();
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < steps; ++i)
            trainer.trainStep();
        imagesPerSecond = double(steps) * config.batchSize / (double(timer.nsecsElapsed()) * 1e-9);
    });
    thread->start();
    waitFor([thread] { return thread->isFinished(); }, 600'000);
    delete thread;
    return imagesPerSecond;
}

// Trains in the window from a fresh model and times `steps` steps from the session's batched
// reports, as the window receives them; then pauses, timing how long the pause takes to land.
double windowImagesPerSecond(MainWindow& window, const TrainingConfig& config,
                             const std::shared_ptr<const Dataset>& dataset, int steps, LatencyProbe& probe,
                             std::vector<double>& pauseMilliseconds)
{
    TrainingSession& session = window.session();
    bool ready = false;
    std::int64_t latestStep = 0;
    QElapsedTimer clock;
    clock.start();
    std::int64_t firstStep = -1;
    double firstTime = 0;
    double lastTime = 0;
    std::int64_t lastStep = 0;
    const auto modelReady = QObject::connect(&session, &TrainingSession::modelReady, [&] { ready = true; });
    const auto stepsTrained =
        QObject::connect(&session, &TrainingSession::stepsTrained, [&](const QVector<StepMetrics>& batch) {
            latestStep = batch.last().step;
            const double now = double(clock.nsecsElapsed()) * 1e-9;
            if (firstStep < 0 && latestStep >= warmupSteps) {
                firstStep = latestStep;
                firstTime = now;
            } else if (firstStep >= 0) {
                lastStep = latestStep;
                lastTime = now;
            }
        });
    session.reset(config, dataset);
    waitFor([&] { return ready && session.state() == SessionState::Ready; }, 60'000);
    probe.start();
    session.start();
    waitFor([&] { return firstStep >= 0 && latestStep >= firstStep + steps; }, 600'000);
    probe.stop();
    QElapsedTimer sincePause;
    double pausedAfter = -1;
    const auto paused = QObject::connect(&session, &TrainingSession::stateChanged, [&](SessionState state) {
        if (state == SessionState::Paused && pausedAfter < 0)
            pausedAfter = double(sincePause.nsecsElapsed()) * 1e-6;
    });
    sincePause.start();
    session.pause();
    waitFor([&] { return pausedAfter >= 0; }, 10'000);
    pauseMilliseconds.push_back(pausedAfter);
    QObject::disconnect(modelReady);
    QObject::disconnect(stepsTrained);
    QObject::disconnect(paused);
    return double(lastStep - firstStep) * config.batchSize / (lastTime - firstTime);
}

} // namespace

int main(int argc, char* argv[])
{
    BenchApplication application(argc, argv, QStringLiteral("window_bench"));
    QApplication& app = application.app();
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset (default: Fashion-MNIST)."),
                      QStringLiteral("D"), QStringLiteral("/usr/share/datasets/fashion-mnist")});
    parser.addOption({QStringLiteral("repeats"), QStringLiteral("Interleaved headless/window pairs."),
                      QStringLiteral("R"), QStringLiteral("9")});
    parser.addOption(
        {QStringLiteral("steps"), QStringLiteral("Timed steps per run."), QStringLiteral("N"), QStringLiteral("150")});
    parser.addHelpOption();
    parser.process(app);
    const QString datasetSpec = parser.value(QStringLiteral("dataset"));
    const int repeats = std::max(1, parser.value(QStringLiteral("repeats")).toInt());
    const int steps = std::max(20, parser.value(QStringLiteral("steps")).toInt());

    const TrainingConfig config = bench::referenceConfig();
    storeTrainingConfig(config);

    auto window = std::make_unique<MainWindow>();
    bool modelReady = false;
    std::shared_ptr<const Dataset> dataset;
    QObject::connect(&window->session(), &TrainingSession::modelReady, [&](const RunInfo& run) {
        modelReady = true;
        dataset = run.dataset;
    });
    window->show();
    window->openDataset(datasetSpec);
    if (!waitFor([&] { return modelReady; }, 60'000)) {
        QTextStream(stderr) << "window_bench: " << datasetSpec << " did not load\n";
        return 1;
    }
    QCoreApplication::processEvents();
    window->repaint();
    const double startupMilliseconds = millisecondsSinceProcessStart();

    LatencyProbe probe;
    std::vector<double> headless;
    std::vector<double> windowed;
    std::vector<double> ratios;
    std::vector<double> pauses;
    for (int i = 0; i < repeats; ++i) {
        // Alternating which goes first cancels a drift in the machine's load between the two.
        if (i % 2 == 0) {
            headless.push_back(headlessImagesPerSecond(config, dataset, steps));
            windowed.push_back(windowImagesPerSecond(*window, config, dataset, steps, probe, pauses));
        } else {
            windowed.push_back(windowImagesPerSecond(*window, config, dataset, steps, probe, pauses));
            headless.push_back(headlessImagesPerSecond(config, dataset, steps));
        }
        ratios.push_back(windowed.back() / headless.back());
    }

    auto rounded = [](double value, int decimals) { return QString::number(value, 'f', decimals).toDouble(); };
    QJsonArray ratioList;
    for (double ratio : ratios)
        ratioList.append(rounded(ratio, 3));
    const auto* plot = window->findChild<CurvesPlot*>();
    const double replotMilliseconds = plot ? plot->replotTime(true) : 0.0;

    // Closed while training, as a user quits mid-run.
    std::int64_t trainedSteps = 0;
    QObject::connect(&window->session(), &TrainingSession::stepsTrained,
                     [&](const QVector<StepMetrics>& batch) { trainedSteps = batch.last().step; });
    window->session().start();
    waitFor([&] { return trainedSteps > 0; }, 60'000);
    QElapsedTimer closing;
    closing.start();
    window->close();
    window.reset();
    const double closeMilliseconds = double(closing.nsecsElapsed()) * 1e-6;
    const QJsonObject result{
        {QStringLiteral("bench"), QStringLiteral("window")},
        {QStringLiteral("dataset"), dataset->name},
        {QStringLiteral("config"), QStringLiteral("mlp 784-400-20 relu bernoulli analytic adam lr 1e-3 batch 128")},
        {QStringLiteral("threads"), config.effectiveThreads()},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("steps_per_run"), steps},
        {QStringLiteral("startup_ms"), rounded(startupMilliseconds, 0)},
        {QStringLiteral("headless_images_per_s"), rounded(median(headless), 0)},
        {QStringLiteral("window_images_per_s"), rounded(median(windowed), 0)},
        {QStringLiteral("window_over_headless"), rounded(median(ratios), 3)},
        {QStringLiteral("ratios"), ratioList},
        {QStringLiteral("latency_p50_ms"), rounded(quantile(probe.latenesses, 0.5), 2)},
        {QStringLiteral("latency_p99_ms"), rounded(quantile(probe.latenesses, 0.99), 2)},
        {QStringLiteral("latency_max_ms"), rounded(quantile(probe.latenesses, 1.0), 2)},
        {QStringLiteral("latency_samples"), int(probe.latenesses.size())},
        {QStringLiteral("replot_ms"), rounded(replotMilliseconds, 2)},
        {QStringLiteral("pause_ms"), rounded(median(pauses), 1)},
        {QStringLiteral("close_ms"), rounded(closeMilliseconds, 0)},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
