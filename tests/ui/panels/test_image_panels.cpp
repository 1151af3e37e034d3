#include "tests/support/colour_fixture.h"
#include "tests/support/trained_model_fixture.h"

#include "ui/panels/DatasetPanel.h"
#include "ui/panels/ReconstructionPanel.h"
#include "ui/widgets/ImageGrid.h"
#include "ui/widgets/ImageStrip.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::colourSide;
using testing::hasColour;
using testing::waitUntil;

// Red rises left to right and green top down in every image of the colour dataset: its top-right
// pixel is pure red, its bottom-left pure green.
TEST(DatasetPanel, ShowsColourSamplesInColourAtTwiceTheirSize)
{
    DatasetPanel panel;
    panel.resize(400, 400);
    panel.show();
    panel.showDataset(*testing::colourDataset());
    ImageStrip* strip = panel.findChild<ImageStrip*>();
    ASSERT_TRUE(strip);
    const QImage shown = strip->grab().toImage();
    ASSERT_TRUE(hasColour(shown));
    const int cell = 2 * colourSide;
    const QRgb topRight = shown.pixel(cell - 1, 0);
    EXPECT_EQ(qRed(topRight), 255);
    EXPECT_EQ(qGreen(topRight), 0);
    const QRgb bottomLeft = shown.pixel(0, cell - 1);
    EXPECT_EQ(qRed(bottomLeft), 0);
    EXPECT_EQ(qGreen(bottomLeft), 255);
    EXPECT_EQ(shown.pixel(cell - 1, 0), shown.pixel(cell - 2, 1)); // one image pixel, a 2 x 2 block
}

TEST(ReconstructionPanel, ShowsColourTestImagesAndReconstructionsInColourAtWholeScales)
{
    ReconstructionPanel panel;
    panel.resize(500, 400);
    panel.show();
    panel.showDataset(*testing::colourDataset());
    panel.showSnapshot(testing::trainedColourModel().snapshot);
    ASSERT_TRUE(waitUntil([&] { return hasColour(panel.reconstructions().images().value(0)); }));
    const QList<ImageGrid*> grids = panel.findChildren<ImageGrid*>(); // the test images, their reconstructions
    ASSERT_EQ(grids.size(), 2);
    for (ImageGrid* grid : grids) {
        ASSERT_EQ(grid->images().size(), 8);
        EXPECT_EQ(grid->images().first().size(), QSize(colourSide, colourSide));
        EXPECT_TRUE(hasColour(grid->images().first()));
        EXPECT_EQ(grid->cell().width() % colourSide, 0) << grid->cell().width();
        EXPECT_TRUE(hasColour(grid->grab().toImage()));
    }
}

} // namespace
} // namespace vae
