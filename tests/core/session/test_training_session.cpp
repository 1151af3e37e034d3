#include "tests/support/QtTestRegistry.h"
#include "tests/support/shapes_fixture.h"
#include "tests/support/tiny_fixture.h"

#include "core/files/CheckpointFile.h"
#include "core/session/TrainingSession.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

namespace vae::testing {
namespace {

// Records what a session reports, as the window would see it.
struct SessionRecord {
    explicit SessionRecord(TrainingSession& session)
    {
        QObject::connect(&session, &TrainingSession::modelReady, [this](const RunInfo& run) { runs.push_back(run); });
        QObject::connect(&session, &TrainingSession::stepsTrained, [this](const QVector<StepMetrics>& trained) {
            batches += 1;
            for (const StepMetrics& step : trained)
                steps.push_back(step);
        });
        QObject::connect(&session, &TrainingSession::epochFinished,
                         [this](const EpochMetrics& epoch) { epochs.push_back(epoch); });
        QObject::connect(&session, &TrainingSession::snapshotReady,
                         [this](const SnapshotPtr& snapshot) { snapshots.push_back(snapshot); });
        QObject::connect(&session, &TrainingSession::settingsApplied,
                         [this](const TrainingConfig& config) { applied.push_back(config); });
        QObject::connect(&session, &TrainingSession::modelSaved,
                         [this](const QString& path) { saved.push_back(path); });
        QObject::connect(&session, &TrainingSession::failed,
                         [this](const QString& message) { failures.push_back(message); });
    }
    std::int64_t lastStep() const { return steps.empty() ? 0 : steps.back().step; }

    std::vector<RunInfo> runs;
    std::vector<StepMetrics> steps;
    int batches = 0;
    std::vector<EpochMetrics> epochs;
    std::vector<SnapshotPtr> snapshots;
    std::vector<TrainingConfig> applied;
    std::vector<QString> saved;
    std::vector<QString> failures;
};

bool waitForState(TrainingSession& session, SessionState state, int timeoutMilliseconds = 20000)
{
    return waitUntil([&] { return session.state() == state; }, timeoutMilliseconds);
}

} // namespace

class TrainingSessionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void buildsAModelWithoutTraining()
    {
        TrainingSession session;
        SessionRecord record(session);
        QVERIFY(session.state() == SessionState::Empty);
        session.reset(tinyConfig(), tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        QCOMPARE(int(record.runs.size()), 1);
        QCOMPARE(record.runs[0].completedSteps, std::int64_t(0));
        QCOMPARE(record.runs[0].stepsPerEpoch, 16); // 512 images in batches of 32
        QCOMPARE(record.runs[0].dataset->name, QStringLiteral("tiny"));
        QVERIFY(record.runs[0].checkpointPath.isEmpty());
        QVERIFY(waitUntil([&] { return !record.snapshots.empty(); }));
        QCOMPARE(record.snapshots.back()->latentDim(), 2);
        QCOMPARE(record.snapshots.back()->step(), std::int64_t(0));
        QVERIFY(record.steps.empty());
    }

