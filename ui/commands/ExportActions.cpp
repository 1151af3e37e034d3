#include "ui/commands/ExportActions.h"

#include "core/data/ErrorText.h"
#include "core/decode/ExportRecipes.h"
#include "core/files/AtomicFile.h"
#include "core/files/ImageFile.h"
#include "core/files/MetricsCsv.h"
#include "ui/commands/ExportProgress.h"
#include "ui/commands/RunState.h"
#include "ui/curves/CurvesView.h"
#include "ui/latent/LatentCursorPreview.h"
#include "ui/latent/LatentDimensionsPanel.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSpace.h"
#include "ui/latent/LatentTraversalPanel.h"

#include <QAction>
#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QPdfWriter>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace vae {
namespace {

QString pngFilter()
{
    return ExportActions::tr("PNG images (*.png)");
}

// The plot as the window shows it, at twice the pixels for a sharp figure.
constexpr double plotPixelRatio = 2.0;

// The plot as a one-page PDF of its own size, drawn here (the plot is a widget of this thread) and
// written by the export's job like any other file. What QCustomPlot::savePdf draws, without
// writing the file itself.
QByteArray plotPdf(QCustomPlot& plot)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(72); // a pixel of the plot is a point of the page
        writer.setPageLayout(QPageLayout(QPageSize(plot.size(), QPageSize::Point, QString(), QPageSize::ExactMatch),
                                         QPageLayout::Portrait, QMarginsF()));
        QCPPainter painter;
        if (!painter.begin(&writer))
            throw std::runtime_error("the plot could not be drawn as PDF");
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot.toPainter(&painter, plot.width(), plot.height());
        painter.end();
    }
    return buffer.data();
}

} // namespace

ExportActions::ExportActions(const RunState& run, LatentExplorer& explorer, CurvesView& curves, QWidget* dialogParent)
    : QObject(dialogParent)
    , run_(run)
    , explorer_(explorer)
    , curves_(curves)
    , dialogParent_(dialogParent)
    , chooseFile_([this](const QString& title, const QString& name, const QString& filter) {
        return askFileName(title, name, filter);
    })
    , chooseLayout_([this](int side, const ImageExportLayout& current) {
        return askImageExportLayout(dialogParent_, side, current);
    })
    , lastDirectory_(QDir::homePath())
    , jobs_(new ExportJobRunner(this))
    , progress_(new ExportProgress(dialogParent))
{
    grid_ = addAction(tr("Latent &Grid as PNG…"), QStringLiteral("exportGrid"), &ExportActions::exportGrid);
    cursor_ = addAction(tr("Image at the &Cursor as PNG…"), QStringLiteral("exportCursorImage"),
                        &ExportActions::exportCursorImage);
    interpolationStrip_ = addAction(tr("&Interpolation as PNG Strip…"), QStringLiteral("exportInterpolationStrip"),
                                    &ExportActions::exportInterpolationStrip);
    interpolationGif_ = addAction(tr("Interpolation as Animated &GIF…"), QStringLiteral("exportInterpolationGif"),
                                  &ExportActions::exportInterpolationGif);
    prior_ =
        addAction(tr("&Prior Samples as PNG…"), QStringLiteral("exportPriorSheet"), &ExportActions::exportPriorSheet);
    traversals_ = addAction(tr("Latent &Traversals as PNG…"), QStringLiteral("exportTraversals"),
                            &ExportActions::exportTraversals);
    imageActions_ = {grid_, cursor_, interpolationStrip_, interpolationGif_, prior_, traversals_};
    curveActions_ = {
        addAction(tr("Training &Steps as CSV…"), QStringLiteral("exportStepsCsv"), &ExportActions::exportStepsCsv),
        addAction(tr("&Epochs as CSV…"), QStringLiteral("exportEpochsCsv"), &ExportActions::exportEpochsCsv),
        addAction(tr("Curves Plot as P&NG…"), QStringLiteral("exportPlotPng"), &ExportActions::exportPlotPng),
        addAction(tr("Curves Plot as P&DF…"), QStringLiteral("exportPlotPdf"), &ExportActions::exportPlotPdf)};
    codeActions_ = {addAction(tr("Latent Codes of the &Test Set…"), QStringLiteral("exportTestCodes"),
                              &ExportActions::exportTestCodes),
                    addAction(tr("Latent Codes of the T&raining Set…"), QStringLiteral("exportTrainCodes"),
                              &ExportActions::exportTrainCodes)};

    connect(jobs_, &ExportJobRunner::progressed, progress_, &ExportProgress::setPercent);
    connect(jobs_, &ExportJobRunner::progressed, this, &ExportActions::progressed);
    connect(jobs_, &ExportJobRunner::finished, this, [this](const QStringList& written) {
        concludeExport();
        Q_EMIT exported(written);
    });
    connect(jobs_, &ExportJobRunner::failed, this, [this](const QString& message) {
        concludeExport();
        // The exporters' messages name the file.
        Q_EMIT failed(tr("Could not export: %1").arg(message));
    });
    connect(jobs_, &ExportJobRunner::cancelled, this, [this] { Q_EMIT cancelled(concludeExport()); });
    connect(progress_, &ExportProgress::cancelRequested, jobs_, &ExportJobRunner::cancel);
    connect(&explorer_.space(), &LatentSpace::modelStarted, this, &ExportActions::enableModelExports);
    connect(&explorer_.space(), &LatentSpace::snapshotChanged, this, &ExportActions::enableModelExports);
    enableModelExports();
}

