#include "tests/support/trained_model_fixture.h"

#include "core/latent/LatentAxisScale.h"
#include "core/latent/NormalQuantile.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/latent/LatentSpace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

using testing::decodedDirectly;
using testing::largestPixelDifference;
using testing::trainedModel;
using testing::waitUntil;

// A plane panel on screen, fed one snapshot of a model with `latentDim` dimensions, its test set
// encoded and its first grid shown.
struct PlaneFixture {
    explicit PlaneFixture(int latentDim)
        : model(trainedModel(latentDim))
        , panel(space)
    {
        panel.resize(700, 700);
        panel.show();
        space.startModel(testing::shapesDataset());
        space.setSnapshot(model.snapshot);
    }

    bool settled()
    {
        return waitUntil([this] { return space.encoded() && !panel.view().gridImage().isNull(); });
    }

    // Decodes with `change` applied and waits for the grid that follows it.
    bool showGridAfter(const std::function<void()>& change)
    {
        QSignalSpy shown(&panel, &LatentPlanePanel::gridShown);
        change();
        return waitUntil([&] { return !shown.isEmpty(); });
    }

    QImage tile(int row, int column, int cells) const
    {
        const QImage& grid = panel.view().gridImage();
        const int side = grid.width() / cells;
        return grid.copy(column * side, row * side, side, side);
    }

    const testing::TrainedModel& model;
    LatentSpace space;
    LatentPlanePanel panel;
};

// The test image whose code lies nearest the plane's origin, so surely on screen.
int mostCentralPoint(const LatentSpace& space)
{
    const LatentCodes& codes = space.encoded()->codes;
    int central = 0;
    double nearest = INFINITY;
    for (int i = 0; i < codes.count; ++i) {
        const auto [a, b] = space.plane().coordinates(codes.mean(i));
        if (a * a + b * b < nearest) {
            nearest = a * a + b * b;
            central = i;
        }
    }
    return central;
}

// Each cell of the grid on screen must be the decoding of the latent point at that cell's centre
// in the view's own coordinate system: the picture and the ticks agree.
void expectCellsDecodeThePointsUnderThem(PlaneFixture& fixture, int cells)
{
    const LatentPlaneView& view = fixture.panel.view();
    const QRectF rect = view.gridRect();
    const GridSpacing spacing = fixture.panel.controls().grid().spacing;
    const QImage& grid = view.gridImage();
    ASSERT_EQ(grid.width(), cells * fixture.model.snapshot->width());
    for (int row = 0; row < cells; ++row)
        for (int column = 0; column < cells; ++column) {
            // The cell's centre in view coordinates, then the pixel the view draws it at.
            const QPointF centreView(rect.left() + (column + 0.5) * rect.width() / cells,
                                     rect.bottom() - (row + 0.5) * rect.height() / cells);
            const QPointF centrePlane(viewToLatent(centreView.x(), spacing), viewToLatent(centreView.y(), spacing));
            const QPointF pixel = view.pixelAt(centrePlane);
            const QPointF underPixel = view.planeAt(pixel);
            const std::vector<float> z = fixture.space.plane().point(underPixel.x(), underPixel.y());
            EXPECT_LE(
                largestPixelDifference(fixture.tile(row, column, cells), decodedDirectly(*fixture.model.snapshot, z)),
                1)
                << "cell " << row << "," << column;
        }
}

TEST(LatentPlanePanel, TheLinearGridDecodesExactlyTheLatentPointsItShows)
{
    PlaneFixture fixture(2);
    ASSERT_TRUE(fixture.settled());
    ASSERT_TRUE(fixture.showGridAfter([&] { fixture.panel.controls().setGrid({6, 2.0, GridSpacing::Linear}); }));
    expectCellsDecodeThePointsUnderThem(fixture, 6);
    // And exactly the points of gridPoints: the top-left cell is (-2, 2), the bottom-right (2, -2).
    EXPECT_EQ(largestPixelDifference(fixture.tile(0, 0, 6), decodedDirectly(*fixture.model.snapshot, {-2.0f, 2.0f})),
              0);
    EXPECT_EQ(largestPixelDifference(fixture.tile(5, 5, 6), decodedDirectly(*fixture.model.snapshot, {2.0f, -2.0f})),
              0);
}

