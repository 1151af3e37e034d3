// How training shares the machine with one other busy program (issue #11); run it through
// bench/contention, which builds it first. Trains the reference configuration (Fashion-MNIST,
// 784-400-20 ReLU MLP, Bernoulli, Adam 1e-3, batch 128) quiet and beside a busy process it starts
// itself (a child spinning on one core), with the default threads ("auto", which the Trainer's
// ComputeThreadTuner adapts to the load), with one thread and with one thread per core fixed (the
// old default), headless and in the real window (offscreen), and prints one JSON line:
//  - *_images_per_s: medians over the repeats, for headless_/window_, quiet_/loaded_ and
//    auto/one/all_cores; each run trains a fresh model for --seconds after 10 warm-up steps (or
//    0.5 s of them);
//  - headless_loaded_auto_over_one: auto over one thread beside the busy process (goal: >= 1),
//    headless_quiet_auto_over_all_cores: auto over the old fixed default on the quiet machine
//    (goal: about 1), window_loaded_over_quiet: what the window keeps of its quiet speed with the
//    default threads (goal: >= 0.5); each the median of the ratios within one repeat;
//  - grid_*_p50_ms: the latent grid's decode-and-paint (20 x 20 cells, as latent_bench times it,
//    the median of all repeats) while the window trains, quiet_/loaded_ and auto/one; the goal is
//    grid_loaded_auto_p50_ms < 15;
//  - load_before/load_after: the 1-minute load average, to judge how quiet "quiet" was.
// Runs interleave: the order of quiet and loaded, and of the thread settings, alternates between
// repeats, so a drift in the machine's load hits all alike.
// Usage: contention_bench [--quick] [--repeats R] [--seconds S] [--dataset D]. --quick: 3 repeats
// of 2.5 s per run (about 3 minutes when the machine is quiet, estimated; 4.5 to 7.5 measured at
// load averages of 10 to 17); the default: 5 repeats of 4 s (about 6 minutes quiet).

#include "bench/BenchSupport.h"
#include "core/data/DatasetLoader.h"
#include "core/decode/DecodedImages.h"
#include "core/engine/Trainer.h"
#include "core/latent/LatentAxisScale.h"
#include "core/session/LatestJobRunner.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSpace.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <functional>
#include <map>
#include <optional>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace vae;
using bench::BenchApplication;
using bench::median;
using bench::milliseconds;
using bench::pumpEvents;
using bench::waitFor;

constexpr int warmupSteps = 10;
// Beside a busy program a team of two threads can take a second per step: the warm-up stops
// early then, so that a run takes about --seconds whatever the setting.
constexpr double warmupSeconds = 0.5;
constexpr int gridCells = 20;

TrainingConfig referenceConfig(int threads)
{
    TrainingConfig config = bench::referenceConfig();
    config.threads = threads;
    return config;
}

// The other program: a child process spinning on a core until it is destroyed, like
// `while :; do :; done`. It dies with the benchmark if the benchmark is killed.
class BusyProcess {
public:
    BusyProcess()
        : pid_(fork())
    {
        if (pid_ == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            volatile unsigned long spins = 0;
            for (;;)
                spins = spins + 1;
        }
    }
    ~BusyProcess()
    {
        if (pid_ <= 0)
            return;
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    BusyProcess(const BusyProcess&) = delete;
    BusyProcess& operator=(const BusyProcess&) = delete;

private:
    pid_t pid_;
};

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 0).toDouble();
}

