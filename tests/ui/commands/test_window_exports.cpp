#include "tests/support/python_check.h"
#include "tests/support/trained_model_fixture.h"

#include "core/latent/LatentGeometry.h"
#include "core/latent/LatentSampling.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/Autosave.h"
#include "ui/commands/ExportActions.h"
#include "ui/commands/ExportProgress.h"
#include "ui/curves/CurvesView.h"
#include "ui/latent/LatentDimensionsPanel.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSpace.h"
#include "ui/latent/LatentTraversalPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/window/MessageBanner.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace vae {
namespace {

using testing::decodedDirectly;
using testing::largestPixelDifference;
using testing::runPython;
using testing::waitUntil;

constexpr int cellScale = 3;
constexpr int border = 2;

// The window's export path on an opened checkpoint: the main window as a user has it, with
// ExportActions' dialogs answered by the test.
class WindowExports : public ::testing::Test {
protected:
    void SetUp() override
    {
        window.autosave().setPath(folder.filePath(QStringLiteral("autosave.vae")));
        QObject::connect(&session, &TrainingSession::modelReady, [this](const RunInfo& opened) { run = opened; });
        exports.setFileChooser([this](const QString&, const QString&, const QString&) { return target; });
        exports.setLayoutChooser([](int imageSide, const ImageExportLayout&) {
            return ImageExportLayout{cellScale * imageSide, border};
        });
        QObject::connect(&exports, &ExportActions::failed, [this](const QString& message) { failures << message; });
        QObject::connect(&exports, &ExportActions::exported, [this](const QStringList& paths) { written << paths; });
        window.resize(1400, 900);
        window.show();
        session.openModel(checkpointPath());
        ASSERT_TRUE(
            waitUntil([&] { return explorer.space().snapshot() && explorer.space().plane().latentDim() == 3; }));
        snapshot = explorer.space().snapshot();
        side = snapshot->width();
    }

    virtual QString checkpointPath() const { return testing::trainedModel(3).checkpointPath; }

    // Triggers File > Export's action as a user would, writing to `name` in the test's folder, and
    // returns once the export has been written or has failed.
    QString exportTo(const char* action, const QString& name)
    {
        startExport(action, name);
        EXPECT_TRUE(waitUntil([&] { return !exports.busy(); })) << action;
        return target;
    }
    void startExport(const char* action, const QString& name)
    {
        target = folder.filePath(name);
        QAction* found = window.findChild<QAction*>(QString::fromLatin1(action));
        EXPECT_TRUE(found) << action;
        if (found)
            found->trigger();
    }

