// Measures the latent views while a model trains on Fashion-MNIST in the same process (d_z = 2,
// 784-400-2 ReLU MLP, Bernoulli, Adam 1e-3, batch 128, one training thread per core), the
// explorer on screen and decoding every snapshot as in the window, and prints one JSON line:
//  - grid_*: decode-and-paint of a 20 x 20 grid of 28 x 28 images: the decode on a view's runner
//    thread plus the plane repainting with it (goal: median under 10 ms); also the decode with
//    two compute threads instead of one, the choice LatestJobRunner makes, and with the training
//    paused, for how busy the machine is otherwise;
//  - preview_*: one decoded point for the drag preview, along a dragged path (goal: p99 under 5 ms);
//  - scatter_*: repainting the plane with the 10,000 encoded test images after each zoom or pan
//    step (goal: no visible lag, i.e. well inside a 16 ms frame), with the grid in front (faint
//    dots) and with the test set in front (markers over a faded grid), and with only the cursor
//    moved;
//  - encode_ms: encoding the 10,000 test images, as the explorer does once a second;
//  - training_with_views: images/s of the training with the explorer shown over with it hidden,
//    interleaved.
// Usage: latent_bench [--dataset D] [--repeats N]. Runs offscreen unless a platform is set.

#include "bench/BenchSupport.h"
#include "core/data/DatasetLoader.h"
#include "core/decode/DecodedImages.h"
#include "core/decode/LatentCodes.h"
#include "core/engine/EngineRuntime.h"
#include "core/engine/Trainer.h"
#include "core/latent/LatentAxisScale.h"
#include "core/session/LatestJobRunner.h"
#include "core/session/TrainingSession.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSpace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <functional>