TEST(LatentPlanePanel, TheQuantileGridDecodesThePriorQuantilesItShows)
{
    PlaneFixture fixture(2);
    ASSERT_TRUE(fixture.settled());
    ASSERT_TRUE(fixture.showGridAfter([&] { fixture.panel.controls().setGrid({5, 3.0, GridSpacing::Quantile}); }));
    EXPECT_EQ(fixture.panel.view().gridRect(), QRectF(0, 0, 1, 1));
    expectCellsDecodeThePointsUnderThem(fixture, 5);
    // The middle row's first cell sits at the 10% quantile: z = (-1.28155, 0).
    const float tenPercent = float(normalQuantile(0.1));
    EXPECT_NEAR(tenPercent, -1.2815516, 1e-6);
    EXPECT_EQ(
        largestPixelDifference(fixture.tile(2, 0, 5), decodedDirectly(*fixture.model.snapshot, {tenPercent, 0.0f})), 0);
}

TEST(LatentPlanePanel, TheChosenAxesAndTheReferencePointShapeThePlane)
{
    PlaneFixture fixture(3);
    ASSERT_TRUE(fixture.settled());
    const auto& encoded = *fixture.space.encoded();
    ASSERT_EQ(encoded.codes.count, testing::shapesDataset()->test.count());

    // Before the user picks any, the axes are the two dimensions with the most KL.
    const std::vector<int> order = fixture.space.dimensionsByKl();
    ASSERT_EQ(order.size(), 3u);
    EXPECT_GE(encoded.kl[std::size_t(order[0])], encoded.kl[std::size_t(order[1])]);
    EXPECT_GE(encoded.kl[std::size_t(order[1])], encoded.kl[std::size_t(order[2])]);
    EXPECT_EQ(fixture.space.planeChoice().axisX, order[0]);
    EXPECT_EQ(fixture.space.planeChoice().axisY, order[1]);
    // The chooser lists them in that order, each with its KL.
    auto* xBox = fixture.panel.controls().findChildren<QComboBox*>().at(1);
    ASSERT_EQ(xBox->count(), 3);
    EXPECT_EQ(xBox->itemData(0).toInt(), order[0]);
    EXPECT_TRUE(xBox->itemText(0).contains(QStringLiteral("KL %1").arg(encoded.kl[std::size_t(order[0])], 0, 'f', 2)));

    const int selected = 17;
    fixture.space.select(selected);
    ASSERT_TRUE(fixture.showGridAfter([&] {
        fixture.panel.controls().setGrid({5, 2.0, GridSpacing::Linear});
        fixture.space.choosePlane({PlaneAxes::Dimensions, 2, 0, PlaneReference::SelectedImage});
    }));
    const LatentPlane& plane = fixture.space.plane();
    EXPECT_EQ(plane.u, (std::vector<float>{0, 0, 1}));
    EXPECT_EQ(plane.v, (std::vector<float>{1, 0, 0}));
    EXPECT_EQ(plane.origin, (std::vector<float>{0, encoded.codes.mean(selected)[1], 0}));
    // Top-left cell: z2 = -2 across, z0 = 2 up, z1 held at the selected image's code.
    const std::vector<float> corner{2.0f, encoded.codes.mean(selected)[1], -2.0f};
    EXPECT_EQ(largestPixelDifference(fixture.tile(0, 0, 5), decodedDirectly(*fixture.model.snapshot, corner)), 0);
    expectCellsDecodeThePointsUnderThem(fixture, 5);

    // The scatter shows each image's posterior mean projected onto the plane: (z2, z0).
    const int central = mostCentralPoint(fixture.space);
    const QPointF drawn =
        fixture.panel.view().pixelAt({encoded.codes.mean(central)[2], encoded.codes.mean(central)[0]});
    EXPECT_EQ(fixture.panel.view().pointAt(drawn), central);

    ASSERT_TRUE(fixture.showGridAfter([&] {
        fixture.space.choosePlane({PlaneAxes::PrincipalComponents, 2, 0, PlaneReference::Zero});
    }));
    const LatentPlane& components = fixture.space.plane();
    const PrincipalAxes& axes = fixture.space.encoded()->axes;
    EXPECT_EQ(components.u, axes.first);
    EXPECT_EQ(components.v, axes.second);
    EXPECT_EQ(components.origin, (std::vector<float>{0, 0, 0}));
    expectCellsDecodeThePointsUnderThem(fixture, 5);
}

