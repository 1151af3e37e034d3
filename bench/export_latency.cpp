// Measures how the window answers while it exports the largest thing it exports, the latent codes
// of the training split (60,000 images of Fashion-MNIST), and prints one JSON line:
//  - how late a 5 ms QTimer fires on the GUI thread from the click until the export is written
//    (goal: p99 under 16 ms), p50, p99 and the worst;
//  - export_ms: from the click to the window saying it exported (median of the repeats);
//  - the same two for saving the run's model (784-400-20, Adam) as a .vae file: save_ms, and the
//    lateness while it saves;
//  - references for this noisy machine, each as long as an export took: the lateness with nothing
//    to do (idle_latency_*), and while one thread of this process only spins (spin_latency_*):
//    what any busy background thread costs the GUI thread beside the machine's other load.
// With --training, the model trains all along, as when a user exports in the middle of a run.
// Usage: export_latency [--dataset D] [--repeats R] [--format npy|csv] [--training]. Runs
// offscreen unless a platform is set; uses a throwaway settings and data folder.

#include "bench/BenchSupport.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/commands/ExportActions.h"
#include "ui/commands/SessionFiles.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentSpace.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <atomic>
#include <thread>

int main(int argc, char* argv[])
{
    using namespace vae;
    using namespace vae::bench;
    BenchApplication application(argc, argv, QStringLiteral("export_latency"));
    QApplication& app = application.app();
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset (default: Fashion-MNIST)."),
                      QStringLiteral("D"), QStringLiteral("/usr/share/datasets/fashion-mnist")});
    parser.addOption(
        {QStringLiteral("repeats"), QStringLiteral("Exports measured."), QStringLiteral("R"), QStringLiteral("5")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("npy or csv."), QStringLiteral("F"), QStringLiteral("npy")});
    parser.addOption({QStringLiteral("training"), QStringLiteral("Train while exporting and saving.")});
    parser.addHelpOption();
    parser.process(app);
    const QString datasetSpec = parser.value(QStringLiteral("dataset"));
    const int repeats = std::max(1, parser.value(QStringLiteral("repeats")).toInt());
    const QString target =
        application.scratch().filePath(QStringLiteral("codes-train.") + parser.value(QStringLiteral("format")));

    TrainingConfig config; // the reference model of window_bench
    config.latentDim = 20;
    config.hiddenLayers = {400};
    storeTrainingConfig(config);
    const bool training = parser.isSet(QStringLiteral("training"));

    MainWindow window;
    std::shared_ptr<const Dataset> dataset;
    QObject::connect(&window.session(), &TrainingSession::modelReady,
                     [&](const RunInfo& run) { dataset = run.dataset; });
    window.show();
    window.openDataset(datasetSpec);
    if (!waitFor([&] { return dataset && window.explorer().space().snapshot(); }, 120'000)) {
        QTextStream(stderr) << "export_latency: " << datasetSpec << " did not load\n";
        return 1;
    }
    ExportActions& exports = window.exports();
    exports.setFileChooser([&](const QString&, const QString&, const QString&) { return target; });
    int finished = 0;
    QString failure;
    QObject::connect(&exports, &ExportActions::exported, [&] { ++finished; });
    QObject::connect(&exports, &ExportActions::failed, [&](const QString& message) {
        failure = message;
        ++finished;
    });
    QAction* exportTrainCodes = window.findChild<QAction*>(QStringLiteral("exportTrainCodes"));
    waitFor([] { return false; }, 1000); // the views' first decoding is done

    if (training)
        window.session().start();

    // Runs `click` from the event loop, as a user's click arrives, until `done`; returns how long
    // that took, while `probe` times the loop.
    const auto timeClick = [](LatencyProbe& probe, const std::function<void()>& click,
                              const std::function<bool()>& done) {
        QElapsedTimer clock;
        probe.start();
        QTimer::singleShot(20, [&] {
            clock.start();
            click();
        });
        waitFor(done, 600'000);
        const double milliseconds = double(clock.nsecsElapsed()) * 1e-6;
        waitFor([] { return false; }, 50); // the loop after it, as the user goes on
        probe.stop();
        return milliseconds;
    };
    LatencyProbe probe;
    std::vector<double> exportMilliseconds;
    for (int i = 0; i < repeats && failure.isEmpty(); ++i) {
        const int before = finished;
        exportMilliseconds.push_back(timeClick(
            probe, [&] { exportTrainCodes->trigger(); }, [&] { return finished > before; }));
    }
    LatencyProbe idleProbe;
    idleProbe.start();
    waitFor([] { return false; }, int(median(exportMilliseconds)));
    idleProbe.stop();
    LatencyProbe spinProbe;
    std::atomic<bool> spinning{true};
    std::thread spinner([&] {
        while (spinning.load(std::memory_order_relaxed)) { }
    });
    spinProbe.start();
    waitFor([] { return false; }, int(median(exportMilliseconds)));
    spinProbe.stop();
    spinning = false;
    spinner.join();
    LatencyProbe saveProbe;
    std::vector<double> saveMilliseconds;
    int saves = 0;
    QObject::connect(&window.session(), &TrainingSession::modelSaved, [&] { ++saves; });
    const QString model = application.scratch().filePath(QStringLiteral("model.vae"));
    for (int i = 0; i < repeats; ++i) {
        const int before = saves;
        saveMilliseconds.push_back(timeClick(
            saveProbe, [&] { window.sessionFiles().save(model); }, [&] { return saves > before; }));
    }
    if (!failure.isEmpty()) {
        QTextStream(stderr) << "export_latency: " << failure << '\n';
        return 1;
    }

    auto rounded = [](double value, int decimals) { return QString::number(value, 'f', decimals).toDouble(); };
    const QJsonObject result{
        {QStringLiteral("bench"), QStringLiteral("export_latency")},
        {QStringLiteral("dataset"), dataset->name},
        {QStringLiteral("export"),
         QStringLiteral("latent codes of the training split as ") + parser.value(QStringLiteral("format"))},
        {QStringLiteral("images"), dataset->train.count()},
        {QStringLiteral("training"), training},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("export_ms"), rounded(median(exportMilliseconds), 0)},
        {QStringLiteral("latency_p50_ms"), rounded(quantile(probe.latenesses, 0.5), 2)},
        {QStringLiteral("latency_p99_ms"), rounded(quantile(probe.latenesses, 0.99), 2)},
        {QStringLiteral("latency_max_ms"), rounded(quantile(probe.latenesses, 1.0), 2)},
        {QStringLiteral("latency_samples"), int(probe.latenesses.size())},
        {QStringLiteral("idle_latency_p99_ms"), rounded(quantile(idleProbe.latenesses, 0.99), 2)},
        {QStringLiteral("idle_latency_max_ms"), rounded(quantile(idleProbe.latenesses, 1.0), 2)},
        {QStringLiteral("spin_latency_p99_ms"), rounded(quantile(spinProbe.latenesses, 0.99), 2)},
        {QStringLiteral("spin_latency_max_ms"), rounded(quantile(spinProbe.latenesses, 1.0), 2)},
        {QStringLiteral("save_ms"), rounded(median(saveMilliseconds), 0)},
        {QStringLiteral("save_latency_p99_ms"), rounded(quantile(saveProbe.latenesses, 0.99), 2)},
        {QStringLiteral("save_latency_max_ms"), rounded(quantile(saveProbe.latenesses, 1.0), 2)},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
