#include "tests/support/trained_model_fixture.h"

#include "core/data/DatasetLoader.h"
#include "core/files/AtomicFile.h"
#include "core/files/CheckpointFile.h"
#include "core/files/NpyWriter.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/Autosave.h"
#include "ui/commands/SessionFiles.h"
#include "ui/curves/CurvesView.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSpace.h"
#include "ui/window/MainWindow.h"

#include <QDir>
#include <QJsonDocument>
#include <QTabWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <random>

namespace vae {
namespace {

using testing::waitUntil;

// The window as a user has it, with MainWindow's own wiring, and what its session reported.
struct Window {
    Window()
    {
        // Autosaves of these runs (on every pause) go to the test's folder, not the user's.
        main.autosave().setPath(autosaveFolder.filePath(QStringLiteral("autosave.vae")));
        QObject::connect(&session, &TrainingSession::modelReady, [this](const RunInfo& run) { runs.push_back(run); });
        QObject::connect(&session, &TrainingSession::stepsTrained, [this](const QVector<StepMetrics>& trained) {
            steps.insert(steps.end(), trained.begin(), trained.end());
        });
        QObject::connect(&session, &TrainingSession::modelSaved,
                         [this](const QString& path) { saved.push_back(path); });
        QObject::connect(&session, &TrainingSession::failed,
                         [this](const QString& message) { failures.push_back(message); });
        main.resize(1400, 900);
        main.show();
    }
    void trainSteps(int count)
    {
        const std::size_t target = steps.size() + std::size_t(count);
        for (int i = 0; i < count; ++i)
            session.step();
        EXPECT_TRUE(waitUntil([&] { return steps.size() == target; }))
            << "trained " << steps.size() << " of " << target << " steps";
    }
    void saveAndWait(const QString& path)
    {
        const std::size_t before = saved.size();
        files.save(path);
        EXPECT_TRUE(waitUntil([&] { return saved.size() > before; }));
    }

    QTemporaryDir autosaveFolder;
    MainWindow main;
    TrainingSession& session = main.session();
    LatentExplorer& explorer = main.explorer();
    CurvesView& curves = main.curves();
    SessionFiles& files = main.sessionFiles();
    Autosave& autosave = main.autosave();
    std::vector<RunInfo> runs;
    std::vector<StepMetrics> steps;
    std::vector<QString> saved;
    std::vector<QString> failures;
};

TrainingConfig quickConfig()
{
    TrainingConfig config = testing::tinyConfig();
    config.hiddenLayers = {32};
    config.batchSize = 100;
    config.seed = 7;
    config.threads = 1;
    return config;
}

TEST(Sessions, ASavedAndReopenedRunContinuesExactlyAsAnUninterruptedOne)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("run.vae"));
    {
        Window first;
        first.session.reset(quickConfig(), testing::shapesDataset());
        ASSERT_TRUE(waitUntil([&] { return first.session.state() == SessionState::Ready; }));
        first.trainSteps(7);
        first.saveAndWait(path);
    }
    Window resumed;
    ASSERT_TRUE(resumed.files.open(path));
    ASSERT_TRUE(waitUntil([&] { return resumed.runs.size() == 1 && resumed.session.state() == SessionState::Ready; }));
    EXPECT_EQ(resumed.runs[0].completedSteps, 7);
    resumed.trainSteps(9);

    Window uninterrupted;
    uninterrupted.session.reset(quickConfig(), testing::shapesDataset());
    ASSERT_TRUE(waitUntil([&] { return uninterrupted.session.state() == SessionState::Ready; }));
    uninterrupted.trainSteps(16);

    ASSERT_EQ(resumed.steps.size(), 9u);
    ASSERT_EQ(uninterrupted.steps.size(), 16u);
    for (std::size_t i = 0; i < 9; ++i) {
        const StepMetrics& after = resumed.steps[i];
        const StepMetrics& expected = uninterrupted.steps[i + 7];
        EXPECT_EQ(after.step, expected.step);
        EXPECT_EQ(after.elbo, expected.elbo) << "step " << expected.step;
        EXPECT_EQ(after.kl, expected.kl) << "step " << expected.step;
    }
    for (std::size_t i = 0; i < 7; ++i) // the curves rebuild from the saved history
        EXPECT_EQ(resumed.runs[0].history.steps[i].elbo, uninterrupted.steps[i].elbo);
}

