// A long session in the real window, offscreen: it trains continuously (one run of a few epochs
// after another on the reference configuration), keeps the latent views refreshing (the cursor
// moves, test images are selected, the explorer's tabs change), exports a picture, a GIF, codes or
// a CSV every minute and autosaves every two, and samples the process's resident memory and
// threads. Prints one JSON line: memory at the end of the warm-up (5 minutes) and at the end, its
// peak, the threads, images/s in the first and last 5 minutes. Goals: memory growth after the
// warm-up under 5%, no thread growth, speed steady.
// Usage: soak [--minutes M (60)] [--warmup-minutes W (5)] [--dataset D] [--epochs-per-run E (10)]
//             [--threads T]
// Runs offscreen unless a platform is set, with throwaway settings and data folders.

#include "bench/BenchSupport.h"
#include "core/data/Dataset.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/commands/Autosave.h"
#include "ui/commands/ExportActions.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentSpace.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace vae;
using namespace vae::bench;

namespace {

// What /proc/self/status says of the process at one moment.
struct ProcessSample {
    double seconds = 0;
    double residentMegabytes = 0;
    double peakResidentMegabytes = 0;
    int threads = 0;
    std::int64_t images = 0; // trained since the soak began
};

double statusField(const QString& status, const QString& name)
{
    for (const QString& line : status.split(QLatin1Char('\n'))) {
        if (line.startsWith(name + QLatin1Char(':')))
            return line.mid(name.size() + 1).trimmed().section(QLatin1Char(' '), 0, 0).toDouble();
    }
    return 0;
}

ProcessSample sampleProcess(double seconds, std::int64_t images)
{
    QFile file(QStringLiteral("/proc/self/status"));
    file.open(QIODevice::ReadOnly);
    const QString status = QString::fromLatin1(file.readAll());
    return {seconds, statusField(status, QStringLiteral("VmRSS")) / 1024.0,
            statusField(status, QStringLiteral("VmHWM")) / 1024.0, int(statusField(status, QStringLiteral("Threads"))),
            images};
}

// The first sample at or after `seconds` (the last one if none is).
const ProcessSample& sampleAt(const std::vector<ProcessSample>& samples, double seconds)
{
    const auto found = std::find_if(samples.begin(), samples.end(),
                                    [seconds](const ProcessSample& sample) { return sample.seconds >= seconds; });
    return found == samples.end() ? samples.back() : *found;
}

double imagesPerSecondBetween(const ProcessSample& from, const ProcessSample& to)
{
    return to.seconds > from.seconds ? double(to.images - from.images) / (to.seconds - from.seconds) : 0.0;
}

// The exports a user makes now and then, in turn: every kind the window writes, the heaviest
// (codes of the test set, the GIF) included.
const QStringList exportActionNames = {
    QStringLiteral("exportGrid"),        QStringLiteral("exportInterpolationGif"), QStringLiteral("exportTestCodes"),
    QStringLiteral("exportPriorSheet"),  QStringLiteral("exportStepsCsv"),         QStringLiteral("exportPlotPng"),
    QStringLiteral("exportCursorImage"), QStringLiteral("exportEpochsCsv"),
};

// The interval that fits `turns` events into the first three quarters of the warm-up, never
// longer than the steady one.
int firstRoundInterval(double warmupSeconds, int turns, int steadyMilliseconds)
{
    return std::min(steadyMilliseconds, std::max(1000, int(750.0 * warmupSeconds / std::max(1, turns))));
}

} // namespace

