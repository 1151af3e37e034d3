#include "ui/window/MainWindow.h"

#include "core/data/DatasetLoader.h"
#include "core/engine/EngineRuntime.h"
#include "core/engine/Trainer.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/commands/Autosave.h"
#include "ui/commands/DatasetOpener.h"
#include "ui/commands/ExportActions.h"
#include "ui/commands/ExportProgress.h"
#include "ui/commands/FileCommands.h"
#include "ui/commands/ImageFolderDialog.h"
#include "ui/commands/LikelihoodEstimateCommand.h"
#include "ui/commands/RunState.h"
#include "ui/commands/SessionFiles.h"
#include "ui/commands/StartPauseKey.h"
#include "ui/commands/TrainingActions.h"
#include "ui/commands/TrainingController.h"
#include "ui/curves/CurvesView.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/panels/DatasetPanel.h"
#include "ui/panels/ReconstructionPanel.h"
#include "ui/panels/TrainingPanel.h"
#include "ui/window/AboutText.h"
#include "ui/window/MessageBanner.h"
#include "ui/window/TrainingStatusBar.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace vae {
namespace {

// Below this width the docks become tabs of one column (the window must fit 1024 x 700).
constexpr int narrowScreenWidth = 1280;
// The docks' column, in hundredths of the window's width: the rest is the latent explorer's,
// whose plane needs 20 cells of 28 pixels (560) at 1x on a 1400-pixel window.
constexpr int dockColumnShare = 27;

QDockWidget* dock(const QString& title, const QString& objectName, QWidget* content, QWidget* parent)
{
    auto* result = new QDockWidget(title, parent);
    result->setObjectName(objectName); // saveState() finds docks by name
    result->setWidget(content);
    result->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                        QDockWidget::DockWidgetClosable);
    return result;
}

QScrollArea* scrolling(QWidget* content, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
}

QString droppedPath(const QMimeData* mime)
{
    if (!mime->hasUrls() || mime->urls().isEmpty() || !mime->urls().constFirst().isLocalFile())
        return {};
    return mime->urls().constFirst().toLocalFile();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , session_(std::make_unique<TrainingSession>())
    , run_(new RunState(*session_, this))
    , banner_(new MessageBanner(this))
    , datasetPanel_(new DatasetPanel(this))
    , trainingPanel_(new TrainingPanel(this))
    , curves_(new CurvesView(this))
    , explorer_(new LatentExplorer(this))
    , reconstructions_(new ReconstructionPanel(this))
    , statusBar_(new TrainingStatusBar(*run_, this))
    , trainingActions_(new TrainingActions(*session_, this))
    , controller_(new TrainingController(*session_, *run_, *trainingPanel_, this))
    , fileCommands_(new FileCommands(*run_, this))
    , sessionFiles_(new SessionFiles(*session_, *explorer_, *curves_, this))
    , exports_(new ExportActions(*run_, *explorer_, *curves_, this))
    , autosave_(new Autosave(*session_, *run_, *sessionFiles_, this))
    , opener_(new DatasetOpener(this))
{
    datasetPanel_->setObjectName(QStringLiteral("datasetPanel"));
    trainingPanel_->setObjectName(QStringLiteral("trainingPanel"));
    curves_->setObjectName(QStringLiteral("curves"));
    explorer_->setObjectName(QStringLiteral("explorer"));
    reconstructions_->setObjectName(QStringLiteral("reconstructions"));
    trainingPanel_->setConfig(storedTrainingConfig());

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 2, 2, 0); // every pixel of height is the plane's
    centralLayout->setSpacing(2);
    centralLayout->addWidget(banner_);
    centralLayout->addWidget(explorer_, 1);
    setCentralWidget(central);
    setStatusBar(statusBar_);
    statusBar_->addPermanentWidget(&exports_->progressView());
    resize(QSize(1400, 900).boundedTo(screen()->availableSize()));
    createDocks();
    createMenus();
    createToolBar();
    connectSession();
    connectFileCommands();
    setAcceptDrops(true);
    layoutRestored_ = restoreWindowLayout(*this, layoutName());
    setWindowTitle(run_->windowTitle());
    new StartPauseKey(*trainingActions_->startPause(), *this);

    if (const QString warning = slowBlasWarning(detectBlas()); !warning.isEmpty())
        banner_->showWarning(warning);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    QDockWidget* datasetDock = dock(tr("Dataset"), QStringLiteral("datasetDock"), datasetPanel_, this);
    QDockWidget* settingsDock =
        dock(tr("Training"), QStringLiteral("settingsDock"), scrolling(trainingPanel_, this), this);
    QDockWidget* curvesDock = dock(tr("Curves"), QStringLiteral("curvesDock"), curves_, this);
    QDockWidget* reconstructionsDock =
        dock(tr("Reconstructions"), QStringLiteral("reconstructionsDock"), reconstructions_, this);
    // One column on the right, so the latent plane has the rest of the width: the curves on top,
    // the reconstructions under them, and the settings, which matter before a run more than
    // during it, below in a tab with the dataset.
    addDockWidget(Qt::RightDockWidgetArea, curvesDock);
    addDockWidget(Qt::RightDockWidgetArea, reconstructionsDock);
    addDockWidget(Qt::RightDockWidgetArea, settingsDock);
    tabifyDockWidget(settingsDock, datasetDock);
    settingsDock->raise();
    narrowLayout_ = screen()->availableSize().width() < narrowScreenWidth;
    if (narrowLayout_) {
        // A small screen has no height for three docks beside the plane: all four become tabs,
        // down the column's edge, where their names have the room the column's width lacks.
        setTabPosition(Qt::RightDockWidgetArea, QTabWidget::East);
        tabifyDockWidget(settingsDock, curvesDock);
        tabifyDockWidget(settingsDock, reconstructionsDock);
        curvesDock->raise();
    }
    resizeDocks({curvesDock}, {width() * dockColumnShare / 100}, Qt::Horizontal);
}