TEST(Sessions, TheViewStateRoundTripsThroughASavedSession)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("view.vae"));
    QJsonObject chosen;
    {
        Window window;
        ASSERT_TRUE(window.files.open(testing::trainedModel(3).checkpointPath));
        ASSERT_TRUE(waitUntil([&] { return window.explorer.space().encoded() != nullptr; }));
        LatentSpace& space = window.explorer.space();
        space.select(5);
        space.choosePlane({PlaneAxes::Dimensions, 2, 0, PlaneReference::SelectedImage});
        window.explorer.planePanel().controls().setGrid({7, 2.5, GridSpacing::Quantile});
        space.setCursor(QPointF(0.5, -1.25));
        space.setDecoderOutput(DecoderOutput::Sample);
        InterpolationChoice interpolation;
        interpolation.ends = {InterpolationEnd{3, {}}, InterpolationEnd{-1, {0.25f, -0.5f, 1.0f}}};
        interpolation.steps = 6;
        interpolation.kind = InterpolationKind::Spherical;
        window.explorer.interpolationPanel().setChoice(interpolation);
        window.explorer.samplesPanel().setSeed(42);
        window.explorer.tabs().setCurrentIndex(2);
        window.curves.setDisplay({0.5, CurveAxisUnit::Epochs, true});
        chosen = window.files.viewState();
        window.saveAndWait(path);
    }
    const QJsonObject plane = chosen.value(QStringLiteral("plane")).toObject();
    EXPECT_EQ(plane.value(QStringLiteral("axis_x")).toInt(), 2);
    EXPECT_EQ(plane.value(QStringLiteral("selected_image")).toInt(), 5);
    EXPECT_EQ(plane.value(QStringLiteral("cells")).toInt(), 7);
    EXPECT_EQ(chosen.value(QStringLiteral("decoder_output")).toString(), QStringLiteral("sample"));
    EXPECT_EQ(readCheckpointFile(path).view, chosen);

    Window reopened;
    ASSERT_TRUE(reopened.files.open(path));
    ASSERT_TRUE(waitUntil([&] { return reopened.files.viewState() == chosen; }))
        << QJsonDocument(reopened.files.viewState()).toJson().toStdString() << "\nwanted\n"
        << QJsonDocument(chosen).toJson().toStdString();
    EXPECT_EQ(reopened.explorer.space().selected(), 5);
    EXPECT_EQ(reopened.explorer.space().planeChoice().axisX, 2);
    EXPECT_EQ(reopened.explorer.space().cursor(), QPointF(0.5, -1.25));
    EXPECT_EQ(reopened.curves.display().unit, CurveAxisUnit::Epochs);
}

// A dataset of random grey images (200 of side x side) as a .npy file, so it can be moved or changed.
void writeNpyDataset(const QString& path, int side = 8)
{
    std::mt19937 random(3);
    std::uniform_real_distribution<float> grey(0.0f, 1.0f);
    std::vector<float> pixels(std::size_t(200 * side * side));
    for (float& pixel : pixels)
        pixel = grey(random);
    writeFileAtomically(path, npyBytes(pixels, {200, side, side}));
}

TEST(Sessions, OpeningARunWhoseDatasetMovedAsksWhereItIs)
{
    QTemporaryDir folder;
    QDir(folder.path()).mkdir(QStringLiteral("before"));
    QDir(folder.path()).mkdir(QStringLiteral("after"));
    const QString before = folder.filePath(QStringLiteral("before/images.npy"));
    const QString after = folder.filePath(QStringLiteral("after/images.npy"));
    const QString path = folder.filePath(QStringLiteral("moved.vae"));
    writeNpyDataset(before);
    {
        Window window;
        TrainingConfig config = quickConfig();
        config.batchSize = 20;
        window.session.reset(config, std::make_shared<const Dataset>(loadDataset(before)));
        ASSERT_TRUE(waitUntil([&] { return window.session.state() == SessionState::Ready; }));
        window.trainSteps(2);
        window.saveAndWait(path);
    }
    ASSERT_TRUE(QFile::rename(before, after));

    Window window;
    window.session.reset(quickConfig(), testing::shapesDataset());
    ASSERT_TRUE(waitUntil([&] { return window.runs.size() == 1; }));
    QStringList asked;
    window.files.setDatasetLocator([&](const QString& checkpoint, const QString& missing) {
        asked << checkpoint << missing;
        return QString();
    });
    EXPECT_FALSE(window.files.open(path)); // cancelled: the current run stays
    EXPECT_EQ(asked, (QStringList{path, before}));
    // The session handles requests in order: had the open gone out, this step would come after a
    // second model.
    window.trainSteps(1);
    EXPECT_EQ(window.runs.size(), 1u);
    EXPECT_EQ(window.steps.back().step, 1);

    window.files.setDatasetLocator([&](const QString&, const QString&) { return after; });
    EXPECT_TRUE(window.files.open(path));
    ASSERT_TRUE(waitUntil([&] { return window.runs.size() == 2; }));
    EXPECT_EQ(window.runs[1].dataset->source, after);
    EXPECT_EQ(window.runs[1].completedSteps, 2);
    EXPECT_TRUE(window.failures.empty()) << window.failures.front().toStdString();
}