int main(int argc, char* argv[])
{
    BenchApplication application(argc, argv, QStringLiteral("soak"));
    QApplication& app = application.app();
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("minutes"), QStringLiteral("How long to run."), QStringLiteral("M"), QStringLiteral("60")});
    parser.addOption({QStringLiteral("warmup-minutes"), QStringLiteral("Memory growth is measured from here."),
                      QStringLiteral("W"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset (default: Fashion-MNIST)."),
                      QStringLiteral("D"), QStringLiteral("/usr/share/datasets/fashion-mnist")});
    parser.addOption({QStringLiteral("epochs-per-run"), QStringLiteral("Epochs before a new model starts."),
                      QStringLiteral("E"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Training threads (0: the default)."),
                      QStringLiteral("T"), QStringLiteral("0")});
    parser.addHelpOption();
    parser.process(app);
    const double seconds = std::max(1.0, parser.value(QStringLiteral("minutes")).toDouble() * 60.0);
    const double warmupSeconds =
        std::min(seconds / 2.0, std::max(0.0, parser.value(QStringLiteral("warmup-minutes")).toDouble() * 60.0));
    const QString datasetSpec = parser.value(QStringLiteral("dataset"));
    TrainingConfig config = referenceConfig();
    config.epochs = std::max(1, parser.value(QStringLiteral("epochs-per-run")).toInt());
    config.threads = std::max(0, parser.value(QStringLiteral("threads")).toInt());
    storeTrainingConfig(config);

    MainWindow window;
    TrainingSession& session = window.session();
    std::shared_ptr<const Dataset> dataset;
    QObject::connect(&session, &TrainingSession::modelReady, [&](const RunInfo& run) { dataset = run.dataset; });
    window.resize(1400, 900);
    window.show();
    window.openDataset(datasetSpec);
    if (!waitFor([&] { return dataset != nullptr && session.state() == SessionState::Ready; }, 120'000)) {
        QTextStream(stderr) << "soak: " << datasetSpec << " did not load\n";
        return 1;
    }

    const QString exportFolder = application.scratch().filePath(QStringLiteral("exports"));
    QDir().mkpath(exportFolder);
    window.exports().setFileChooser([&](const QString&, const QString& suggested, const QString&) {
        return QDir(exportFolder).filePath(QFileInfo(suggested).fileName());
    });
    window.exports().setLayoutChooser(
        [](int, const ImageExportLayout& current) { return std::optional<ImageExportLayout>(current); });
    int failures = 0;
    QString firstFailure;
    auto noteFailure = [&](const QString& message) {
        if (failures++ == 0)
            firstFailure = message;
    };
    QObject::connect(&window.exports(), &ExportActions::failed, noteFailure);
    QObject::connect(&session, &TrainingSession::failed, noteFailure);
    QObject::connect(&window.explorer(), &LatentExplorer::failed, noteFailure);
    int exports = 0;
    QObject::connect(&window.exports(), &ExportActions::exported, [&] { ++exports; });
    int autosaves = 0;
    QObject::connect(&window.autosave(), &Autosave::saved, [&] { ++autosaves; });
    window.autosave().setInterval(120'000);

    std::int64_t images = 0;
    QObject::connect(&session, &TrainingSession::stepsTrained, [&](const QVector<StepMetrics>& steps) {
        images += std::int64_t(steps.size()) * config.batchSize;
    });
    // One run after another: a finished run makes way for a new model, as a user starting over.
    int runs = 0;
    QObject::connect(&session, &TrainingSession::stateChanged, [&](SessionState state) {
        if (state == SessionState::Finished) {
            ++runs;
            window.startWhenReady();
            session.reset(config, dataset);
        }
    });

    QElapsedTimer clock;
    clock.start();
    std::vector<ProcessSample> samples{sampleProcess(0, 0)};
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout,
                     [&] { samples.push_back(sampleProcess(milliseconds(clock) * 1e-3, images)); });
    sampler.start(10'000);

    LatentSpace& space = window.explorer().space();
    QTimer cursor;
    QObject::connect(&cursor, &QTimer::timeout, [&] {
        const double angle = milliseconds(clock) * 1e-3;
        space.setCursor(QPointF(2.0 * std::cos(angle), 2.0 * std::sin(angle)));
    });
    cursor.start(100);
    int selections = 0;
    QTimer selector;
    QObject::connect(&selector, &QTimer::timeout, [&] {
        if (dataset && dataset->test.count() > 0)
            space.select((++selections * 7919) % dataset->test.count());
    });
    selector.start(5'000);
    // Every tab and every export comes once within the warm-up, so that what they start lazily
    // (runners, caches, pools) is there before the memory and threads are measured; then at a
    // user's pace.
    QTabWidget& explorerTabs = window.explorer().tabs();
    int tabTurns = 0;
    QTimer tabs;
    QObject::connect(&tabs, &QTimer::timeout, [&] {
        explorerTabs.setCurrentIndex((explorerTabs.currentIndex() + 1) % explorerTabs.count());
        if (++tabTurns == explorerTabs.count())
            tabs.setInterval(30'000);
    });
    tabs.start(firstRoundInterval(warmupSeconds, explorerTabs.count(), 30'000));
    int exportTurn = 0;
    QTimer exporter;
    QObject::connect(&exporter, &QTimer::timeout, [&] {
        const QString name = exportActionNames[exportTurn++ % exportActionNames.size()];
        if (auto* action = window.findChild<QAction*>(name); action && action->isEnabled())
            action->trigger();
        if (exportTurn == exportActionNames.size())
            exporter.setInterval(60'000);
    });
    exporter.start(firstRoundInterval(warmupSeconds, int(exportActionNames.size()), 60'000));

    session.start();
    pumpEvents(int(seconds * 1000.0));
    samples.push_back(sampleProcess(milliseconds(clock) * 1e-3, images));

    const ProcessSample& warm = sampleAt(samples, warmupSeconds);
    const ProcessSample& last = samples.back();
    const ProcessSample& lastWindowStart = sampleAt(samples, last.seconds - warmupSeconds);
    // Pools start threads on demand and let idle ones expire, so one sample's count wanders; growth
    // is the most threads after the warm-up passing the most during it.
    int maximumThreadsInWarmup = 0;
    int maximumThreadsAfter = 0;
    for (const ProcessSample& sample : samples) {
        int& maximum = sample.seconds <= warm.seconds ? maximumThreadsInWarmup : maximumThreadsAfter;
        maximum = std::max(maximum, sample.threads);
    }
    const double growth = (last.residentMegabytes - warm.residentMegabytes) / warm.residentMegabytes;
    const double firstSpeed = imagesPerSecondBetween(samples.front(), warm);
    const double lastSpeed = imagesPerSecondBetween(lastWindowStart, last);
    auto rounded = [](double value, int decimals) { return QString::number(value, 'f', decimals).toDouble(); };
    // The memory's course, a figure a minute: a leak climbs steadily, an allocator's high-water mark steps and stays.
    QJsonArray residentByMinute;
    for (double minute = 0; minute * 60.0 <= last.seconds; ++minute)
        residentByMinute.append(rounded(sampleAt(samples, minute * 60.0).residentMegabytes, 1));
    const QJsonObject result{
        {QStringLiteral("bench"), QStringLiteral("soak")},
        {QStringLiteral("dataset"), dataset->name},
        {QStringLiteral("minutes"), rounded(last.seconds / 60.0, 1)},
        {QStringLiteral("warmup_minutes"), rounded(warmupSeconds / 60.0, 1)},
        {QStringLiteral("runs_finished"), runs},
        {QStringLiteral("exports"), exports},
        {QStringLiteral("autosaves"), autosaves},
        {QStringLiteral("failures"), failures},
        {QStringLiteral("first_failure"), firstFailure},
        {QStringLiteral("rss_mb_after_warmup"), rounded(warm.residentMegabytes, 1)},
        {QStringLiteral("rss_mb_end"), rounded(last.residentMegabytes, 1)},
        {QStringLiteral("rss_peak_mb"), rounded(last.peakResidentMegabytes, 1)},
        {QStringLiteral("rss_growth_after_warmup"), rounded(growth, 4)},
        {QStringLiteral("rss_mb_by_minute"), residentByMinute},
        {QStringLiteral("threads_after_warmup"), warm.threads},
        {QStringLiteral("threads_end"), last.threads},
        {QStringLiteral("threads_max_in_warmup"), maximumThreadsInWarmup},
        {QStringLiteral("threads_max_after_warmup"), maximumThreadsAfter},
        {QStringLiteral("images_per_s_first"), rounded(firstSpeed, 0)},
        {QStringLiteral("images_per_s_last"), rounded(lastSpeed, 0)},
        {QStringLiteral("memory_goal_met"), growth < 0.05},
        {QStringLiteral("threads_goal_met"), maximumThreadsAfter <= maximumThreadsInWarmup},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
