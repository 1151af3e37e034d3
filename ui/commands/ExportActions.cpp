#include "ui/commands/ExportActions.h"

#include "core/data/ErrorText.h"
#include "core/decode/ExportRecipes.h"
#include "core/files/ImageFile.h"
#include "core/files/MetricsCsv.h"
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
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QTemporaryFile>

#include <cstdio>
#include <stdexcept>

namespace vae {
namespace {

QString pngFilter()
{
    return ExportActions::tr("PNG images (*.png)");
}

// The plot as the window shows it, at twice the pixels for a sharp figure.
constexpr double plotPixelRatio = 2.0;

// QCustomPlot writes PDFs straight to the file: written beside it and renamed into place, a
// failure leaves no half-written PDF behind and the old one, if any, intact.
void savePlotPdf(QCustomPlot& plot, const QString& path)
{
    QTemporaryFile partial(
        QFileInfo(path).absoluteDir().filePath(QStringLiteral(".%1.XXXXXX").arg(QFileInfo(path).fileName())));
    if (!partial.open())
        throw std::runtime_error(
            QStringLiteral("%1: cannot write there (%2)").arg(path, partial.errorString()).toStdString());
    partial.close();
    if (!plot.savePdf(partial.fileName()))
        throw std::runtime_error(QStringLiteral("%1: the plot could not be written as PDF").arg(path).toStdString());
    if (std::rename(QFile::encodeName(partial.fileName()).constData(), QFile::encodeName(path).constData()) != 0)
        throw std::runtime_error(QStringLiteral("%1: cannot replace the file").arg(path).toStdString());
    partial.setAutoRemove(false); // it is the PDF now
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
    exportImage(tr("Export the Latent Grid"), QStringLiteral("latent-grid.png"), pngFilter(),
                [this](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    const LatentSpace& space = explorer_.space();
                    const GridSettings grid = explorer_.planePanel().controls().grid();
                    saveImage(decodeGridImage(model, space.plane(), grid.cells, grid.range, grid.spacing,
                                              space.decodeStyle(), layout),
                              path);
                    return QStringList{path};
                });
}

void ExportActions::exportCursorImage()
{
    exportImage(tr("Export the Image at the Cursor"), QStringLiteral("cursor.png"), pngFilter(),
                [this](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    const LatentSpace& space = explorer_.space();
                    saveImage(decodePointImage(model, space.cursorLatent(), space.decodeStyle(), layout), path);
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
    exportImage(tr("Export the Interpolation"), suggestedName, filter,
                [this](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    const InterpolationChoice choice = explorer_.interpolationPanel().choice();
                    const ImageSet& test = explorer_.space().dataset()->test;
                    for (const InterpolationEnd& end : choice.ends)
                        if (end.testImage >= test.count() ||
                            (end.testImage < 0 && int(end.point.size()) != model.latentDim()))
                            throw std::runtime_error(
                                tr("%1: choose both ends of the interpolation first").arg(path).toStdString());
                    const std::vector<float> latents =
                        interpolationLatents(model, test, choice.ends[0], choice.ends[1], choice.steps, choice.kind);
                    writeInterpolation(path, decodeImages(model, latents, explorer_.space().decodeStyle()), layout);
                    return QStringList{path};
                });
}

void ExportActions::exportPriorSheet()
{
    exportImage(tr("Export the Prior Samples"), QStringLiteral("prior-samples.png"), pngFilter(),
                [this](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    saveImage(decodePriorSheet(model, LatentSamplesPanel::exportColumns, LatentSamplesPanel::exportRows,
                                               explorer_.samplesPanel().seed(), explorer_.space().decodeStyle(),
                                               layout),
                              path);
                    return QStringList{path};
                });
}

void ExportActions::exportTraversals()
{
    exportImage(tr("Export the Latent Traversals"), QStringLiteral("traversals.png"), pngFilter(),
                [this](const ModelSnapshot& model, const TileLayout& layout, const QString& path) {
                    const LatentSpace& space = explorer_.space();
                    const LatentTraversalPanel& panel = explorer_.dimensionsPanel().traversals();
                    const auto& encoded = space.encoded();
                    const std::vector<double> kl = encoded ? encoded->kl : std::vector<double>();
                    saveImage(
                        decodeTraversalSheet(model, panel.reference(), kl, panel.steps(), space.decodeStyle(), layout),
                        path);
                    return QStringList{path};
                });
}

void ExportActions::exportStepsCsv()
{
    exportFile(tr("Export the Training Steps"), QStringLiteral("steps.csv"), tr("CSV files (*.csv)"),
               [this](const QString& path) {
                   writeStepsCsv(path, run_.history());
                   return QStringList{path};
               });
}

void ExportActions::exportEpochsCsv()
{
    exportFile(tr("Export the Epochs"), QStringLiteral("epochs.csv"), tr("CSV files (*.csv)"),
               [this](const QString& path) {
                   writeEpochsCsv(path, run_.history());
                   return QStringList{path};
               });
}

void ExportActions::exportPlotPng()
{
    exportFile(tr("Export the Curves Plot"), QStringLiteral("curves.png"), pngFilter(), [this](const QString& path) {
        CurvesPlot& plot = *curves_.plot();
        saveImage(plot.toPixmap(plot.width(), plot.height(), plotPixelRatio).toImage(), path);
        return QStringList{path};
    });
}

void ExportActions::exportPlotPdf()
{
    exportFile(tr("Export the Curves Plot"), QStringLiteral("curves.pdf"), tr("PDF documents (*.pdf)"),
               [this](const QString& path) {
                   savePlotPdf(*curves_.plot(), path);
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
    const QString split = train ? QStringLiteral("train") : QStringLiteral("test");
    exportFile(tr("Export the Latent Codes of the %1 Set").arg(train ? tr("Training") : tr("Test")),
               QStringLiteral("codes-%1.csv").arg(split), tr("CSV files (*.csv);;NumPy arrays (*.npy)"),
               [this, train](const QString& path) {
                   const SnapshotPtr model = explorer_.space().snapshot();
                   const Dataset& dataset = *explorer_.space().dataset();
                   if (!model)
                       throw std::runtime_error(tr("%1: there is no model to encode with yet").arg(path).toStdString());
                   return writeLatentCodesFile(path, encodeImageSet(*model, train ? dataset.train : dataset.test));
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
    const std::optional<ImageExportLayout> chosen = chooseLayout_(std::max(model->width(), model->height()), layout_);
    if (!chosen)
        return;
    layout_ = *chosen;
    const int cell = layout_.cellPixels > 0 ? layout_.cellPixels : 2 * std::max(model->width(), model->height());
    const TileLayout layout = exportLayout(*model, cell, layout_.border);
    exportFile(title, suggestedName, filter, [&](const QString& path) { return write(*model, layout, path); });
}

void ExportActions::exportFile(const QString& title, const QString& suggestedName, const QString& filter,
                               const FileWriter& write)
{
    const QString path = chooseFile_(title, QDir(lastDirectory_).filePath(suggestedName), filter);
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        const QStringList written = write(path);
        QApplication::restoreOverrideCursor();
        Q_EMIT exported(written);
    } catch (const std::exception& error) {
        QApplication::restoreOverrideCursor();
        // The exporters' messages name the file.
        Q_EMIT failed(tr("Could not export: %1").arg(firstLineOf(error)));
    }
}

QString ExportActions::askFileName(const QString& title, const QString& suggestedName, const QString& filter) const
{
    return QFileDialog::getSaveFileName(dialogParent_, title, suggestedName, filter);
}

} // namespace vae
