#pragma once

#include "core/files/ImageTiles.h"
#include "core/run/Metrics.h"
#include "core/session/ExportJobRunner.h"
#include "core/session/SessionTypes.h"
#include "ui/commands/ImageExportOptions.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace vae {

class CurvesView;
class ExportProgress;
class LatentExplorer;
class RunState;

// File > Export and the views' right-click menus: the decoded images (the latent grid, the image
// at the cursor, the interpolation as a strip or an animated GIF, the prior samples, the latent
// traversals), the curves
// (the history as CSV, the plot as PNG or PDF) and the latent codes of a split (CSV or .npy).
// Each asks where, and for pictures how large, then writes with core's exporters, as
// `vae-explorer export` does (rule "One implementation, two front ends"), and says what it wrote or why it could not.
// What an export needs from the views is taken when it is asked for; the decoding and the writing
// run on an ExportJobRunner, one export at a time, so the window never waits for them.
class ExportActions : public QObject {
    Q_OBJECT
public:
    // Where to write, or empty to cancel.
    using FileChooser =
        std::function<QString(const QString& title, const QString& suggestedName, const QString& filter)>;
    using LayoutChooser =
        std::function<std::optional<ImageExportLayout>(int imageSide, const ImageExportLayout& current)>;

    ExportActions(const RunState& run, LatentExplorer& explorer, CurvesView& curves, QWidget* dialogParent);

    void fillMenu(QMenu* menu) const;
    // For the status bar: the export in progress, with its Cancel.
    ExportProgress& progressView() const { return *progress_; }
    bool busy() const { return jobs_->busy(); }
    // The export in progress stops before it writes anything.
    void cancel() { jobs_->cancel(); }
    // Right-click menus on the plane, the cursor's image, the samples, the interpolation and the curves.
    void attachContextMenus();

    // Tests answer the dialogs themselves.
    void setFileChooser(FileChooser chooser) { chooseFile_ = std::move(chooser); }
    void setLayoutChooser(LayoutChooser chooser) { chooseLayout_ = std::move(chooser); }

Q_SIGNALS:
    void progressed(int percent);
    void exported(const QStringList& paths);
    void failed(const QString& message);
    // `path` stays as it was.
    void cancelled(const QString& path);

private:
    using ImageWriter =
        std::function<QStringList(const ModelSnapshot& model, const TileLayout& layout, const QString& path)>;
    using FileWriter = std::function<QStringList(const QString& path, ExportJobRunner::Progress& progress)>;

    QAction* addAction(const QString& text, const QString& objectName, void (ExportActions::*exporter)());
    void exportGrid();
    void exportCursorImage();
    void exportInterpolationStrip();
    void exportInterpolationGif();
    void exportInterpolation(const QString& suggestedName, const QString& filter);
    void exportPriorSheet();
    void exportTraversals();
    void exportStepsCsv();
    void exportEpochsCsv();
    void exportPlotPng();
    void exportPlotPdf();
    void exportTestCodes();
    void exportTrainCodes();
    void exportCodes(bool train);
    void exportImage(const QString& title, const QString& suggestedName, const QString& filter,
                     const ImageWriter& write);
    // Asks where, then runs `write` on the runner; refused while another export runs.
    void exportFile(const QString& title, const QString& suggestedName, const QString& filter, FileWriter write);
    // Says why not, when another export runs.
    bool refusedWhileBusy();
    // Hides the progress; returns the path that was being exported.
    QString concludeExport();
    QString askFileName(const QString& title, const QString& suggestedName, const QString& filter) const;
    void enableModelExports();

    const RunState& run_;
    LatentExplorer& explorer_;
    CurvesView& curves_;
    QWidget* dialogParent_;
    FileChooser chooseFile_;
    LayoutChooser chooseLayout_;
    ImageExportLayout layout_;
    QString lastDirectory_;
    QList<QAction*> imageActions_;
    QList<QAction*> curveActions_;
    QList<QAction*> codeActions_;
    QAction* grid_;
    QAction* cursor_;
    QAction* interpolationStrip_;
    QAction* interpolationGif_;
    QAction* prior_;
    QAction* traversals_;
    ExportJobRunner* jobs_;
    ExportProgress* progress_;
    QString exporting_; // the path of the export in progress
};

} // namespace vae
