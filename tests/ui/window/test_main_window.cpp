#include "tests/support/QtTestRegistry.h"
#include "tests/support/colour_fixture.h"
#include "tests/support/tiny_fixture.h"

#include "core/engine/EngineRuntime.h"
#include "core/engine/Trainer.h"
#include "core/files/CheckpointFile.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/commands/Autosave.h"
#include "ui/commands/RunState.h"
#include "ui/curves/CurvesPlot.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/panels/ReconstructionPanel.h"
#include "ui/widgets/ImageGrid.h"
#include "ui/window/AboutText.h"
#include "ui/window/MainWindow.h"
#include "ui/window/MessageBanner.h"
#include "ui/window/TrainingStatusBar.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace vae::testing {
namespace {

const QString shapes = QStringLiteral("builtin:shapes");

// What the window's session reported, to check the engine saw what the controls asked for.
struct Observed {
    explicit Observed(TrainingSession& session)
    {
        QObject::connect(&session, &TrainingSession::modelReady, [this](const RunInfo& run) { runs.push_back(run); });
        QObject::connect(&session, &TrainingSession::settingsApplied,
                         [this](const TrainingConfig& config) { applied.push_back(config); });
        QObject::connect(&session, &TrainingSession::stepsTrained, [this](const QVector<StepMetrics>& steps) {
            lastStep = steps.last().step;
            lastElbo = steps.last().elbo;
        });
    }
    std::vector<RunInfo> runs;
    std::vector<TrainingConfig> applied;
    std::int64_t lastStep = 0;
    float lastElbo = 0;
};

// Answers the next modal question box with `button`, as a user would click it.
void answerNextQuestion(QMessageBox::StandardButton button, bool& asked)
{
    QTimer::singleShot(0, [button, &asked] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = true;
        box->button(button)->click();
    });
}

int brightestGrey(const QImage& image)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    int brightest = 0;
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 0; x < grey.width(); ++x)
            brightest = std::max(brightest, int(grey.constScanLine(y)[x]));
    return brightest;
}

template <typename Widget>
Widget* control(MainWindow& window, const char* name)
{
    auto* widget = window.findChild<Widget*>(QLatin1String(name));
    if (!widget)
        qFatal("no control named %s", name);
    return widget;
}