QAction* ExportActions::addAction(const QString& text, const QString& objectName, void (ExportActions::*exporter)())
{
    auto* action = new QAction(text, this);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, exporter);
    return action;
}

void ExportActions::fillMenu(QMenu* menu) const
{
    menu->addActions(imageActions_);
    menu->addSeparator();
    menu->addActions(curveActions_);
    menu->addSeparator();
    menu->addActions(codeActions_);
}

void ExportActions::attachContextMenus()
{
    connect(&explorer_.planePanel().view(), &LatentPlaneView::menuRequested, this,
            [this](const QPoint& globalPosition) {
                QMenu menu;
                menu.addActions({grid_, cursor_});
                menu.exec(globalPosition);
            });
    const auto offer = [](QWidget& view, const QList<QAction*>& actions) {
        view.addActions(actions);
        view.setContextMenuPolicy(Qt::ActionsContextMenu);
    };
    offer(explorer_.cursorPreview(), {cursor_});
    offer(explorer_.samplesPanel(), {prior_});
    offer(explorer_.interpolationPanel(), {interpolationStrip_, interpolationGif_});
    offer(explorer_.dimensionsPanel().traversals(), {traversals_});
    offer(*curves_.plot(), curveActions_);
}

void ExportActions::enableModelExports()
{
    const bool model = explorer_.space().snapshot() != nullptr;
    for (QAction* action : imageActions_ + codeActions_)
        action->setEnabled(model);
}

void ExportActions::exportGrid()
{
    const LatentSpace& space = explorer_.space();
    exportImage(tr("Export the Latent Grid"), QStringLiteral("latent-grid.png"), pngFilter(),
                [plane = space.plane(), grid = explorer_.planePanel().controls().grid(), style = space.decodeStyle()](
                    const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    saveImage(decodeGridImage(model, plane, grid.cells, grid.range, grid.spacing, style, layout), path);
                    return QStringList{path};
                });
}

void ExportActions::exportCursorImage()
{
    const LatentSpace& space = explorer_.space();
    exportImage(tr("Export the Image at the Cursor"), QStringLiteral("cursor.png"), pngFilter(),
                [latent = space.cursorLatent(), style = space.decodeStyle()](
                    const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    saveImage(decodePointImage(model, latent, style, layout), path);
                    return QStringList{path};
                });
}

void ExportActions::exportInterpolationStrip()
{
    exportInterpolation(QStringLiteral("interpolation.png"), pngFilter());
}

void ExportActions::exportInterpolationGif()
{
    exportInterpolation(QStringLiteral("interpolation.gif"), tr("Animated GIF (*.gif)"));
}

void ExportActions::exportInterpolation(const QString& suggestedName, const QString& filter)
{
    const LatentSpace& space = explorer_.space();
    exportImage(
        tr("Export the Interpolation"), suggestedName, filter,
        [choice = explorer_.interpolationPanel().choice(), dataset = space.dataset(),
         style = space.decodeStyle()](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
            const ImageSet& test = dataset->test;
            for (const InterpolationEnd& end : choice.ends)
                if (end.testImage >= test.count() || (end.testImage < 0 && int(end.point.size()) != model.latentDim()))
                    throw std::runtime_error(
                        tr("%1: choose both ends of the interpolation first").arg(path).toStdString());
            const std::vector<float> latents =
                interpolationLatents(model, test, choice.ends[0], choice.ends[1], choice.steps, choice.kind);
            writeInterpolation(path, decodeImages(model, latents, style), layout);
            return QStringList{path};
        });
}

void ExportActions::exportPriorSheet()
{
    exportImage(tr("Export the Prior Samples"), QStringLiteral("prior-samples.png"), pngFilter(),
                [seed = explorer_.samplesPanel().seed(), style = explorer_.space().decodeStyle()](
                    const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    saveImage(decodePriorSheet(model, LatentSamplesPanel::exportColumns, LatentSamplesPanel::exportRows,
                                               seed, style, layout),
                              path);
                    return QStringList{path};
                });
}

void ExportActions::exportTraversals()
{
    const LatentSpace& space = explorer_.space();
    const LatentTraversalPanel& panel = explorer_.dimensionsPanel().traversals();
    const auto& encoded = space.encoded();
    // Values, not the views: the export runs on its own thread while the explorer moves on.
    exportImage(
        tr("Export the Latent Traversals"), QStringLiteral("traversals.png"), pngFilter(),
        [reference = panel.reference(), kl = encoded ? encoded->kl : std::vector<double>(), steps = panel.steps(),
         style = space.decodeStyle()](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
            saveImage(decodeTraversalSheet(model, reference, kl, steps, style, layout), path);
            return QStringList{path};
        });
}

