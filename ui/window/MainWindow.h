#pragma once

#include "core/data/DatasetOptions.h"
#include "core/session/SessionTypes.h"

#include <QMainWindow>

#include <memory>

namespace vae {

class Autosave;
class CurvesView;
class DatasetOpener;
class DatasetPanel;
class ExportActions;
class FileCommands;
class LatentExplorer;
class MessageBanner;
class ReconstructionPanel;
class RunState;
class SessionFiles;
class TrainingActions;
class TrainingController;
class TrainingPanel;
class TrainingSession;
class TrainingStatusBar;

// The window: composes the views around a training session and routes what the user asks for
// (menus, toolbar, drops) to them. Each view and the session do the actual work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    // Stops training within one step and joins the training thread.
    ~MainWindow() override;

    // Loads `spec` in the background and trains a new model on it; on failure the window says
    // why and keeps its dataset and model. Read as `options` say, or as it was last time.
    void openDataset(const QString& spec);
    void openDataset(const QString& spec, const DatasetOptions& options);
    // A saved session, on the dataset it names or on `datasetOverride`, with its view state.
    void openModel(const QString& path, const QString& datasetOverride = {});
    // At launch, before opening anything: when the last run left an autosave newer than its
    // session (of `openingModel`, when one is being opened), asks whether to restore it. True
    // when it is being restored.
    bool offerAutosave(const QString& openingModel = {});
    // Starts training as soon as a model is ready (vae-explorer --start).
    void startWhenReady();

    TrainingSession& session() const { return *session_; }
    LatentExplorer& explorer() const { return *explorer_; }
    CurvesView& curves() const { return *curves_; }
    const RunState& run() const { return *run_; }
    SessionFiles& sessionFiles() const { return *sessionFiles_; }
    ExportActions& exports() const { return *exports_; }
    Autosave& autosave() const { return *autosave_; }

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    QString layoutName() const;
    void arrangeDockHeights();
    void createMenus();
    void createToolBar();
    void connectSession();
    void connectFileCommands();
    // A dataset the user has just picked: an image folder asks how to read it first.
    void chooseDataset(const QString& spec);
    void datasetOpened(const QString& spec, const std::shared_ptr<const Dataset>& dataset);
    void datasetFailed(const QString& spec, const QString& message);
    void datasetCancelled(const QString& spec);
    void showRun(const RunInfo& run);

    std::unique_ptr<TrainingSession> session_;
    RunState* run_;
    MessageBanner* banner_;
    DatasetPanel* datasetPanel_;
    TrainingPanel* trainingPanel_;
    CurvesView* curves_;
    LatentExplorer* explorer_;
    ReconstructionPanel* reconstructions_;
    TrainingStatusBar* statusBar_;
    TrainingActions* trainingActions_;
    TrainingController* controller_;
    FileCommands* fileCommands_;
    SessionFiles* sessionFiles_;
    ExportActions* exports_;
    Autosave* autosave_;
    DatasetOpener* opener_;
    bool startWhenReady_ = false;
    bool layoutRestored_ = false;
    bool narrowLayout_ = false;
    bool shown_ = false;
};

} // namespace vae