    // The cell at (row, column) of a tiled picture, scaled back down to the image's own pixels.
    QImage cell(const QImage& tiled, int row, int column, int scale, int gap) const
    {
        const int x0 = gap + column * (side * scale + gap);
        const int y0 = gap + row * (side * scale + gap);
        return tiled.copy(x0, y0, side * scale, side * scale)
            .scaled(side, side, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    }

    QTemporaryDir folder;
    MainWindow window;
    TrainingSession& session = window.session();
    LatentExplorer& explorer = window.explorer();
    CurvesView& curves = window.curves();
    ExportActions& exports = window.exports();
    QString target;
    QStringList failures;
    QStringList written;
    RunInfo run;
    SnapshotPtr snapshot;
    int side = 0;
};

TEST_F(WindowExports, TheGridIsThePlaneDecodedAtTheChosenCellSize)
{
    explorer.planePanel().controls().setGrid({5, 2.0, GridSpacing::Quantile});
    // The plane as it was when the export was asked for: the explorer may settle on another while it runs.
    const LatentPlane plane = explorer.space().plane();
    const QString path = exportTo("exportGrid", QStringLiteral("grid.png"));
    ASSERT_TRUE(failures.isEmpty()) << failures.join(QLatin1Char('\n')).toStdString();
    const QImage grid(path);
    const int cellSide = cellScale * side;
    EXPECT_EQ(grid.size(), QSize(5 * cellSide + 6 * border, 5 * cellSide + 6 * border));
    const std::vector<float> points = gridPoints(plane, 5, 2.0, GridSpacing::Quantile);
    const int dim = snapshot->latentDim();
    for (int row = 0; row < 5; ++row)
        for (int column = 0; column < 5; ++column) {
            const std::vector<float> z(points.begin() + (row * 5 + column) * dim,
                                       points.begin() + (row * 5 + column + 1) * dim);
            EXPECT_LE(largestPixelDifference(cell(grid, row, column, cellScale, border), decodedDirectly(*snapshot, z)),
                      1)
                << row << "," << column;
        }
    // Nearest-neighbour scaling: each image pixel is a solid 3x3 block.
    EXPECT_EQ(grid.pixel(border, border), grid.pixel(border + 2, border + 2));
    EXPECT_EQ(grid.pixel(0, 0), qRgb(255, 255, 255)); // the border
}

TEST_F(WindowExports, TheCursorImageIsTheDecodedCursorLatent)
{
    explorer.space().setCursor(QPointF(0.75, -1.5));
    const std::vector<float> latent = explorer.space().cursorLatent();
    const QString path = exportTo("exportCursorImage", QStringLiteral("cursor.png"));
    const QImage image(path);
    ASSERT_EQ(image.size(), QSize(cellScale * side, cellScale * side));
    EXPECT_LE(largestPixelDifference(cell(image, 0, 0, cellScale, 0), decodedDirectly(*snapshot, latent)), 1);
}

TEST_F(WindowExports, TheInterpolationIsAStripAndAGifOfKFrames)
{
    InterpolationChoice choice;
    choice.ends = {InterpolationEnd{4, {}}, InterpolationEnd{-1, {1.5f, -1.0f, 0.5f}}};
    choice.steps = 7;
    choice.kind = InterpolationKind::Spherical;
    explorer.interpolationPanel().setChoice(choice);

    const QImage strip(exportTo("exportInterpolationStrip", QStringLiteral("path.png")));
    const int cellSide = cellScale * side;
    ASSERT_EQ(strip.size(), QSize(7 * cellSide + 8 * border, cellSide + 2 * border));
    std::vector<float> from, logVariance;
    snapshot->encode(explorer.space().dataset()->test.image(4), 1, from, logVariance);
    const std::vector<float> path = interpolationPath(from, choice.ends[1].point, 7, InterpolationKind::Spherical);
    for (int step = 0; step < 7; ++step) {
        const std::vector<float> z(path.begin() + step * 3, path.begin() + (step + 1) * 3);
        EXPECT_LE(largestPixelDifference(cell(strip, 0, step, cellScale, border), decodedDirectly(*snapshot, z)), 1)
            << step;
    }

    const QString gif = exportTo("exportInterpolationGif", QStringLiteral("path.gif"));
    int error = 0;
    GifFileType* file = DGifOpenFileName(QFile::encodeName(gif).constData(), &error);
    ASSERT_TRUE(file) << GifErrorString(error);
    ASSERT_EQ(DGifSlurp(file), GIF_OK);
    EXPECT_EQ(file->ImageCount, 7);
    EXPECT_EQ(file->SWidth, cellSide);
    EXPECT_EQ(file->SHeight, cellSide);
    DGifCloseFile(file, &error);
    EXPECT_TRUE(failures.isEmpty()) << failures.join(QLatin1Char('\n')).toStdString();
}

TEST_F(WindowExports, ThePriorSheetShowsThePanelsDraws)
{
    explorer.samplesPanel().setSeed(42);
    const QImage sheet(exportTo("exportPriorSheet", QStringLiteral("prior.png")));
    const int cellSide = cellScale * side;
    ASSERT_EQ(sheet.size(), QSize(10 * cellSide + 11 * border, 10 * cellSide + 11 * border));
    const std::vector<float> draws = priorSamples(100, 3, 42);
    for (int index : {0, 37, 99}) {
        const std::vector<float> z(draws.begin() + index * 3, draws.begin() + (index + 1) * 3);
        EXPECT_LE(largestPixelDifference(cell(sheet, index / 10, index % 10, cellScale, border),
                                         decodedDirectly(*snapshot, z)),
                  1)
            << index;
    }
}

TEST_F(WindowExports, TheTraversalsAreTheTabsRowsAboutItsCentre)
{
    LatentSpace& space = explorer.space();
    ASSERT_TRUE(waitUntil([&] { return space.encoded() != nullptr; }));
    PlaneChoice choice = space.planeChoice();
    choice.reference = PlaneReference::SelectedImage;
    space.choosePlane(choice);
    space.select(2);
    explorer.dimensionsPanel().traversals().setSteps(5);
    const QImage sheet(exportTo("exportTraversals", QStringLiteral("traversals.png")));
    ASSERT_TRUE(failures.isEmpty()) << failures.join(QLatin1Char('\n')).toStdString();
    const int cellSide = cellScale * side;
    ASSERT_EQ(sheet.size(), QSize(5 * cellSide + 6 * border, 3 * cellSide + 4 * border));
    const float* mean = space.encoded()->codes.mean(2);
    const std::vector<float> centre(mean, mean + 3);
    const std::vector<int> rows = space.dimensionsByKl();
    for (int row = 0; row < 3; ++row) {
        EXPECT_LE(largestPixelDifference(cell(sheet, row, 2, cellScale, border), decodedDirectly(*snapshot, centre)), 1)
            << row;
        std::vector<float> first = centre;
        first[std::size_t(rows[std::size_t(row)])] -= 3.0f;
        EXPECT_LE(largestPixelDifference(cell(sheet, row, 0, cellScale, border), decodedDirectly(*snapshot, first)), 1)
            << row;
    }
}

TEST_F(WindowExports, CurvesCsvParsesBackToTheHistory)
{
    ASSERT_FALSE(run.history.steps.empty());
    QFile steps(exportTo("exportStepsCsv", QStringLiteral("steps.csv")));
    ASSERT_TRUE(steps.open(QIODevice::ReadOnly | QIODevice::Text));
    QTextStream stream(&steps);
    EXPECT_EQ(stream.readLine(), QStringLiteral("step,epoch,elbo,reconstruction,kl"));
    std::size_t rows = 0;
    for (QString line = stream.readLine(); !line.isNull(); line = stream.readLine(), ++rows) {
        const QStringList fields = line.split(QLatin1Char(','));
        ASSERT_EQ(fields.size(), 5);
        ASSERT_LT(rows, run.history.steps.size());
        const StepMetrics& expected = run.history.steps[rows];
        EXPECT_EQ(fields[0].toLongLong(), expected.step);
        EXPECT_EQ(fields[1].toInt(), expected.epoch);
        EXPECT_FLOAT_EQ(fields[2].toFloat(), expected.elbo);
        EXPECT_FLOAT_EQ(fields[4].toFloat(), expected.kl);
    }
    EXPECT_EQ(rows, run.history.steps.size());
    QFile epochs(exportTo("exportEpochsCsv", QStringLiteral("epochs.csv")));
    ASSERT_TRUE(epochs.open(QIODevice::ReadOnly | QIODevice::Text));
    EXPECT_TRUE(epochs.readLine().startsWith("epoch,step,elbo,reconstruction,kl,test_elbo"));
}

TEST_F(WindowExports, ThePlotIsWrittenAsPngAndPdf)
{
    const QImage png(exportTo("exportPlotPng", QStringLiteral("curves.png")));
    EXPECT_EQ(png.size(), 2 * curves.plot()->size());
    QFile pdf(exportTo("exportPlotPdf", QStringLiteral("curves.pdf")));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5) == "%PDF-");
    EXPECT_EQ(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temporary left
}

TEST_F(WindowExports, LatentCodesLoadInNumpyWithTheirShapeAndType)
{
    const QString npy = exportTo("exportTestCodes", QStringLiteral("codes.npy"));
    ASSERT_TRUE(failures.isEmpty()) << failures.join(QLatin1Char('\n')).toStdString();
    const int count = explorer.space().dataset()->test.count();
    const QString described = runPython(QStringLiteral("import numpy, sys\n"
                                                       "a = numpy.load(sys.argv[1]); l = numpy.load(sys.argv[2])\n"
                                                       "print(a.shape, a.dtype, l.shape, l.dtype)"),
                                        {npy, folder.filePath(QStringLiteral("codes_labels.npy"))});
    EXPECT_EQ(described, QStringLiteral("(%1, 2, 3) float32 (%1,) int64").arg(count));

    std::vector<float> mean, logVariance;
    snapshot->encode(explorer.space().dataset()->test.image(0), 1, mean, logVariance);
    const QString csv = exportTo("exportTestCodes", QStringLiteral("codes.csv"));
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    EXPECT_EQ(lines.size(), count + 1);
    const QList<QByteArray> first = lines[1].split(',');
    ASSERT_EQ(first.size(), 2 + 2 * 3);
    EXPECT_NEAR(first[2].toFloat(), mean[0], 1e-4);
    EXPECT_NEAR(first[5].toFloat(), logVariance[0], 1e-4);
}

TEST_F(WindowExports, TheCodesExportReportsItsProgressUntilTheWholeSplitIsEncoded)
{
    std::vector<int> percents;
    QObject::connect(&exports, &ExportActions::progressed, [&](int percent) { percents.push_back(percent); });
    const QString npy = exportTo("exportTestCodes", QStringLiteral("codes.npy"));
    ASSERT_TRUE(failures.isEmpty()) << failures.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(written.value(0), npy);
    ASSERT_GE(percents.size(), 2u); // the start and at least one batch
    EXPECT_EQ(percents.front(), 0);
    EXPECT_EQ(percents.back(), 100);
    EXPECT_TRUE(std::is_sorted(percents.begin(), percents.end()));
    EXPECT_TRUE(exports.progressView().isHidden()); // gone with the export
}

TEST_F(WindowExports, ASecondExportWhileOneRunsIsRefusedAndTheFirstCompletes)
{
    startExport("exportTestCodes", QStringLiteral("codes.csv"));
    const QString first = target;
    // The first one's outcome can only arrive through the event loop, which has not run since.
    ASSERT_TRUE(exports.busy());
    startExport("exportGrid", QStringLiteral("grid.png"));
    ASSERT_EQ(failures.size(), 1);
    EXPECT_TRUE(failures[0].contains(QStringLiteral("Another export is still running"))) << failures[0].toStdString();
    ASSERT_TRUE(waitUntil([&] { return !exports.busy(); }));
    EXPECT_EQ(written, QStringList{first});
    EXPECT_TRUE(QFile::exists(first));
    EXPECT_FALSE(QFile::exists(folder.filePath(QStringLiteral("grid.png"))));
}

TEST_F(WindowExports, AnUnwritablePathIsReportedAndNothingIsWritten)
{
    QFile blocker(folder.filePath(QStringLiteral("not-a-folder")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    for (const char* action :
         {"exportGrid", "exportInterpolationGif", "exportStepsCsv", "exportPlotPdf", "exportTestCodes"}) {
        failures.clear();
        const QString path = exportTo(action, QStringLiteral("not-a-folder/out.gif"));
        ASSERT_EQ(failures.size(), 1) << action;
        EXPECT_TRUE(failures[0].contains(path)) << failures[0].toStdString();
        // The window says so.
        const MessageBanner* banner = window.findChild<MessageBanner*>();
        EXPECT_TRUE(banner->isError());
        EXPECT_TRUE(banner->message().contains(path)) << banner->message().toStdString();
    }
    EXPECT_TRUE(written.isEmpty());
    EXPECT_EQ(QDir(folder.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QStringLiteral("not-a-folder")});
}

// The same window on a model of 32 x 32 RGB images.
class ColourWindowExports : public WindowExports {
protected:
    QString checkpointPath() const override { return testing::trainedColourModel().checkpointPath; }

    // The decoded image at `latent` in cell (row, column) of an exported picture, and that picture in colour.
    void expectCellInColour(const QImage& picture, int row, int column, int gap, const std::vector<float>& latent)
    {
        EXPECT_TRUE(testing::hasColour(picture));
        EXPECT_LE(
            largestPixelDifference(cell(picture, row, column, cellScale, gap), decodedDirectly(*snapshot, latent)), 1);
    }
};

// Frame `index` of a read GIF, through its global palette.
QImage gifFrame(const GifFileType& file, int index)
{
    const SavedImage& frame = file.SavedImages[index];
    QImage image(file.SWidth, file.SHeight, QImage::Format_RGB32);
    for (int y = 0; y < file.SHeight; ++y)
        for (int x = 0; x < file.SWidth; ++x) {
            const GifColorType colour = file.SColorMap->Colors[frame.RasterBits[y * file.SWidth + x]];
            image.setPixel(x, y, qRgb(colour.Red, colour.Green, colour.Blue));
        }
    return image;
}

TEST_F(ColourWindowExports, EveryPictureExportIsInColourAtTheImagesSize)
{
    ASSERT_EQ(snapshot->channels(), 3);
    const int cellSide = cellScale * side;
    explorer.planePanel().controls().setGrid({5, 2.0, GridSpacing::Linear});
    const LatentPlane plane = explorer.space().plane();
    const QImage grid(exportTo("exportGrid", QStringLiteral("grid.png")));
    ASSERT_EQ(grid.size(), QSize(5 * cellSide + 6 * border, 5 * cellSide + 6 * border));
    const std::vector<float> gridLatents = gridPoints(plane, 5, 2.0, GridSpacing::Linear);
    expectCellInColour(grid, 0, 0, border, std::vector<float>(gridLatents.begin(), gridLatents.begin() + 3));

    explorer.space().setCursor(QPointF(0.5, 1.0));
    const std::vector<float> cursor = explorer.space().cursorLatent();
    const QImage image(exportTo("exportCursorImage", QStringLiteral("cursor.png")));
    ASSERT_EQ(image.size(), QSize(cellSide, cellSide));
    expectCellInColour(image, 0, 0, 0, cursor);

    explorer.samplesPanel().setSeed(9);
    const QImage prior(exportTo("exportPriorSheet", QStringLiteral("prior.png")));
    ASSERT_EQ(prior.size(), QSize(10 * cellSide + 11 * border, 10 * cellSide + 11 * border));
    const std::vector<float> draws = priorSamples(100, 3, 9);
    expectCellInColour(prior, 0, 0, border, std::vector<float>(draws.begin(), draws.begin() + 3));

    explorer.dimensionsPanel().traversals().setSteps(3);
    const QImage traversals(exportTo("exportTraversals", QStringLiteral("traversals.png")));
    ASSERT_EQ(traversals.size(), QSize(3 * cellSide + 4 * border, 3 * cellSide + 4 * border));
    expectCellInColour(traversals, 0, 1, border, {0.0f, 0.0f, 0.0f}); // the centre: zero

    InterpolationChoice choice;
    choice.ends = {InterpolationEnd{-1, {-1.0f, 0.5f, 0.0f}}, InterpolationEnd{-1, {1.5f, -1.0f, 0.5f}}};
    choice.steps = 4;
    choice.kind = InterpolationKind::Linear;
    explorer.interpolationPanel().setChoice(choice);
    const QImage strip(exportTo("exportInterpolationStrip", QStringLiteral("path.png")));
    ASSERT_EQ(strip.size(), QSize(4 * cellSide + 5 * border, cellSide + 2 * border));
    expectCellInColour(strip, 0, 3, border, choice.ends[1].point);

    const QString gif = exportTo("exportInterpolationGif", QStringLiteral("path.gif"));
    int error = 0;
    GifFileType* file = DGifOpenFileName(QFile::encodeName(gif).constData(), &error);
    ASSERT_TRUE(file) << GifErrorString(error);
    ASSERT_EQ(DGifSlurp(file), GIF_OK);
    ASSERT_EQ(file->ImageCount, 4);
    ASSERT_TRUE(file->SColorMap);
    const QImage last = gifFrame(*file, 3);
    DGifCloseFile(file, &error);
    EXPECT_EQ(last.size(), QSize(cellSide, cellSide));
    EXPECT_TRUE(testing::hasColour(last));
    // A 6 x 7 x 6 colour palette: each channel within half a level of the decoded byte.
    EXPECT_LE(largestPixelDifference(cell(last, 0, 0, cellScale, 0), decodedDirectly(*snapshot, choice.ends[1].point)),
              26);
    EXPECT_TRUE(failures.isEmpty()) << failures.join(QLatin1Char('\n')).toStdString();
}

} // namespace
} // namespace vae