void ExportActions::exportStepsCsv()
{
    exportFile(tr("Export the Training Steps"), QStringLiteral("steps.csv"), tr("CSV files (*.csv)"),
               [history = run_.history()](const QString& path, ExportJobRunner::Progress&) {
                   writeStepsCsv(path, history);
                   return QStringList{path};
               });
}

void ExportActions::exportEpochsCsv()
{
    exportFile(tr("Export the Epochs"), QStringLiteral("epochs.csv"), tr("CSV files (*.csv)"),
               [history = run_.history()](const QString& path, ExportJobRunner::Progress&) {
                   writeEpochsCsv(path, history);
                   return QStringList{path};
               });
}

void ExportActions::exportPlotPng()
{
    CurvesPlot& plot = *curves_.plot();
    exportFile(tr("Export the Curves Plot"), QStringLiteral("curves.png"), pngFilter(),
               [image = plot.toPixmap(plot.width(), plot.height(), plotPixelRatio).toImage()](
                   const QString& path, ExportJobRunner::Progress&) {
                   saveImage(image, path);
                   return QStringList{path};
               });
}

void ExportActions::exportPlotPdf()
{
    QByteArray pdf;
    try {
        pdf = plotPdf(*curves_.plot());
    } catch (const std::exception& error) {
        Q_EMIT failed(tr("Could not export: %1").arg(firstLineOf(error)));
        return;
    }
    exportFile(tr("Export the Curves Plot"), QStringLiteral("curves.pdf"), tr("PDF documents (*.pdf)"),
               [pdf](const QString& path, ExportJobRunner::Progress&) {
                   writeFileAtomically(path, pdf);
                   return QStringList{path};
               });
}

void ExportActions::exportTestCodes()
{
    exportCodes(false);
}

void ExportActions::exportTrainCodes()
{
    exportCodes(true);
}

void ExportActions::exportCodes(bool train)
{
    const SnapshotPtr model = explorer_.space().snapshot();
    const std::shared_ptr<const Dataset> dataset = explorer_.space().dataset();
    if (!model || !dataset) {
        Q_EMIT failed(tr("Nothing to export yet: open a dataset or a model first"));
        return;
    }
    const QString split = train ? QStringLiteral("train") : QStringLiteral("test");
    exportFile(tr("Export the Latent Codes of the %1 Set").arg(train ? tr("Training") : tr("Test")),
               QStringLiteral("codes-%1.csv").arg(split), tr("CSV files (*.csv);;NumPy arrays (*.npy)"),
               [model, dataset, train](const QString& path, ExportJobRunner::Progress& progress) {
                   // Encoding is nearly all of the work: a cancel stops it between two batches.
                   const LatentCodes codes = encodeImageSet(
                       *model, train ? dataset->train : dataset->test,
                       [&progress](int encoded, int total) { progress.report(double(encoded) / std::max(1, total)); });
                   return writeLatentCodesFile(path, codes);
               });
}

void ExportActions::exportImage(const QString& title, const QString& suggestedName, const QString& filter,
                                const ImageWriter& write)
{
    // The snapshot of the moment: training may publish newer ones while the dialogs are open.
    const SnapshotPtr model = explorer_.space().snapshot();
    if (!model || !explorer_.space().dataset()) {
        Q_EMIT failed(tr("Nothing to export yet: open a dataset or a model first"));
        return;
    }
    if (refusedWhileBusy())
        return;
    const std::optional<ImageExportLayout> chosen = chooseLayout_(std::max(model->width(), model->height()), layout_);
    if (!chosen)
        return;
    layout_ = *chosen;
    const int cell = layout_.cellPixels > 0 ? layout_.cellPixels : 2 * std::max(model->width(), model->height());
    const TileLayout layout = exportLayout(*model, cell, layout_.border);
    exportFile(title, suggestedName, filter, [model, layout, write](const QString& path, ExportJobRunner::Progress&) {
        return write(*model, layout, path);
    });
}

void ExportActions::exportFile(const QString& title, const QString& suggestedName, const QString& filter,
                               FileWriter write)
{
    if (refusedWhileBusy())
        return;
    const QString path = chooseFile_(title, QDir(lastDirectory_).filePath(suggestedName), filter);
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    exporting_ = path;
    jobs_->start([path, write = std::move(write)](ExportJobRunner::Progress& progress) {
        progress.report(0);
        return write(path, progress);
    });
    progress_->begin(QFileInfo(path).fileName());
}

bool ExportActions::refusedWhileBusy()
{
    if (!jobs_->busy())
        return false;
    Q_EMIT failed(tr("Another export is still running: wait for it or cancel it first"));
    return true;
}

QString ExportActions::concludeExport()
{
    progress_->end();
    return std::exchange(exporting_, {});
}

QString ExportActions::askFileName(const QString& title, const QString& suggestedName, const QString& filter) const
{
    return QFileDialog::getSaveFileName(dialogParent_, title, suggestedName, filter);
}

} // namespace vae