TEST(LatentPlanePanel, AGridDecodedForOldSettingsIsNeverShown)
{
    PlaneFixture fixture(2);
    ASSERT_TRUE(fixture.settled());
    QSignalSpy shown(&fixture.panel, &LatentPlanePanel::gridShown);
    // The 40 x 40 grid is still decoding when the 5 x 5 one is asked for: its reply is stale.
    fixture.panel.controls().setGrid({40, 3.0, GridSpacing::Linear});
    fixture.panel.controls().setGrid({5, 3.0, GridSpacing::Linear});
    ASSERT_TRUE(waitUntil([&] { return !shown.isEmpty(); }));
    QCoreApplication::processEvents();
    EXPECT_EQ(fixture.panel.view().gridImage().width(), 5 * fixture.model.snapshot->width());
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    EXPECT_EQ(fixture.panel.view().gridImage().width(), 5 * fixture.model.snapshot->width());
}

TEST(LatentPlaneView, ClicksSelectPointsOrPlaceTheCursorDragsMoveItAndArrowKeysNudgeIt)
{
    PlaneFixture fixture(2);
    ASSERT_TRUE(fixture.settled());
    LatentPlaneView& view = fixture.panel.view();
    const QPoint target = view.pixelAt({1.0, -0.5}).toPoint();
    const double pixelInLatent = view.planeAt(target + QPointF(1, 0)).x() - view.planeAt(target).x();
    view.setPointsVisible(false);
    QTest::mouseClick(&view, Qt::LeftButton, {}, target);
    EXPECT_NEAR(fixture.space.cursor().x(), 1.0, pixelInLatent);
    EXPECT_NEAR(fixture.space.cursor().y(), -0.5, pixelInLatent);
    QTest::keyClick(&view, Qt::Key_Right);
    EXPECT_GT(fixture.space.cursor().x(), 1.0 + pixelInLatent);
    EXPECT_NEAR(fixture.space.cursor().y(), -0.5, pixelInLatent);

    view.setPointsVisible(true);
    const auto& codes = fixture.space.encoded()->codes;
    const int central = mostCentralPoint(fixture.space);
    const QPoint point = view.pixelAt({codes.mean(central)[0], codes.mean(central)[1]}).toPoint();
    const int hit = view.pointAt(point);
    ASSERT_GE(hit, 0);
    // With the grid in front the test set's faint dots take no clicks: the cursor goes there.
    ASSERT_FALSE(view.dataInFront());
    QTest::mouseClick(&view, Qt::LeftButton, {}, point);
    EXPECT_EQ(fixture.space.selected(), -1);
    EXPECT_NEAR(fixture.space.cursor().x(), codes.mean(central)[0], pixelInLatent);
    fixture.space.setCursor({-2.0, 2.0}); // off the point: a press on the cursor grabs it

    // With the test set in front (D) a click on a point selects it and leaves the cursor.
    fixture.panel.controls().findChild<QCheckBox*>(QStringLiteral("dataInFront"))->setChecked(true);
    ASSERT_TRUE(view.dataInFront());
    const QPointF cursorBefore = fixture.space.cursor();
    QTest::mouseClick(&view, Qt::LeftButton, {}, point);
    EXPECT_EQ(fixture.space.selected(), hit);
    EXPECT_EQ(fixture.space.cursor(), cursorBefore);

    // Pressing on a point and moving drags the cursor instead: the data is everywhere.
    const QPoint away = view.pixelAt({-1.0, 1.5}).toPoint();
    QTest::mousePress(&view, Qt::LeftButton, {}, point);
    QTest::mouseMove(&view, point + QPoint(10, -10));
    QTest::mouseMove(&view, away);
    QTest::mouseRelease(&view, Qt::LeftButton, {}, away);
    EXPECT_NEAR(fixture.space.cursor().x(), -1.0, pixelInLatent);
    EXPECT_NEAR(fixture.space.cursor().y(), 1.5, pixelInLatent);
    EXPECT_EQ(fixture.space.selected(), hit);
}

} // namespace
} // namespace vae
