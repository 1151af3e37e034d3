#include "core/latent/NormalQuantile.h"
#include "ui/latent/LatentAxisTicks.h"
#include "ui/latent/LatentViewport.h"

#include <gtest/gtest.h>

namespace vae {
namespace {

TEST(LatentAxisTicks, LinearTicksAreRoundAndQuantileTicksThinOutInTheTails)
{
    EXPECT_EQ(latentTicks(-3.5, 3.5, GridSpacing::Linear, 100.0, 46.0),
              (QVector<double>{-3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5}));
    EXPECT_EQ(latentTicks(-3.5, 3.5, GridSpacing::Linear, 30.0, 46.0), (QVector<double>{-2, 0, 2}));

    const QVector<double> quantile = latentTicks(0.0, 1.0, GridSpacing::Quantile, 500.0, 46.0);
    ASSERT_FALSE(quantile.isEmpty());
    EXPECT_TRUE(quantile.contains(0.0));
    for (int i = 1; i < quantile.size(); ++i)
        EXPECT_GE((normalCdf(quantile[i]) - normalCdf(quantile[i - 1])) * 500.0, 46.0 - 1e-9);
    // Half-unit steps near zero; in the tails, where the axis squeezes, only whole units fit.
    EXPECT_EQ(quantile, (QVector<double>{-2, -1, -0.5, 0, 0.5, 1, 2}));
    EXPECT_EQ(tickLabel(-1e-17), QStringLiteral("0"));
    EXPECT_EQ(tickLabel(-1.5), QStringLiteral("-1.5"));
}

TEST(LatentViewport, PixelsAndViewCoordinatesRoundTripThroughZoomAndPan)
{
    LatentViewport viewport;
    viewport.setPlotRect(QRectF(40, 10, 400, 300));
    viewport.fit(QRectF(-3.5, -3.5, 7, 7));
    EXPECT_NEAR(viewport.pixelsPerUnit(), 300.0 / 7.0, 1e-12);
    const QPointF top = viewport.toPixel(QPointF(0, 3.5));
    EXPECT_NEAR(top.x(), 240.0, 1e-9);
    EXPECT_NEAR(top.y(), 10.0, 1e-9); // y grows upwards in latent space, downwards on screen

    const QPointF anchor(100, 200);
    const QPointF under = viewport.toView(anchor);
    viewport.zoom(anchor, 2.5);
    EXPECT_NEAR(viewport.toView(anchor).x(), under.x(), 1e-9);
    EXPECT_NEAR(viewport.toView(anchor).y(), under.y(), 1e-9);
    viewport.pan(QPointF(30, -20));
    const QPointF moved = viewport.toPixel(under);
    EXPECT_NEAR(moved.x(), 130.0, 1e-9);
    EXPECT_NEAR(moved.y(), 180.0, 1e-9);
}

} // namespace
} // namespace vae
