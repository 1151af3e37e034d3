#include "tests/support/trained_model_fixture.h"

#include "core/decode/DecodedImages.h"
#include "core/session/TrainingSession.h"
#include "ui/latent/LatentCursorPreview.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSpace.h"
#include "ui/widgets/PixelImageLabel.h"

#include <QSignalSpy>
#include <QTabWidget>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::decodedDirectly;
using testing::largestPixelDifference;
using testing::waitUntil;

// No training at all: the session opens a saved model, and every view works from the one
// snapshot it publishes.
TEST(LatentExplorer, EveryViewWorksOnAnOpenedCheckpoint)
{
    const QString checkpoint = testing::trainedModel(3).checkpointPath;
    TrainingSession session;
    LatentExplorer explorer;
    QObject::connect(&session, &TrainingSession::modelReady, &explorer, &LatentExplorer::showRun);
    QObject::connect(&session, &TrainingSession::snapshotReady, &explorer, &LatentExplorer::showSnapshot);
    QSignalSpy failures(&explorer, &LatentExplorer::failed);
    QSignalSpy grids(&explorer.planePanel(), &LatentPlanePanel::gridShown);
    explorer.resize(1100, 750);
    explorer.show();

    session.openModel(checkpoint);
    ASSERT_TRUE(waitUntil([&] { return !grids.isEmpty() && explorer.space().encoded(); }));
    EXPECT_EQ(session.state(), SessionState::Ready);
    const SnapshotPtr snapshot = explorer.space().snapshot();
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->latentDim(), 3);
    EXPECT_EQ(explorer.space().encoded()->codes.count, explorer.space().dataset()->test.count());
    EXPECT_EQ(explorer.planePanel().view().gridImage().width(), 20 * snapshot->width());

    QSignalSpy previews(&explorer.cursorPreview(), &LatentCursorPreview::previewShown);
    explorer.space().setCursor(QPointF(1.25, -0.75));
    // The preview of the cursor's first place may still arrive first: wait for the new one.
    const auto showsCursor = [&] {
        return largestPixelDifference(explorer.cursorPreview().image().image(),
                                      decodedDirectly(*snapshot, explorer.space().cursorLatent())) == 0;
    };
    ASSERT_TRUE(waitUntil([&] { return !previews.isEmpty() && showsCursor(); }));

    QSignalSpy samples(&explorer.samplesPanel(), &LatentSamplesPanel::samplesShown);
    explorer.tabs().setCurrentWidget(&explorer.samplesPanel());
    ASSERT_TRUE(waitUntil([&] { return !samples.isEmpty(); }));
    EXPECT_FALSE(explorer.samplesPanel().sheet().image().isNull());

    QSignalSpy paths(&explorer.interpolationPanel(), &LatentInterpolationPanel::pathShown);
    explorer.tabs().setCurrentWidget(&explorer.interpolationPanel());
    ASSERT_TRUE(waitUntil([&] { return !paths.isEmpty(); }));
    // Ten steps from one test image to another, in rows with a one-pixel border, as large as the
    // tab lets them be at a whole-number scale: larger than twice their size here.
    const PixelImageLabel& path = explorer.interpolationPanel().path();
    const int columns = (path.image().width() - 1) / (snapshot->width() + 1);
    EXPECT_EQ(path.image().width(), columns * (snapshot->width() + 1) + 1);
    EXPECT_EQ(path.image().height(), (10 + columns - 1) / columns * (snapshot->height() + 1) + 1);
    EXPECT_GT(path.imageRect().width(), 2 * path.image().width());
    EXPECT_EQ(path.imageRect().width() % path.image().width(), 0);
    EXPECT_TRUE(failures.isEmpty()) << failures.value(0).value(0).toString().toStdString();
}

} // namespace
} // namespace vae