QString MainWindow::layoutName() const
{
    return narrowLayout_ ? QStringLiteral("narrow") : QStringLiteral("wide");
}

// Docks take their heights from the panels' size hints, which depend on the docks' widths: so
// this runs once the window is laid out at its widths.
void MainWindow::arrangeDockHeights()
{
    if (narrowLayout_)
        return;
    const auto dockOf = [](QWidget* content) { return qobject_cast<QDockWidget*>(content->parentWidget()); };
    const int reconstructionsHeight = reconstructions_->sizeHint().height();
    const int curvesHeight = (height() - reconstructionsHeight) / 2;
    resizeDocks({dockOf(curves_), dockOf(reconstructions_), findChild<QDockWidget*>(QStringLiteral("settingsDock"))},
                {curvesHeight, reconstructionsHeight, height() - curvesHeight - reconstructionsHeight}, Qt::Vertical);
}

void MainWindow::createMenus()
{
    QMenu* exportMenu = new QMenu(tr("&Export"), this);
    exports_->fillMenu(exportMenu);
    exports_->attachContextMenus();
    fileCommands_->fillMenu(menuBar()->addMenu(tr("&File")), exportMenu);

    QMenu* training = menuBar()->addMenu(tr("&Training"));
    training->addActions({trainingActions_->startPause(), trainingActions_->step(), trainingActions_->stop()});
    training->addSeparator();
    training->addAction(trainingActions_->reset());
    training->addSeparator();
    auto* estimate = new LikelihoodEstimateCommand(*run_, *session_, this, this);
    training->addAction(estimate->action());
    connect(estimate, &LikelihoodEstimateCommand::failed, banner_, &MessageBanner::showError);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dockWidget : findChildren<QDockWidget*>())
        view->addAction(dockWidget->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About vae-explorer"), this,
                                     [this] { QMessageBox::about(this, tr("About vae-explorer"), aboutText()); });
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createToolBar()
{
    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(fileCommands_->openDatasetFolder());
    toolBar->addAction(fileCommands_->saveModel());
    toolBar->addSeparator();
    toolBar->addActions({trainingActions_->startPause(), trainingActions_->step(), trainingActions_->stop(),
                         trainingActions_->reset()});
}

