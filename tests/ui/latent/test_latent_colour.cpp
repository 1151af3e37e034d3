#include "tests/support/trained_model_fixture.h"

#include "core/latent/LatentGeometry.h"
#include "core/session/TrainingSession.h"
#include "ui/latent/LatentCursorPreview.h"
#include "ui/latent/LatentDimensionsPanel.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSelectionPanel.h"
#include "ui/latent/LatentSpace.h"
#include "ui/latent/LatentTraversalPanel.h"
#include "ui/widgets/PixelImageLabel.h"

#include <QSignalSpy>
#include <QTabWidget>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::colourSide;
using testing::decodedDirectly;
using testing::hasColour;
using testing::largestPixelDifference;
using testing::waitUntil;

// A picture on screen: in colour, and enlarged (if at all) by a whole number, so that every image
// pixel is a block of the same size.
void expectColourAtWholeScale(const PixelImageLabel& label, const char* view)
{
    SCOPED_TRACE(view);
    ASSERT_FALSE(label.image().isNull());
    EXPECT_TRUE(hasColour(label.image()));
    const QRect shown = label.imageRect();
    if (shown.width() >= label.image().width()) {
        EXPECT_EQ(shown.width() % label.image().width(), 0);
        EXPECT_EQ(shown.width() / label.image().width(), shown.height() / label.image().height());
    }
}

// Each view of the explorer on a model of 32 x 32 RGB images, opened from its checkpoint (which
// reopens the colour .npy it was trained on): every picture is in colour, at the images' own size
// in its cells, and the decoded ones match the decoder's channel bytes exactly.
TEST(LatentExplorer, EveryViewShowsColourImagesInColourAtTheirSize)
{
    TrainingSession session;
    LatentExplorer explorer;
    QObject::connect(&session, &TrainingSession::modelReady, &explorer, &LatentExplorer::showRun);
    QObject::connect(&session, &TrainingSession::snapshotReady, &explorer, &LatentExplorer::showSnapshot);
    QSignalSpy failures(&explorer, &LatentExplorer::failed);
    QSignalSpy grids(&explorer.planePanel(), &LatentPlanePanel::gridShown);
    explorer.resize(1100, 750);
    explorer.show();

    session.openModel(testing::trainedColourModel().checkpointPath);
    ASSERT_TRUE(waitUntil([&] { return !grids.isEmpty() && explorer.space().encoded(); }));
    const SnapshotPtr snapshot = explorer.space().snapshot();
    ASSERT_TRUE(snapshot);
    ASSERT_EQ(snapshot->channels(), 3);
    ASSERT_EQ(snapshot->width(), colourSide);
    EXPECT_EQ(explorer.space().dataset()->channels(), 3);

    // The plane's grid: whole 32-pixel cells, the top-left one the decoding of its latent point.
    QSignalSpy regridded(&explorer.planePanel(), &LatentPlanePanel::gridShown);
    const GridSettings settings{6, 2.0, GridSpacing::Linear};
    explorer.planePanel().controls().setGrid(settings);
    ASSERT_TRUE(waitUntil([&] { return !regridded.isEmpty(); }));
    const QImage grid = explorer.planePanel().view().gridImage();
    EXPECT_EQ(grid.size(), QSize(6 * colourSide, 6 * colourSide));
    EXPECT_TRUE(hasColour(grid));
    const std::vector<float> points = gridPoints(explorer.space().plane(), 6, settings.range, settings.spacing);
    const std::vector<float> topLeft(points.begin(), points.begin() + snapshot->latentDim());
    EXPECT_EQ(largestPixelDifference(grid.copy(0, 0, colourSide, colourSide), decodedDirectly(*snapshot, topLeft)), 0);

    QSignalSpy previews(&explorer.cursorPreview(), &LatentCursorPreview::previewShown);
    explorer.space().setCursor(QPointF(0.5, -0.25));
    const PixelImageLabel& preview = explorer.cursorPreview().image();
    ASSERT_TRUE(waitUntil([&] {
        return !previews.isEmpty() &&
            largestPixelDifference(preview.image(), decodedDirectly(*snapshot, explorer.space().cursorLatent())) == 0;
    }));
    EXPECT_EQ(preview.image().size(), QSize(colourSide, colourSide));
    expectColourAtWholeScale(preview, "cursor preview");

    explorer.space().select(0);
    const LatentSelectionPanel& selection = explorer.selectionPanel();
    ASSERT_TRUE(waitUntil([&] { return !selection.reconstruction().image().isNull(); }));
    EXPECT_EQ(selection.original().image().size(), QSize(colourSide, colourSide));
    const float* mean = explorer.space().encoded()->codes.mean(0);
    EXPECT_EQ(
        largestPixelDifference(selection.reconstruction().image(),
                               decodedDirectly(*snapshot, std::vector<float>(mean, mean + snapshot->latentDim()))),
        0);
    expectColourAtWholeScale(selection.original(), "selected image");
    expectColourAtWholeScale(selection.reconstruction(), "reconstruction");
    expectColourAtWholeScale(selection.posteriorSamples(), "posterior samples");

    QSignalSpy samples(&explorer.samplesPanel(), &LatentSamplesPanel::samplesShown);
    explorer.tabs().setCurrentWidget(&explorer.samplesPanel());
    ASSERT_TRUE(waitUntil([&] { return !samples.isEmpty(); }));
    const QImage sheet = explorer.samplesPanel().sheet().image();
    EXPECT_EQ((sheet.width() - 2) % (colourSide + 2), 0); // cells of the images' size, two-pixel borders
    expectColourAtWholeScale(explorer.samplesPanel().sheet(), "samples");

    QSignalSpy paths(&explorer.interpolationPanel(), &LatentInterpolationPanel::pathShown);
    explorer.tabs().setCurrentWidget(&explorer.interpolationPanel());
    ASSERT_TRUE(waitUntil([&] { return !paths.isEmpty(); }));
    const QImage path = explorer.interpolationPanel().path().image();
    EXPECT_EQ((path.width() - 1) % (colourSide + 1), 0);
    expectColourAtWholeScale(explorer.interpolationPanel().path(), "interpolation");

    LatentTraversalPanel& traversals = explorer.dimensionsPanel().traversals();
    QSignalSpy traversed(&traversals, &LatentTraversalPanel::traversalsShown);
    explorer.tabs().setCurrentWidget(&explorer.dimensionsPanel());
    ASSERT_TRUE(waitUntil([&] { return !traversed.isEmpty(); }));
    const int steps = (traversals.sheet().image().width() - 1) / (colourSide + 1);
    EXPECT_EQ(traversals.sheet().image().size(),
              QSize(steps * (colourSide + 1) + 1, snapshot->latentDim() * (colourSide + 1) + 1));
    expectColourAtWholeScale(traversals.sheet(), "traversals");

    EXPECT_TRUE(failures.isEmpty()) << failures.value(0).value(0).toString().toStdString();
}

} // namespace
} // namespace vae