// The headless train command's loop (Trainer::advance, test evaluations included) on a thread of
// its own, where the Trainer is built, as the window's session builds it.
double headlessImagesPerSecond(const TrainingConfig& config, const std::shared_ptr<const Dataset>& dataset,
                               double seconds)
{
    double imagesPerSecond = 0;
    QThread* thread = QThread::create([&] {
        Trainer trainer(config, dataset);
        QElapsedTimer warmup;
        warmup.start();
        for (int i = 0; i < warmupSteps && double(warmup.nsecsElapsed()) * 1e-9 < warmupSeconds; ++i)
            trainer.advance();
        const std::int64_t firstStep = trainer.completedSteps();
        QElapsedTimer timer;
        timer.start();
        while (double(timer.nsecsElapsed()) * 1e-9 < seconds)
            trainer.advance();
        imagesPerSecond =
            double(trainer.completedSteps() - firstStep) * config.batchSize / (double(timer.nsecsElapsed()) * 1e-9);
    });
    thread->start();
    waitFor([thread] { return thread->isFinished(); }, 600'000);
    delete thread;
    return imagesPerSecond;
}

// Times the latent grid as the plane panel makes it: the decode on a view's runner (an
// interactive job, which the training thread waits for between steps) plus repainting the plane.
std::vector<double> gridDecodeAndPaintMilliseconds(MainWindow& window, LatestJobRunner& runner, int count)
{
    LatentSpace& space = window.explorer().space();
    LatentPlaneView& view = window.explorer().planePanel().view();
    const auto [low, high] = gridViewExtent(gridCells, 3.0, GridSpacing::Linear);
    std::vector<double> totals;
    for (int i = 0; i < count; ++i) {
        const SnapshotPtr snapshot = space.snapshot();
        if (!snapshot)
            break;
        const LatentPlane plane = space.plane();
        double decode = 0;
        double paint = 0;
        bool answered = false;
        runner.run(
            [&] {
                QElapsedTimer timer;
                timer.start();
                QImage grid = decodeGridImage(*snapshot, plane, gridCells, 3.0, GridSpacing::Linear)
                                  .convertToFormat(QImage::Format_RGB32);
                decode = milliseconds(timer);
                return grid;
            },
            [&](QImage grid) {
                QElapsedTimer timer;
                timer.start();
                view.setGrid(grid, QRectF(QPointF(low, low), QPointF(high, high)));
                view.repaint();
                paint = milliseconds(timer);
                answered = true;
            });
        waitFor([&] { return answered; }, 60'000);
        totals.push_back(decode + paint);
        pumpEvents(20);
    }
    return totals;
}

struct WindowRun {
    double imagesPerSecond = 0;
    std::vector<double> gridMilliseconds;
};

// Trains a fresh model in the window for `seconds` after the warm-up, counting the steps the
// session reports, then times the grid while it goes on training.
WindowRun trainInWindow(MainWindow& window, LatestJobRunner& runner, const TrainingConfig& config,
                        const std::shared_ptr<const Dataset>& dataset, double seconds, int grids)
{
    TrainingSession& session = window.session();
    bool ready = false;
    std::int64_t latestStep = 0;
    const auto modelReady = QObject::connect(&session, &TrainingSession::modelReady, [&] { ready = true; });
    const auto stepsTrained =
        QObject::connect(&session, &TrainingSession::stepsTrained,
                         [&](const QVector<StepMetrics>& steps) { latestStep = steps.last().step; });
    session.reset(config, dataset);
    waitFor([&] { return ready && session.state() == SessionState::Ready; }, 60'000);
    session.start();
    QElapsedTimer warmup;
    warmup.start();
    waitFor([&] { return latestStep >= warmupSteps || double(warmup.nsecsElapsed()) * 1e-9 >= warmupSeconds; }, 60'000);
    const std::int64_t firstStep = latestStep;
    QElapsedTimer timer;
    timer.start();
    pumpEvents(int(seconds * 1000));
    WindowRun run;
    run.imagesPerSecond = double(latestStep - firstStep) * config.batchSize / (double(timer.nsecsElapsed()) * 1e-9);
    run.gridMilliseconds = gridDecodeAndPaintMilliseconds(window, runner, grids);
    session.pause();
    waitFor([&] { return session.state() == SessionState::Paused; }, 10'000);
    QObject::disconnect(modelReady);
    QObject::disconnect(stepsTrained);
    return run;
}

enum class Threads { Auto, One, AllCores };

int threadsSetting(Threads threads)
{
    switch (threads) {
    case Threads::One:
        return 1;
    case Threads::AllCores:
        return std::max(1, QThread::idealThreadCount());
    case Threads::Auto:
        break;
    }
    return 0;
}

// Every run's figures, keyed like the JSON: "headless_loaded_auto", "grid_quiet_auto", ...
using Samples = std::map<QString, std::vector<double>>;

void measureOneRepeat(MainWindow& window, LatestJobRunner& runner, const std::shared_ptr<const Dataset>& dataset,
                      double seconds, int grids, int repeat, Samples& samples)
{
    const bool loadedFirst = repeat % 2 == 1;
    for (const bool loaded : {loadedFirst, !loadedFirst}) {
        std::optional<BusyProcess> busy;
        if (loaded)
            busy.emplace();
        const QString load = loaded ? QStringLiteral("loaded") : QStringLiteral("quiet");
        std::vector<Threads> order{Threads::Auto, Threads::One, Threads::AllCores};
        if (repeat % 2 == 1)
            std::reverse(order.begin(), order.end());
        for (const Threads threads : order) {
            const TrainingConfig config = referenceConfig(threadsSetting(threads));
            const QString setting = threads == Threads::Auto ? QStringLiteral("auto")
                : threads == Threads::One                    ? QStringLiteral("one")
                                                             : QStringLiteral("all_cores");
            samples[QStringLiteral("headless_%1_%2").arg(load, setting)].push_back(
                headlessImagesPerSecond(config, dataset, seconds));
            if (threads == Threads::AllCores)
                continue; // the window's default is auto: the old fixed count is compared headless
            const WindowRun run = trainInWindow(window, runner, config, dataset, seconds, grids);
            samples[QStringLiteral("window_%1_%2").arg(load, setting)].push_back(run.imagesPerSecond);
            std::vector<double>& grid = samples[QStringLiteral("grid_%1_%2").arg(load, setting)];
            grid.insert(grid.end(), run.gridMilliseconds.begin(), run.gridMilliseconds.end());
        }
    }
}

// The median over the repeats of `numerator` over `denominator`, each repeat's pair measured
// close together.
double medianRatio(const Samples& samples, const QString& numerator, const QString& denominator)
{
    const std::vector<double>& top = samples.at(numerator);
    const std::vector<double>& bottom = samples.at(denominator);
    std::vector<double> ratios;
    for (std::size_t i = 0; i < std::min(top.size(), bottom.size()); ++i)
        ratios.push_back(top[i] / bottom[i]);
    return median(ratios);
}

} // namespace

int main(int argc, char* argv[])
{
    BenchApplication application(argc, argv, QStringLiteral("contention_bench"));
    QApplication& app = application.app();
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset (default: Fashion-MNIST)."),
                      QStringLiteral("D"), QStringLiteral("/usr/share/datasets/fashion-mnist")});
    parser.addOption({QStringLiteral("quick"), QStringLiteral("3 repeats of 2.5 s per run (about 2 minutes).")});
    parser.addOption(
        {QStringLiteral("repeats"), QStringLiteral("Interleaved repeats (default 5)."), QStringLiteral("R")});
    parser.addOption(
        {QStringLiteral("seconds"), QStringLiteral("Seconds each run trains (default 4)."), QStringLiteral("S")});
    parser.addHelpOption();
    parser.process(app);
    const bool quick = parser.isSet(QStringLiteral("quick"));
    const int repeats =
        std::max(1,
                 parser.isSet(QStringLiteral("repeats")) ? parser.value(QStringLiteral("repeats")).toInt()
                     : quick                             ? 3
                                                         : 5);
    const double seconds =
        std::max(0.5,
                 parser.isSet(QStringLiteral("seconds")) ? parser.value(QStringLiteral("seconds")).toDouble()
                     : quick                             ? 2.5
                                                         : 4.0);
    const int grids = quick ? 15 : 25;
    const double loadBefore = loadAverage();

    storeTrainingConfig(referenceConfig(0));
    auto window = std::make_unique<MainWindow>();
    bool modelReady = false;
    std::shared_ptr<const Dataset> dataset;
    QObject::connect(&window->session(), &TrainingSession::modelReady, [&](const RunInfo& run) {
        modelReady = true;
        dataset = run.dataset;
    });
    window->show();
    window->openDataset(parser.value(QStringLiteral("dataset")));
    if (!waitFor([&] { return modelReady; }, 60'000)) {
        QTextStream(stderr) << "contention_bench: " << parser.value(QStringLiteral("dataset")) << " did not load\n";
        return 1;
    }
    LatestJobRunner runner(QStringLiteral("benchmark"));

    Samples samples;
    for (int repeat = 0; repeat < repeats; ++repeat)
        measureOneRepeat(*window, runner, dataset, seconds, grids, repeat, samples);
    window->close();
    window.reset();

    auto rounded = [](double value, int decimals) { return QString::number(value, 'f', decimals).toDouble(); };
    QJsonObject result{
        {QStringLiteral("bench"), QStringLiteral("contention")},
        {QStringLiteral("dataset"), dataset->name},
        {QStringLiteral("config"), QStringLiteral("mlp 784-400-20 relu bernoulli analytic adam lr 1e-3 batch 128")},
        {QStringLiteral("cores"), QThread::idealThreadCount()},
        {QStringLiteral("load"), QStringLiteral("one child process spinning on a core")},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("seconds_per_run"), seconds},
        {QStringLiteral("load_before"), loadBefore},
        {QStringLiteral("load_after"), loadAverage()},
    };
    for (const auto& [name, values] : samples) {
        if (name.startsWith(QLatin1String("grid_")))
            result.insert(name + QStringLiteral("_p50_ms"), rounded(median(values), 2));
        else
            result.insert(name + QStringLiteral("_images_per_s"), rounded(median(values), 0));
    }
    const double autoOverOne =
        medianRatio(samples, QStringLiteral("headless_loaded_auto"), QStringLiteral("headless_loaded_one"));
    const double windowKeeps =
        medianRatio(samples, QStringLiteral("window_loaded_auto"), QStringLiteral("window_quiet_auto"));
    const double gridLoaded = median(samples[QStringLiteral("grid_loaded_auto")]);
    result.insert(QStringLiteral("headless_loaded_auto_over_one"), rounded(autoOverOne, 3));
    result.insert(
        QStringLiteral("headless_quiet_auto_over_all_cores"),
        rounded(medianRatio(samples, QStringLiteral("headless_quiet_auto"), QStringLiteral("headless_quiet_all_cores")),
                3));
    result.insert(QStringLiteral("window_loaded_over_quiet"), rounded(windowKeeps, 3));
    result.insert(QStringLiteral("goals_met"), autoOverOne >= 1.0 && windowKeeps >= 0.5 && gridLoaded < 15.0);
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