QAction* action(MainWindow& window, const char* name)
{
    return control<QAction>(window, name);
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QSettings().clear(); // each test starts from the defaults,
        // but with one compute thread: the training threads run niced, and beside another build a
        // team of them stalls at every barrier where one of them waits for a core.
        TrainingConfig oneThread;
        oneThread.threads = 1;
        storeTrainingConfig(oneThread);
        window_ = std::make_unique<MainWindow>();
        autosaveFolder_ = std::make_unique<QTemporaryDir>();
        window_->autosave().setPath(autosavePath());
        observed_ = std::make_unique<Observed>(window_->session());
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        window_->openDataset(shapes);
        QVERIFY(waitUntil(
            [this] { return !observed_->runs.empty() && window_->session().state() == SessionState::Ready; }));
    }

    void cleanup()
    {
        observed_.reset();
        window_.reset();
    }

    void showsTheDatasetItTrainsOn()
    {
        const RunInfo& run = observed_->runs.back();
        QCOMPARE(run.dataset->source, shapes);
        QCOMPARE(run.config.latentDim, 2); // the defaults
        const QStringList texts = [this] {
            QStringList result;
            for (const QLabel* label :
                 window_->findChild<QWidget*>(QStringLiteral("datasetPanel"))->findChildren<QLabel*>())
                result << label->text();
            return result;
        }();
        QVERIFY2(texts.contains(QStringLiteral("shapes")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QStringLiteral("12,000 training, 2,000 test")),
                 qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(window_->windowTitle().contains(QStringLiteral("shapes")));
    }

    void colourImagesTrainTheConvNetworkUnlessTheUserChoseOtherwise()
    {
        window_->openDataset(testing::colourDatasetPath());
        QVERIFY(waitUntil(
            [this] { return observed_->runs.size() == 2 && window_->session().state() == SessionState::Ready; }));
        const TrainingConfig& config = observed_->runs.back().config;
        QVERIFY(config.architecture == Architecture::Conv);
        QCOMPARE(config.latentDim, 16);
        QCOMPARE(config.batchSize, 64);
        QCOMPARE(control<QSpinBox>(*window_, "latentDim")->value(), 16);
        QVERIFY2(window_->statusBar()->currentMessage().startsWith(QStringLiteral("Colour images: ")),
                 qPrintable(window_->statusBar()->currentMessage()));

        // A latent size the user set is theirs: back on grey images, then colour again.
        window_->openDataset(shapes);
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 3; }));
        control<QSpinBox>(*window_, "latentDim")->setValue(4);
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 4; }));
        window_->openDataset(testing::colourDatasetPath());
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 5; }));
        QCOMPARE(observed_->runs.back().config.latentDim, 4);
    }

    void liveControlsReachTheTrainingModel()
    {
        control<QDoubleSpinBox>(*window_, "learningRate")->setValue(0.005);
        QVERIFY(waitUntil(
            [this] { return !observed_->applied.empty() && observed_->applied.back().learningRate == 0.005; }));
        control<QDoubleSpinBox>(*window_, "beta")->setValue(2.0);
        QVERIFY(waitUntil([this] { return observed_->applied.back().beta == 2.0; }));
        control<QSpinBox>(*window_, "epochs")->setValue(3);
        QVERIFY(waitUntil([this] { return observed_->applied.back().epochs == 3; }));
        QCOMPARE(int(observed_->runs.size()), 1); // applied to the model, not by building a new one
    }

    void modelControlsBuildANewModelAndAskWhenItIsTrained()
    {
        control<QSpinBox>(*window_, "latentDim")->setValue(3);
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 2; })); // untrained: no question
        QCOMPARE(observed_->runs.back().config.latentDim, 3);
        control<QLineEdit>(*window_, "hiddenLayers")->setText(QStringLiteral("64,32"));
        QMetaObject::invokeMethod(control<QLineEdit>(*window_, "hiddenLayers"), "editingFinished");
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 3; }));
        QCOMPARE(observed_->runs.back().config.hiddenLayers, (std::vector<int>{64, 32}));

        action(*window_, "step")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep == 1; }));
        bool asked = false;
        answerNextQuestion(QMessageBox::Cancel, asked);
        control<QSpinBox>(*window_, "latentDim")->setValue(5);
        QVERIFY(asked);
        QCOMPARE(control<QSpinBox>(*window_, "latentDim")->value(), 3); // declined: the control goes back
        // The session handles requests in order: had the change gone out, this step would be the
        // first of a new model, not the second of this one.
        action(*window_, "step")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep == 2; }));
        QCOMPARE(int(observed_->runs.size()), 3);

        asked = false;
        answerNextQuestion(QMessageBox::Discard, asked);
        control<QComboBox>(*window_, "activation")->setCurrentIndex(1);
        QVERIFY(asked);
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 4; }));
        QVERIFY(observed_->runs.back().config.activation == Activation::Tanh);
        QCOMPARE(observed_->runs.back().completedSteps, std::int64_t(0));
    }

    void settingsThatDoNotFitTheDataAreRefused()
    {
        control<QComboBox>(*window_, "architecture")->setCurrentIndex(1); // conv on 28x28: fits
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 2; }));
        QVERIFY(observed_->runs.back().config.architecture == Architecture::Conv);
        control<QLineEdit>(*window_, "hiddenLayers")->setText(QStringLiteral("9000"));
        QMetaObject::invokeMethod(control<QLineEdit>(*window_, "hiddenLayers"), "editingFinished");
        auto* banner = window_->findChild<MessageBanner*>();
        QVERIFY(banner->isError());
        // The panel's label for the setting, not a command-line option.
        QVERIFY2(banner->message().contains(QStringLiteral("Hidden layers 9000 is out of range")),
                 qPrintable(banner->message()));
        QVERIFY2(!banner->message().contains(QStringLiteral("--")), qPrintable(banner->message()));
        QCOMPARE(control<QLineEdit>(*window_, "hiddenLayers")->text(), QStringLiteral("400"));
        QCOMPARE(int(observed_->runs.size()), 2);
    }

    void startPauseStepAndStopDriveTheSession()
    {
        TrainingSession& session = window_->session();
        QAction* startPause = action(*window_, "startPause");
        QAction* step = action(*window_, "step");
        QAction* stop = action(*window_, "stop");
        QVERIFY(startPause->isEnabled());
        QVERIFY(step->isEnabled());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(startPause->shortcut(), QKeySequence(Qt::Key_Space));

        startPause->trigger();
        QVERIFY(waitUntil([&] { return session.state() == SessionState::Running; }));
        QCOMPARE(startPause->text(), QStringLiteral("&Pause"));
        QVERIFY(!step->isEnabled());
        QVERIFY(stop->isEnabled());
        QVERIFY(waitUntil([this] { return observed_->lastStep > 30; }));

        startPause->trigger();
        QVERIFY(waitUntil([&] { return session.state() == SessionState::Paused; }));
        QCOMPARE(startPause->text(), QStringLiteral("Res&ume"));
        const std::int64_t paused = observed_->lastStep;
        step->trigger();
        QVERIFY(waitUntil([&] { return observed_->lastStep == paused + 1; }));

        QTest::keyClick(window_.get(), Qt::Key_Space); // the shortcut resumes
        QVERIFY(waitUntil([&] { return session.state() == SessionState::Running; }));
        stop->trigger();
        QVERIFY(waitUntil([&] { return session.state() == SessionState::Ready; }));
        QCOMPARE(startPause->text(), QStringLiteral("&Start"));
        QVERIFY(!stop->isEnabled());
    }

    void startOnAFinishedRunTrainsAsManyEpochsAgain()
    {
        // A small model, so that two epochs take seconds: untrained, it is replaced without a question.
        control<QLineEdit>(*window_, "hiddenLayers")->setText(QStringLiteral("32"));
        QMetaObject::invokeMethod(control<QLineEdit>(*window_, "hiddenLayers"), "editingFinished");
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 2; }));
        control<QSpinBox>(*window_, "epochs")->setValue(1);
        QVERIFY(waitUntil([this] { return !observed_->applied.empty() && observed_->applied.back().epochs == 1; }));
        QAction* startPause = action(*window_, "startPause");
        startPause->trigger();
        QVERIFY(waitUntil([this] { return window_->session().state() == SessionState::Finished; }, 60000));
        QCOMPARE(window_->run().completedEpochs(), 1);
        QVERIFY(startPause->isEnabled());

        startPause->trigger();
        QVERIFY(waitUntil([this] { return window_->session().state() == SessionState::Running; }));
        auto* status = window_->findChild<TrainingStatusBar*>();
        QVERIFY2(status->currentMessage().contains(QStringLiteral("training 1 more, to 2")),
                 qPrintable(status->currentMessage()));
        QCOMPARE(control<QSpinBox>(*window_, "epochs")->value(), 2);
        QVERIFY(waitUntil([this] { return window_->session().state() == SessionState::Finished; }, 60000));
        QCOMPARE(window_->run().completedEpochs(), 2);
        QCOMPARE(window_->run().config().epochs, 2);
        QCOMPARE(int(observed_->runs.size()), 2); // the same model, trained on
    }

    void spaceTrainsWhereverTheFocusIsExceptInATextField()
    {
        window_->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window_.get()));
        // The plane holds the focus from the start, not the first of the training settings.
        QCOMPARE(QApplication::focusWidget(), &window_->explorer().planePanel().view());
        TrainingSession& session = window_->session();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QVERIFY(waitUntil([&] { return session.state() == SessionState::Running; }));

        auto* architecture = control<QComboBox>(*window_, "architecture");
        architecture->setFocus();
        QTest::keyClick(architecture, Qt::Key_Space);
        QVERIFY(waitUntil([&] { return session.state() == SessionState::Paused; }));
        QVERIFY(!architecture->view()->isVisible()); // the list did not open

        // A text field keeps its Space (this one's validator then refuses it): training stays paused.
        auto* hidden = control<QLineEdit>(*window_, "hiddenLayers");
        hidden->setFocus();
        QTest::keyClick(hidden, Qt::Key_Space);
        QTest::qWait(100);
        QCOMPARE(session.state(), SessionState::Paused);
    }

    void curvesStatusAndReconstructionsFollowTraining()
    {
        // One epoch, run to its end: the same points on a fast machine as on a slow one.
        control<QSpinBox>(*window_, "epochs")->setValue(1);
        QVERIFY(waitUntil([this] { return !observed_->applied.empty() && observed_->applied.back().epochs == 1; }));
        action(*window_, "startPause")->trigger();
        QVERIFY(waitUntil([this] { return window_->session().state() == SessionState::Finished; }, 60000));
        const int stepsPerEpoch = 94; // 12,000 shapes in batches of 128
        QCOMPARE(observed_->lastStep, std::int64_t(stepsPerEpoch));

        auto* plot = window_->findChild<CurvesPlot*>();
        QCOMPARE(plot->stepPointCount(), stepsPerEpoch);
        QCOMPARE(plot->graph(0)->dataCount(), stepsPerEpoch);
        QCOMPARE(plot->testPointCount(), 1);
        QCOMPARE((plot->graph(0)->data()->constEnd() - 1)->key, double(stepsPerEpoch));
        QCOMPARE((plot->graph(0)->data()->constEnd() - 1)->value, double(observed_->lastElbo));

        auto* status = window_->findChild<TrainingStatusBar*>();
        QTRY_VERIFY2(status->figures().text().contains(QStringLiteral("ELBO -")), qPrintable(status->figures().text()));
        QTRY_VERIFY2(status->speed().text().contains(QStringLiteral("images/s")), qPrintable(status->speed().text()));

        const ImageGrid& reconstructions = window_->findChild<ReconstructionPanel*>()->reconstructions();
        // Until a snapshot is decoded the reconstructions are black.
        QVERIFY(waitUntil([&] {
            const QVector<QImage>& images = reconstructions.images();
            return std::any_of(images.begin(), images.end(),
                               [](const QImage& image) { return brightestGrey(image) > 100; });
        }));
        QCOMPARE(reconstructions.images().size(), qsizetype(8));
        QCOMPARE(reconstructions.images().first().size(), QSize(28, 28));
    }

    void aBadDatasetShowsAnErrorAndKeepsTheOldOne()
    {
        action(*window_, "step")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep == 1; }));
        bool asked = false;
        answerNextQuestion(QMessageBox::Discard, asked);
        const QString missing = QStringLiteral("/nonexistent/dataset-folder");
        window_->openDataset(missing);
        QVERIFY(asked);
        auto* banner = window_->findChild<MessageBanner*>();
        QVERIFY(waitUntil([&] { return banner->isError() && !banner->message().isEmpty(); }));
        QVERIFY2(banner->message().contains(missing), qPrintable(banner->message()));
        QCOMPARE(int(observed_->runs.size()), 1);
        QVERIFY(window_->windowTitle().contains(QStringLiteral("shapes")));
        // The model trained on the old dataset is still there and trains on.
        action(*window_, "step")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep == 2; }));
    }

    void closingWhileTrainingEndsTheRunInsteadOfFinishingIt()
    {
        // A run of hours; closing must not wait for it. How soon the window closes (the goal is
        // within a second) is window_bench's close_ms: a busy machine stretches any time here.
        control<QSpinBox>(*window_, "epochs")->setValue(control<QSpinBox>(*window_, "epochs")->maximum());
        QVERIFY(waitUntil([this] { return !observed_->applied.empty() && observed_->applied.back().epochs > 100; }));
        action(*window_, "startPause")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep > 10; }));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window_->close());
        observed_.reset();
        window_.reset();
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    }

    void closingAfterUnsavedTrainingAutosavesAndTheNextLaunchOffersIt()
    {
        action(*window_, "startPause")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep >= 3; }));
        const std::int64_t seen = observed_->lastStep;
        QVERIFY(window_->close());
        // Written before the window went away, with every step the window had seen.
        QVERIFY(QFile::exists(autosavePath()));
        const std::size_t kept = readCheckpointFile(autosavePath()).history.steps.size();
        QVERIFY2(kept >= std::size_t(seen), qPrintable(QStringLiteral("%1 of %2 steps").arg(kept).arg(seen)));
        observed_.reset();
        window_.reset();

        MainWindow next;
        next.autosave().setPath(autosavePath());
        Observed restored(next.session());
        bool asked = false;
        answerNextQuestion(QMessageBox::Yes, asked);
        QVERIFY(next.offerAutosave());
        QVERIFY(asked);
        QVERIFY(waitUntil([&] { return !restored.runs.empty(); }));
        QCOMPARE(restored.runs[0].completedSteps, std::int64_t(kept));
    }

    void closingWithNothingTrainedSinceTheLastSaveWritesNoAutosave()
    {
        TrainingSession& session = window_->session();
        action(*window_, "step")->trigger();
        // A paused run is autosaved at once; saving it to the user's file then discards that copy.
        QVERIFY(waitUntil([&] { return observed_->lastStep == 1 && session.state() == SessionState::Paused; }));
        QTemporaryDir folder;
        bool saved = false;
        connect(&session, &TrainingSession::modelSaved, this, [&saved] { saved = true; });
        session.saveModel(folder.filePath(QStringLiteral("saved.vae")));
        QVERIFY(waitUntil([&] { return saved; }));
        QVERIFY(!QFile::exists(autosavePath()));
        QVERIFY(window_->close());
        QVERIFY(!QFile::exists(autosavePath()));
    }

    void droppingAModelOpensItAndSaveWritesBackToIt()
    {
        TrainingSession& session = window_->session();
        action(*window_, "step")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep == 1; }));
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("dropped.vae"));
        std::vector<QString> saved;
        connect(&session, &TrainingSession::modelSaved, this, [&saved](const QString& file) { saved.push_back(file); });
        session.saveModel(path);
        QVERIFY(waitUntil([&] { return saved.size() == 1; }));

        bool asked = false;
        answerNextQuestion(QMessageBox::Discard, asked);
        drop(QUrl::fromLocalFile(path));
        QVERIFY(asked); // the open model had trained
        QVERIFY(waitUntil([this] { return observed_->runs.size() == 2; }));
        QCOMPARE(observed_->runs.back().checkpointPath, path);
        QCOMPARE(observed_->runs.back().completedSteps, std::int64_t(1));
        QVERIFY2(window_->windowTitle().startsWith(QStringLiteral("dropped.vae")), qPrintable(window_->windowTitle()));

        // The model now has a file: Save writes there without asking where.
        action(*window_, "step")->trigger();
        QVERIFY(waitUntil([this] { return observed_->lastStep == 2; }));
        window_->activateWindow(); // shortcuts go to the active window; the question box was
        QVERIFY(QTest::qWaitForWindowActive(window_.get()));
        QTest::keySequence(window_.get(), QKeySequence::Save);
        QVERIFY(waitUntil([&] { return saved.size() == 2; }));
        QCOMPARE(saved.back(), path);
        QCOMPARE(readCheckpointFile(path).history.steps.size(), std::size_t(2));
        QVERIFY(window_->findChild<MessageBanner*>()->message().contains(path));
    }

    void droppingAFolderOpensItAsADataset()
    {
        QTemporaryDir folder;
        drop(QUrl::fromLocalFile(folder.path())); // an empty folder: not a dataset
        auto* banner = window_->findChild<MessageBanner*>();
        QVERIFY(waitUntil([&] { return banner->isError() && banner->message().contains(folder.path()); }));
        QCOMPARE(int(observed_->runs.size()), 1);
    }

    void aboutNamesTheLibrariesAndTheirVersions()
    {
        const QString text = aboutText();
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY(!torchVersion().isEmpty());
        QVERIFY2(text.contains(QStringLiteral("LibTorch</td><td>%1</td>").arg(torchVersion())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("BLAS")), qPrintable(text));
        QVERIFY2(text.contains(detectBlas().library.toHtmlEscaped()) && !detectBlas().library.isEmpty(),
                 qPrintable(text));
    }

    void settingsPersistAcrossWindows()
    {
        control<QSpinBox>(*window_, "batchSize")->setValue(64);
        window_->close();
        observed_.reset();
        window_ = std::make_unique<MainWindow>();
        QCOMPARE(control<QSpinBox>(*window_, "batchSize")->value(), 64);
        QCOMPARE(QSettings().value(QStringLiteral("dataset/last")).toString(), shapes);
        QCOMPARE(QSettings().value(QStringLiteral("files/recent")).toStringList(), QStringList{shapes});
    }

private:
    // As a file manager drops a file onto the window.
    void drop(const QUrl& url)
    {
        QMimeData mime;
        mime.setUrls({url});
        const QPoint centre = window_->rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window_.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropped(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window_.get(), &dropped);
        QVERIFY(dropped.isAccepted());
    }

    QString autosavePath() const { return autosaveFolder_->filePath(QStringLiteral("autosave.vae")); }

    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<Observed> observed_;
    std::unique_ptr<QTemporaryDir> autosaveFolder_;
};

namespace {
const RegisterQtTest<MainWindowTest> registration("MainWindow");
} // namespace

} // namespace vae::testing

#include "test_main_window.moc"