namespace {

using namespace vae;
using bench::BenchApplication;
using bench::milliseconds;
using bench::pumpEvents;
using bench::quantile;
using bench::waitFor;

constexpr int gridCells = 20;

TrainingConfig benchConfig()
{
    TrainingConfig config;
    config.latentDim = 2;
    config.hiddenLayers = {400};
    config.epochs = 1000;
    return config;
}

// Runs `job` on the runner's thread, waits for its reply, and returns the job's own time.
template <typename Result>
double timedOnRunner(LatestJobRunner& runner, const std::function<Result()>& job,
                     const std::function<void(Result)>& use)
{
    double jobMilliseconds = -1;
    bool answered = false;
    runner.run(
        [&job, &jobMilliseconds] {
            QElapsedTimer timer;
            timer.start();
            Result result = job();
            jobMilliseconds = milliseconds(timer);
            return result;
        },
        [&](Result result) {
            use(std::move(result));
            answered = true;
        });
    waitFor([&] { return answered; }, 60'000);
    return jobMilliseconds;
}

// The grid as the latent plane panel decodes it, ready to paint.
QImage decodeBenchGrid(const ModelSnapshot& model, const LatentPlane& plane)
{
    return decodeGridImage(model, plane, gridCells, 3.0, GridSpacing::Linear).convertToFormat(QImage::Format_RGB32);
}

// The same decode on a thread with LibTorch's default team of one thread per core.
double gridDecodeWithTwoThreads(const ModelSnapshot& model, const LatentPlane& plane)
{
    double elapsed = 0;
    QThread* thread = QThread::create([&] {
        setComputeThreads(2);
        QElapsedTimer timer;
        timer.start();
        [[maybe_unused]] const QImage grid = decodeBenchGrid(model, plane);
        elapsed = milliseconds(timer);
    });
    thread->start();
    waitFor([thread] { return thread->isFinished(); }, 60'000);
    delete thread;
    return elapsed;
}

void sendWheel(QWidget& widget, const QPointF& at, int delta)
{
    QWheelEvent wheel(at, widget.mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &wheel);
}

void sendMouse(QWidget& widget, QEvent::Type type, const QPointF& at, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, at, widget.mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(&widget, &event);
}

// Training images per second over `seconds`, counted from the session's step reports.
double trainingImagesPerSecond(TrainingSession& session, int batchSize, int seconds)
{
    std::int64_t first = -1;
    std::int64_t last = -1;
    const auto connection =
        QObject::connect(&session, &TrainingSession::stepsTrained, [&](const QVector<StepMetrics>& steps) {
            if (first < 0)
                first = steps.last().step;
            last = steps.last().step;
        });
    waitFor([&] { return first >= 0; }, 10'000);
    QElapsedTimer timer;
    timer.start();
    const std::int64_t start = last;
    pumpEvents(seconds * 1000);
    const double elapsed = double(timer.nsecsElapsed()) * 1e-9;
    QObject::disconnect(connection);
    return double(last - start) * batchSize / elapsed;
}

} // namespace

int main(int argc, char* argv[])
{
    BenchApplication application(argc, argv, QStringLiteral("latent_bench"));
    QApplication& app = application.app();
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset (default: Fashion-MNIST)."),
                      QStringLiteral("D"), QStringLiteral("/usr/share/datasets/fashion-mnist")});
    parser.addOption({QStringLiteral("repeats"), QStringLiteral("Measurements of each kind."), QStringLiteral("N"),
                      QStringLiteral("60")});
    parser.addHelpOption();
    parser.process(app);
    const int repeats = std::max(5, parser.value(QStringLiteral("repeats")).toInt());

    std::shared_ptr<const Dataset> dataset;
    try {
        dataset = std::make_shared<const Dataset>(loadDataset(parser.value(QStringLiteral("dataset"))));
    } catch (const std::exception& error) {
        QTextStream(stderr) << "latent_bench: " << error.what() << '\n';
        return 1;
    }
    const TrainingConfig config = benchConfig();
    TrainingSession session;
    LatentExplorer explorer;
    QObject::connect(&session, &TrainingSession::modelReady, &explorer, &LatentExplorer::showRun);
    QObject::connect(&session, &TrainingSession::snapshotReady, &explorer, &LatentExplorer::showSnapshot);
    QObject::connect(&session, &TrainingSession::failed,
                     [](const QString& message) { QTextStream(stderr) << "latent_bench: " << message << '\n'; });
    // The explorer's size in the window at its default 1400 x 900: the plane fits 20 cells at 1x.
    explorer.resize(1010, 800);
    explorer.show();
    session.reset(config, dataset);
    session.start();
    LatentSpace& space = explorer.space();
    // A few seconds in: the classes have spread out and every view has decoded some snapshots.
    if (!waitFor([&] { return space.encoded() && session.state() == SessionState::Running; }, 60'000)) {
        QTextStream(stderr) << "latent_bench: training did not start\n";
        return 1;
    }
    pumpEvents(4000);

    LatestJobRunner runner(QStringLiteral("benchmark"));
    LatentPlaneView& view = explorer.planePanel().view();
    const auto [low, high] = gridViewExtent(gridCells, 3.0, GridSpacing::Linear);
    std::vector<double> gridDecode, gridPaint, gridTotal, gridTwoThreads;
    for (int i = 0; i < repeats; ++i) {
        const SnapshotPtr snapshot = space.snapshot();
        const LatentPlane plane = space.plane();
        double paint = 0;
        const double decode = timedOnRunner<QImage>(
            runner, [&] { return decodeBenchGrid(*snapshot, plane); },
            [&](QImage image) {
                QElapsedTimer timer;
                timer.start();
                view.setGrid(image, QRectF(QPointF(low, low), QPointF(high, high)));
                view.repaint();
                paint = milliseconds(timer);
            });
        gridDecode.push_back(decode);
        gridPaint.push_back(paint);
        gridTotal.push_back(decode + paint);
        if (i % 4 == 0)
            gridTwoThreads.push_back(gridDecodeWithTwoThreads(*snapshot, plane));
        pumpEvents(20);
    }

    std::vector<double> previewDecode, previewRoundTrip;
    for (int i = 0; i < repeats * 8; ++i) {
        const double angle = 0.05 * i;
        const std::vector<float> z = space.plane().point(2.0 * std::cos(angle), 1.5 * std::sin(angle));
        const SnapshotPtr snapshot = space.snapshot();
        QElapsedTimer roundTrip;
        roundTrip.start();
        previewDecode.push_back(timedOnRunner<QImage>(
            runner, [&] { return decodeImages(*snapshot, z).front(); }, [](QImage) {}));
        previewRoundTrip.push_back(milliseconds(roundTrip));
        if (i % 16 == 0)
            pumpEvents(5);
    }

    std::vector<double> encode;
    for (int i = 0; i < std::max(5, repeats / 6); ++i) {
        const SnapshotPtr snapshot = space.snapshot();
        encode.push_back(timedOnRunner<int>(
            runner, [&] { return encodeImageSet(*snapshot, dataset->test).count; }, [](int) {}));
        pumpEvents(50);
    }

    std::vector<double> scatterPaint, scatterFrontPaint, cursorPaint;
    const QPointF middle(view.width() / 2.0, view.height() / 2.0);
    for (int i = 0; i < 2 * repeats; ++i) {
        // The first half with the grid in front, as the window opens; the second with the test set.
        view.setDataInFront(i >= repeats);
        std::vector<double>& scatter = i < repeats ? scatterPaint : scatterFrontPaint;
        sendWheel(view, middle + QPointF(20 * std::sin(i), 0), i % 8 < 4 ? 120 : -120);
        QElapsedTimer timer;
        timer.start();
        view.repaint();
        scatter.push_back(milliseconds(timer));
        sendMouse(view, QEvent::MouseButtonPress, middle, Qt::RightButton, Qt::RightButton);
        sendMouse(view, QEvent::MouseMove, middle + QPointF(6, -4), Qt::NoButton, Qt::RightButton);
        sendMouse(view, QEvent::MouseButtonRelease, middle + QPointF(6, -4), Qt::RightButton, Qt::NoButton);
        timer.restart();
        view.repaint();
        scatter.push_back(milliseconds(timer));
        view.setCursorPoint(QPointF(std::cos(i * 0.1), std::sin(i * 0.1)));
        timer.restart();
        view.repaint();
        cursorPaint.push_back(milliseconds(timer));
        pumpEvents(5);
    }
    view.setDataInFront(false);
    view.resetView();
    const int shownPoints = space.encoded() ? space.encoded()->codes.count : 0;

    // The same decode with the training paused: what the machine gives without it, a reference
    // for how noisy it is at the moment.
    session.pause();
    waitFor([&] { return session.state() == SessionState::Paused; }, 10'000);
    std::vector<double> gridDecodeIdle;
    for (int i = 0; i < repeats / 2; ++i) {
        const SnapshotPtr snapshot = space.snapshot();
        const LatentPlane plane = space.plane();
        gridDecodeIdle.push_back(timedOnRunner<QImage>(
            runner, [&] { return decodeBenchGrid(*snapshot, plane); }, [](QImage) {}));
    }
    session.start();

    // The training's own speed with the views working and with them hidden, alternated.
    std::vector<double> ratios;
    for (int i = 0; i < 3; ++i) {
        explorer.show();
        const double withViews = trainingImagesPerSecond(session, config.batchSize, 3);
        explorer.hide();
        const double withoutViews = trainingImagesPerSecond(session, config.batchSize, 3);
        ratios.push_back(withViews / withoutViews);
    }
    session.stop();

    auto rounded = [](double value, int decimals) { return QString::number(value, 'f', decimals).toDouble(); };
    const QJsonObject result{
        {QStringLiteral("bench"), QStringLiteral("latent")},
        {QStringLiteral("dataset"), dataset->name},
        {QStringLiteral("config"),
         QStringLiteral("mlp 784-400-2 relu bernoulli, training with %1 threads").arg(config.effectiveThreads())},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("grid_cells"), gridCells},
        {QStringLiteral("grid_drawn_px"), view.gridPixelRect().width()},
        {QStringLiteral("grid_decode_p50_ms"), rounded(quantile(gridDecode, 0.5), 2)},
        {QStringLiteral("grid_paint_p50_ms"), rounded(quantile(gridPaint, 0.5), 2)},
        {QStringLiteral("grid_decode_and_paint_p50_ms"), rounded(quantile(gridTotal, 0.5), 2)},
        {QStringLiteral("grid_decode_and_paint_p90_ms"), rounded(quantile(gridTotal, 0.9), 2)},
        {QStringLiteral("grid_decode_two_threads_p50_ms"), rounded(quantile(gridTwoThreads, 0.5), 2)},
        {QStringLiteral("grid_decode_training_paused_p50_ms"), rounded(quantile(gridDecodeIdle, 0.5), 2)},
        {QStringLiteral("preview_decode_p50_ms"), rounded(quantile(previewDecode, 0.5), 3)},
        {QStringLiteral("preview_decode_p99_ms"), rounded(quantile(previewDecode, 0.99), 3)},
        {QStringLiteral("preview_round_trip_p99_ms"), rounded(quantile(previewRoundTrip, 0.99), 3)},
        {QStringLiteral("scatter_points"), shownPoints},
        {QStringLiteral("scatter_repaint_p50_ms"), rounded(quantile(scatterPaint, 0.5), 2)},
        {QStringLiteral("scatter_repaint_p99_ms"), rounded(quantile(scatterPaint, 0.99), 2)},
        {QStringLiteral("scatter_in_front_repaint_p50_ms"), rounded(quantile(scatterFrontPaint, 0.5), 2)},
        {QStringLiteral("scatter_in_front_repaint_p99_ms"), rounded(quantile(scatterFrontPaint, 0.99), 2)},
        {QStringLiteral("cursor_repaint_p50_ms"), rounded(quantile(cursorPaint, 0.5), 2)},
        {QStringLiteral("encode_test_set_p50_ms"), rounded(quantile(encode, 0.5), 1)},
        {QStringLiteral("training_with_views"), rounded(quantile(ratios, 0.5), 3)},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