    void invalidSettingsFailAndKeepTheModel()
    {
        TrainingSession session;
        SessionRecord record(session);
        session.reset(tinyConfig(), tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        TrainingConfig conv = tinyConfig();
        conv.architecture = Architecture::Conv;
        session.reset(conv, tinyDataset(64, 16, 6)); // 6x6 images: not a multiple of 4
        QVERIFY(waitUntil([&] { return !record.failures.empty(); }));
        QVERIFY2(record.failures[0].contains(QStringLiteral("architecture conv")), qPrintable(record.failures[0]));
        QCOMPARE(int(record.runs.size()), 1);
        session.step();
        QVERIFY(waitUntil([&] { return record.lastStep() == 1; }));
        QVERIFY(session.state() == SessionState::Paused);
    }

    void startTrainsInBatchesAndPauseHoldsTheRunWhereItStopped()
    {
        TrainingSession session;
        SessionRecord record(session);
        TrainingConfig config = tinyConfig();
        config.epochs = 100000; // the run cannot end by itself before the pause
        session.reset(config, tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        session.start();
        QVERIFY(waitForState(session, SessionState::Running));
        QVERIFY(waitUntil([&] { return record.epochs.size() >= 2; }));
        // Tiny steps take microseconds: many per signal, so the window is not flooded.
        QVERIFY2(record.steps.size() > 3 * std::size_t(record.batches),
                 qPrintable(QStringLiteral("%1 steps in %2 signals").arg(record.steps.size()).arg(record.batches)));
        for (std::size_t i = 0; i < record.steps.size(); ++i)
            QCOMPARE(record.steps[i].step, std::int64_t(i + 1));
        QCOMPARE(record.epochs[0].epoch, 1);
        QCOMPARE(record.epochs[0].step, std::int64_t(16));

        // How soon a pause lands is window_bench's pause_ms: a busy machine stretches any time here.
        session.pause();
        QVERIFY(waitForState(session, SessionState::Paused));
        const std::int64_t pausedAt = record.lastStep();
        QVERIFY(!record.snapshots.empty());
        QCOMPARE(record.snapshots.back()->step(), pausedAt);
        // The training thread handles requests in order: a run still going on would have sent
        // more steps before this one.
        session.step();
        QVERIFY(waitUntil([&] { return record.lastStep() > pausedAt; }));
        QCOMPARE(record.lastStep(), pausedAt + 1);
        QVERIFY(session.state() == SessionState::Paused);

        session.start();
        QVERIFY(waitUntil([&] { return record.lastStep() > pausedAt + 50; }));
        QVERIFY(session.state() == SessionState::Running);
        QCOMPARE(record.steps[std::size_t(pausedAt + 1)].step, pausedAt + 2); // on from where it paused
    }

    void stepTrainsOneStepAndStopEndsTheRun()
    {
        TrainingSession session;
        SessionRecord record(session);
        TrainingConfig config = tinyConfig();
        config.epochs = 100000; // the run cannot end by itself before the stop
        session.reset(config, tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        session.step();
        session.step();
        session.step();
        QVERIFY(waitUntil([&] { return record.lastStep() == 3; }));
        QVERIFY(session.state() == SessionState::Paused);
        QCOMPARE(int(record.steps.size()), 3);

        session.start();
        QVERIFY(waitUntil([&] { return record.lastStep() > 100; }));
        session.stop();
        QVERIFY(waitForState(session, SessionState::Ready));
        const std::int64_t stoppedAt = record.lastStep();
        // Stop keeps the model, and the training thread handles requests in order: a run still
        // going on would have sent more steps before this one.
        session.step();
        QVERIFY(waitUntil([&] { return record.lastStep() > stoppedAt; }));
        QCOMPARE(record.lastStep(), stoppedAt + 1);
        QCOMPARE(int(record.runs.size()), 1);
    }

    void finishesAfterItsEpochsAndGoesOnWhenTheyAreRaised()
    {
        TrainingSession session;
        SessionRecord record(session);
        TrainingConfig config = tinyConfig();
        config.epochs = 2;
        session.reset(config, tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        session.start();
        QVERIFY(waitForState(session, SessionState::Finished));
        QCOMPARE(int(record.epochs.size()), 2);
        QCOMPARE(record.lastStep(), std::int64_t(32));
        LiveSettings moreEpochs = LiveSettings::of(config);
        moreEpochs.epochs = 3;
        session.setLiveSettings(moreEpochs);
        QVERIFY(waitForState(session, SessionState::Ready));
        QCOMPARE(record.applied.back().epochs, 3);
        session.start();
        QVERIFY(waitForState(session, SessionState::Finished));
        QCOMPARE(int(record.epochs.size()), 3);
        QCOMPARE(record.lastStep(), std::int64_t(48));
    }

    void learningRateAndBetaReachTheRunningModel()
    {
        TrainingSession session;
        SessionRecord record(session);
        session.reset(tinyConfig(), tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        session.start();
        QVERIFY(waitUntil([&] { return record.lastStep() > 20; }));
        LiveSettings changed = LiveSettings::of(tinyConfig());
        changed.learningRate = 0.02;
        changed.beta = 0.5;
        session.setLiveSettings(changed);
        QVERIFY(waitUntil([&] {
            return !record.applied.empty() && record.applied.back().learningRate == 0.02 &&
                record.applied.back().beta == 0.5;
        }));
        QVERIFY(session.state() == SessionState::Running);

        // The change reached the Trainer itself: a checkpoint saved now stores it.
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("live.vae"));
        session.saveModel(path);
        QVERIFY(waitUntil([&] { return !record.saved.empty(); }));
        const QJsonObject stored = readCheckpointFile(path).meta.value(QStringLiteral("config")).toObject();
        QCOMPARE(stored.value(QStringLiteral("lr")).toDouble(), 0.02);
        QCOMPARE(stored.value(QStringLiteral("beta")).toDouble(), 0.5);
    }

    void savesWhileTrainingAndOpensTheCheckpoint()
    {
        TrainingSession session;
        SessionRecord record(session);
        TrainingConfig config = tinyConfig();
        config.hiddenLayers = {32};
        config.batchSize = 200;
        session.reset(config, shapesDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        session.start();
        QVERIFY(waitUntil([&] { return record.epochs.size() >= 1; }));
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("model.vae"));
        session.saveModel(path);
        QVERIFY(waitUntil([&] { return !record.saved.empty(); }));
        QCOMPARE(record.saved[0], path);
        QVERIFY(session.state() == SessionState::Running); // saving did not pause the run
        const CheckpointContents saved = readCheckpointFile(path);
        const int savedSteps = saved.meta.value(QStringLiteral("progress"))
                                   .toObject()
                                   .value(QStringLiteral("completed_steps"))
                                   .toString()
                                   .toInt();
        QVERIFY(savedSteps >= 60);

        session.openModel(path);
        QVERIFY(waitUntil([&] { return record.runs.size() == 2; }));
        const RunInfo& opened = record.runs[1];
        QCOMPARE(opened.checkpointPath, path);
        QCOMPARE(opened.completedSteps, std::int64_t(savedSteps));
        QCOMPARE(int(opened.history.steps.size()), savedSteps);
        QCOMPARE(opened.dataset->source, QStringLiteral("builtin:shapes"));
        QCOMPARE(opened.config.hiddenLayers, std::vector<int>{32});
        QVERIFY(waitForState(session, SessionState::Ready));
        session.step();
        QVERIFY(waitUntil([&] { return record.lastStep() == savedSteps + 1; }));
    }

    void aDivergingRunFailsWithAMessageAndStops()
    {
        TrainingSession session;
        SessionRecord record(session);
        TrainingConfig config = tinyConfig();
        config.likelihood = Likelihood::Gaussian;
        config.optimizer = OptimizerKind::Sgd;
        config.learningRate = 10.0;
        session.reset(config, tinyDataset());
        QVERIFY(waitForState(session, SessionState::Ready));
        session.start();
        QVERIFY(waitUntil([&] { return !record.failures.empty(); }));
        QVERIFY2(record.failures[0].contains(QStringLiteral("diverged")), qPrintable(record.failures[0]));
        QVERIFY(waitForState(session, SessionState::Ready));
    }

    void destroyingTheSessionWhileTrainingEndsTheRunInsteadOfFinishingIt()
    {
        auto session = std::make_unique<TrainingSession>();
        SessionRecord record(*session);
        TrainingConfig config = tinyConfig();
        config.hiddenLayers = {400};
        config.batchSize = 128;
        config.epochs = 100000; // hours of training
        session->reset(config, shapesDataset());
        QVERIFY(waitForState(*session, SessionState::Ready));
        session->start();
        QVERIFY(waitUntil([&] { return record.lastStep() > 10; }));
        // One step or one slice of an evaluation to finish, not the run. How soon (the goal is
        // within a second) is window_bench's close_ms: a busy machine stretches any time here.
        QElapsedTimer timer;
        timer.start();
        session.reset();
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    }
};

namespace {
const RegisterQtTest<TrainingSessionTest> registration("TrainingSession");
} // namespace

} // namespace vae::testing

#include "test_training_session.moc"