void MainWindow::connectSession()
{
    TrainingSession* session = session_.get();
    connect(run_, &RunState::runStarted, this, &MainWindow::showRun);
    connect(run_, &RunState::stepsAdded, curves_, &CurvesView::appendSteps);
    connect(run_, &RunState::epochAdded, curves_, &CurvesView::appendEpoch);
    connect(run_, &RunState::likelihoodAdded, curves_, &CurvesView::appendLikelihood);
    connect(run_, &RunState::failed, banner_, &MessageBanner::showError);
    connect(run_, &RunState::titleChanged, this, [this] { setWindowTitle(run_->windowTitle()); });
    connect(session, &TrainingSession::snapshotReady, reconstructions_, &ReconstructionPanel::showSnapshot);
    connect(session, &TrainingSession::snapshotReady, explorer_, &LatentExplorer::showSnapshot);
    connect(session, &TrainingSession::stateChanged, this, [this](SessionState state) {
        if (startWhenReady_ && state == SessionState::Ready) {
            startWhenReady_ = false;
            session_->start();
        }
    });
    connect(session, &TrainingSession::modelSaved, this, [this](const QString& path) {
        fileCommands_->remember(path);
        banner_->showNotice(tr("Saved the model to %1").arg(path));
    });
    connect(session, &TrainingSession::failed, banner_, &MessageBanner::showError);
    connect(sessionFiles_, &SessionFiles::failed, banner_, &MessageBanner::showError);
    connect(exports_, &ExportActions::failed, banner_, &MessageBanner::showError);
    connect(exports_, &ExportActions::exported, this, [this](const QStringList& paths) {
        banner_->showNotice(tr("Exported %1").arg(paths.join(QStringLiteral(", "))));
    });
    connect(exports_, &ExportActions::cancelled, statusBar_, [this](const QString& path) {
        statusBar_->showMessage(tr("Export cancelled: %1 stays as it was").arg(path), 10000);
    });
    connect(reconstructions_, &ReconstructionPanel::failed, banner_, &MessageBanner::showError);
    connect(explorer_, &LatentExplorer::failed, banner_, &MessageBanner::showError);
    connect(controller_, &TrainingController::problem, banner_, &MessageBanner::showError);
    connect(controller_, &TrainingController::notice, statusBar_,
            [this](const QString& message) { statusBar_->showMessage(message, 10000); });
    connect(trainingActions_, &TrainingActions::continueRequested, controller_,
            &TrainingController::continueFinishedRun);
    connect(trainingActions_, &TrainingActions::resetRequested, this, [this] {
        if (controller_->resetModel())
            run_->setModelPath({});
    });
}

void MainWindow::connectFileCommands()
{
    connect(fileCommands_, &FileCommands::datasetChosen, this, &MainWindow::chooseDataset);
    connect(fileCommands_, &FileCommands::modelChosen, this, [this](const QString& path) { openModel(path); });
    connect(fileCommands_, &FileCommands::saveChosen, sessionFiles_, &SessionFiles::save);
    connect(opener_, &DatasetOpener::opened, this, &MainWindow::datasetOpened);
    connect(opener_, &DatasetOpener::failed, this, &MainWindow::datasetFailed);
    connect(opener_, &DatasetOpener::cancelled, this, &MainWindow::datasetCancelled);
    connect(opener_, &DatasetOpener::progressed, datasetPanel_, &DatasetPanel::showLoadingProgress);
    connect(datasetPanel_, &DatasetPanel::cancelLoadingRequested, opener_, &DatasetOpener::cancel);
}

void MainWindow::openDataset(const QString& spec)
{
    openDataset(spec, storedDatasetOptions(spec));
}

void MainWindow::openDataset(const QString& spec, const DatasetOptions& options)
{
    if (!controller_->confirmDiscard(tr("Opening %1").arg(spec)))
        return;
    datasetPanel_->showLoading(spec);
    // A folder of image files is the one load long enough to watch, and the one that can be cancelled.
    if (readsImageFolder(spec))
        findChild<QDockWidget*>(QStringLiteral("datasetDock"))->raise();
    opener_->open(spec, options);
}