// The dataset is where it was but holds images of another size: nothing to ask, the model cannot
// use it. The window says so, naming both files, and keeps the run it has.
TEST(Sessions, OpeningARunWhoseDatasetChangedShapeSaysSoAndKeepsTheCurrentRun)
{
    QTemporaryDir folder;
    const QString dataset = folder.filePath(QStringLiteral("images.npy"));
    const QString path = folder.filePath(QStringLiteral("changed.vae"));
    writeNpyDataset(dataset);
    {
        Window window;
        TrainingConfig config = quickConfig();
        config.batchSize = 20;
        window.session.reset(config, std::make_shared<const Dataset>(loadDataset(dataset)));
        ASSERT_TRUE(waitUntil([&] { return window.session.state() == SessionState::Ready; }));
        window.trainSteps(2);
        window.saveAndWait(path);
    }
    writeNpyDataset(dataset, 10);

    Window window;
    window.session.reset(quickConfig(), testing::shapesDataset());
    ASSERT_TRUE(waitUntil([&] { return window.runs.size() == 1; }));
    bool asked = false;
    window.files.setDatasetLocator([&](const QString&, const QString&) {
        asked = true;
        return QString();
    });
    EXPECT_TRUE(window.files.open(path));
    ASSERT_TRUE(waitUntil([&] { return !window.failures.empty(); }));
    EXPECT_FALSE(asked);
    for (const QString& part : {path, dataset, QStringLiteral("trained on 1x8x8 images"), QStringLiteral("1x10x10")})
        EXPECT_TRUE(window.failures.front().contains(part))
            << "'" << part.toStdString() << "' not in: " << window.failures.front().toStdString();
    // The failure came after the open was handled: the run trains on where it was.
    window.trainSteps(1);
    EXPECT_EQ(window.runs.size(), 1u);
    EXPECT_EQ(window.steps.back().step, 1);
}

TEST(Sessions, AnAutosaveSurvivesARunThatWasNeverSaved)
{
    QTemporaryDir folder;
    const QString autosavePath = folder.filePath(QStringLiteral("autosave.vae"));
    std::vector<StepMetrics> received; // what the window saw of the run before it died
    {
        Window window;
        Autosave& autosave = window.autosave;
        autosave.setPath(autosavePath);
        autosave.setInterval(100); // milliseconds, where the window waits minutes
        std::vector<QString> autosaved;
        QObject::connect(&autosave, &Autosave::saved, [&](const QString& path) { autosaved.push_back(path); });
        window.session.reset(quickConfig(), testing::shapesDataset());
        ASSERT_TRUE(waitUntil([&] { return window.session.state() == SessionState::Ready; }));
        window.session.start();
        ASSERT_TRUE(waitUntil([&] { return autosaved.size() >= 2; }));
        received = window.steps;
        // Destroyed while training, without saving: what a crash leaves behind.
    }
    ASSERT_TRUE(QFile::exists(autosavePath));
    const CheckpointContents kept = readCheckpointFile(autosavePath);
    // The autosave holds the beginning of that very run: the training thread may have saved steps
    // the window had not been sent yet, so compare where both have them.
    ASSERT_GT(kept.history.steps.size(), 0u);
    ASSERT_GT(received.size(), 0u);
    for (std::size_t i = 0; i < std::min(kept.history.steps.size(), received.size()); ++i) {
        EXPECT_EQ(kept.history.steps[i].step, std::int64_t(i + 1));
        EXPECT_EQ(kept.history.steps[i].elbo, received[i].elbo) << "step " << i + 1;
    }
    EXPECT_TRUE(kept.view.contains(QStringLiteral("plane")));

    // The next launch finds it, and reopening it continues that run.
    Window next;
    Autosave& autosave = next.autosave;
    autosave.setPath(autosavePath);
    const std::optional<Autosave::Leftover> leftover = autosave.leftover();
    ASSERT_TRUE(leftover);
    EXPECT_TRUE(leftover->sessionPath.isEmpty()); // never saved by the user
    ASSERT_TRUE(next.files.open(autosavePath));
    ASSERT_TRUE(waitUntil([&] { return next.runs.size() == 1; }));
    EXPECT_EQ(next.runs[0].completedSteps, std::int64_t(kept.history.steps.size()));
    EXPECT_TRUE(autosave.sessionPathOf(next.runs[0]).isEmpty());
}

} // namespace
} // namespace vae