void MainWindow::chooseDataset(const QString& spec)
{
    if (const std::optional<DatasetOptions> options = chooseDatasetOptions(this, spec))
        openDataset(spec, *options);
}

void MainWindow::openModel(const QString& path, const QString& datasetOverride)
{
    if (controller_->confirmDiscard(tr("Opening %1").arg(QFileInfo(path).fileName())))
        sessionFiles_->open(path, datasetOverride);
}

bool MainWindow::offerAutosave(const QString& openingModel)
{
    const std::optional<Autosave::Leftover> leftover = autosave_->leftover();
    if (!leftover || (!openingModel.isEmpty() && QFileInfo(leftover->sessionPath) != QFileInfo(openingModel)))
        return false;
    const QString run = leftover->sessionPath.isEmpty() ? tr("a run that was never saved") : leftover->sessionPath;
    const auto answer = QMessageBox::question(
        this, tr("Restore the Autosave?"),
        tr("vae-explorer autosaved %1 at %2, later than it was last saved. Restore the autosave?\n\n"
           "No deletes the autosave.")
            .arg(run, QLocale().toString(leftover->written, QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        autosave_->discard();
        return false;
    }
    return sessionFiles_->open(autosave_->path());
}

void MainWindow::startWhenReady()
{
    startWhenReady_ = true;
}

void MainWindow::datasetOpened(const QString& spec, const std::shared_ptr<const Dataset>& dataset)
{
    datasetPanel_->clearLoading();
    if (!controller_->trainOn(dataset))
        return;
    storeDataset(spec);
    storeDatasetOptions(spec, dataset->options);
    fileCommands_->remember(spec);
    run_->setModelPath({});
    if (!dataset->warnings.isEmpty())
        banner_->showWarning(dataset->warnings.join(QLatin1Char('\n')));
}

void MainWindow::datasetFailed(const QString& spec, const QString& message)
{
    datasetPanel_->clearLoading();
    // The loaders' messages name the file or the dataset already ("dataset 'x': no such file").
    const QString detail = message.contains(spec) ? message : QStringLiteral("%1: %2").arg(spec, message);
    banner_->showError(tr("Could not open %1").arg(detail));
    // The dataset remembered from last time may be gone; the window should still have data.
    if (!run_->hasModel() && spec != defaultDatasetSpec())
        openDataset(defaultDatasetSpec());
}

void MainWindow::datasetCancelled(const QString& spec)
{
    datasetPanel_->clearLoading();
    statusBar_->showMessage(tr("Stopped loading %1").arg(spec), 10000);
    if (!run_->hasModel() && spec != defaultDatasetSpec())
        openDataset(defaultDatasetSpec());
}

void MainWindow::showRun(const RunInfo& run)
{
    datasetPanel_->showDataset(*run.dataset);
    reconstructions_->showDataset(*run.dataset);
    explorer_->showRun(run);
    curves_->showRun(run);
    if (!run.checkpointPath.isEmpty()) {
        // A restored autosave belongs to the session it was made from, if that was ever saved.
        const QString sessionPath = autosave_->sessionPathOf(run);
        run_->setModelPath(sessionPath);
        if (!sessionPath.isEmpty())
            fileCommands_->remember(sessionPath);
    }
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!shown_) {
        shown_ = true;
        // The plane has the keyboard from the start, not the first of the training settings: its
        // arrow keys move the cursor, and Space trains.
        explorer_->planePanel().view().setFocus(Qt::OtherFocusReason);
    }
    if (layoutRestored_)
        return;
    layoutRestored_ = true;
    QTimer::singleShot(0, this, &MainWindow::arrangeDockHeights);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    storeTrainingConfig(trainingPanel_->config());
    storeWindowLayout(*this, layoutName());
    // Stopping now rather than in the destructor lets the training thread wind down while the
    // window goes away; training not yet saved goes to the autosave the next launch offers.
    session_->stop();
    autosave_->saveBeforeClosing();
    exports_->cancel();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    if (isModelFile(path))
        openModel(path);
    else
        chooseDataset(path);
}

} // namespace vae
