#include "tests/support/trained_model_fixture.h"

#include "core/decode/LatentCodes.h"
#include "core/decode/LatentTraversals.h"
#include "core/engine/Trainer.h"
#include "ui/latent/LatentCollapseWarning.h"
#include "ui/latent/LatentDimensionsPanel.h"
#include "ui/latent/LatentKlChart.h"
#include "ui/latent/LatentSpace.h"
#include "ui/latent/LatentTraversalPanel.h"
#include "ui/widgets/PixelImageLabel.h"
#include "ui/widgets/SheetRowLabels.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::decodedDirectly;
using testing::largestPixelDifference;
using testing::shapesDataset;
using testing::trainedModel;
using testing::waitUntil;

// A model of the shapes trained for `epochs` with KL weight `beta`: at 1000 its posteriors sit at
// the prior.
SnapshotPtr modelTrained(int latentDim, double beta, double epochs = 1.0)
{
    TrainingConfig config = testing::smallConfig();
    config.latentDim = latentDim;
    config.beta = beta;
    Trainer trainer(config, shapesDataset());
    for (int step = 0; step < int(epochs * trainer.stepsPerEpoch()); ++step)
        trainer.trainStep();
    return trainer.snapshot();
}

SnapshotPtr collapsedModel(int latentDim)
{
    return modelTrained(latentDim, 1000);
}

SnapshotPtr healthyModel(int latentDim)
{
    return modelTrained(latentDim, 1);
}

// A Dimensions tab on screen, fed one snapshot, its test set encoded.
struct DimensionsFixture {
    explicit DimensionsFixture(const SnapshotPtr& model)
        : snapshot(model)
        , panel(space)
    {
        panel.resize(700, 700);
        panel.show();
        space.startModel(shapesDataset());
        space.setSnapshot(snapshot);
    }

    bool encoded()
    {
        return waitUntil([this] { return space.encoded() != nullptr; });
    }

    bool traversalsShownAfter(const std::function<void()>& change)
    {
        QSignalSpy shown(&panel.traversals(), &LatentTraversalPanel::traversalsShown);
        change();
        return waitUntil([&] { return !shown.isEmpty(); });
    }

    // The cell at (row, column) of the traversal sheet, laid out at 1x with one-pixel borders.
    QImage cell(int row, int column) const
    {
        const QImage& sheet = panel.traversals().sheet().image();
        const int width = snapshot->width();
        const int height = snapshot->height();
        return sheet.copy(1 + column * (width + 1), 1 + row * (height + 1), width, height);
    }

    SnapshotPtr snapshot;
    LatentSpace space;
    LatentDimensionsPanel panel;
};

TEST(LatentDimensions, TheChartHasOneBarPerDimensionWithItsKlAndMarksTheActiveUnits)
{
    DimensionsFixture fixture(trainedModel(3).snapshot);
    ASSERT_TRUE(fixture.encoded());
    const EncodedTestSet& encoded = *fixture.space.encoded();
    LatentKlChart& chart = fixture.panel.chart();
    const auto expectBarsMatch = [&] {
        ASSERT_EQ(chart.activeBars()->data()->size() + chart.inactiveBars()->data()->size(), 3);
        for (QCPBars* bars : {chart.activeBars(), chart.inactiveBars()})
            for (auto bar = bars->data()->constBegin(); bar != bars->data()->constEnd(); ++bar) {
                const int dimension = chart.dimensionAt(int(bar->key));
                ASSERT_GE(dimension, 0);
                EXPECT_DOUBLE_EQ(bar->value, encoded.kl[std::size_t(dimension)]);
                EXPECT_EQ(bars == chart.activeBars(),
                          encoded.meanVariances[std::size_t(dimension)] > activeUnitThreshold)
                    << "dimension " << dimension;
            }
    };
    expectBarsMatch();
    EXPECT_EQ(chart.dimensionAt(0), 0); // by index until asked
    EXPECT_EQ(int(chart.activeBars()->data()->size()), encoded.activeUnits);
    EXPECT_EQ(encoded.activeUnits, activeUnits(encoded.codes));
    EXPECT_TRUE(
        fixture.panel.summary().startsWith(QStringLiteral("%1 of 3 dimensions active").arg(encoded.activeUnits)))
        << fixture.panel.summary().toStdString();

    chart.setSortedByKl(true);
    expectBarsMatch();
    for (int position = 0; position < 3; ++position)
        EXPECT_EQ(chart.dimensionAt(position), fixture.space.dimensionsByKl()[std::size_t(position)]);
    EXPECT_GE(encoded.kl[std::size_t(chart.dimensionAt(0))], encoded.kl[std::size_t(chart.dimensionAt(2))]);
}

TEST(LatentDimensions, TraversalsHaveARowPerDimensionByKlAndTheReferenceInTheMiddle)
{
    DimensionsFixture fixture(trainedModel(3).snapshot);
    ASSERT_TRUE(fixture.encoded());
    ASSERT_TRUE(fixture.traversalsShownAfter([&] { fixture.panel.traversals().setSteps(7); }));
    const ModelSnapshot& model = *fixture.snapshot;
    const QImage& sheet = fixture.panel.traversals().sheet().image();
    EXPECT_EQ(sheet.size(), QSize(7 * (model.width() + 1) + 1, 3 * (model.height() + 1) + 1));
    const std::vector<int> order = fixture.space.dimensionsByKl();
    const QStringList labels = fixture.panel.traversals().rowLabels().labels();
    ASSERT_EQ(labels.size(), 3);
    for (int row = 0; row < 3; ++row) {
        EXPECT_TRUE(labels[row].startsWith(QStringLiteral("z%1 ").arg(order[std::size_t(row)])))
            << labels[row].toStdString();
        EXPECT_LE(largestPixelDifference(fixture.cell(row, 3), decodedDirectly(model, {0.0f, 0.0f, 0.0f})), 1)
            << "row " << row;
        std::vector<float> end(3, 0.0f);
        end[std::size_t(order[std::size_t(row)])] = float(traversalRange);
        EXPECT_LE(largestPixelDifference(fixture.cell(row, 6), decodedDirectly(model, end)), 1) << "row " << row;
    }

    // Centred on the selected image when the plane is.
    PlaneChoice choice = fixture.space.planeChoice();
    choice.reference = PlaneReference::SelectedImage;
    ASSERT_TRUE(fixture.traversalsShownAfter([&] {
        fixture.space.choosePlane(choice);
        fixture.space.select(5);
    }));
    const float* mean = fixture.space.encoded()->codes.mean(5);
    const std::vector<float> selected(mean, mean + 3);
    EXPECT_EQ(fixture.panel.traversals().reference(), selected);
    EXPECT_LE(largestPixelDifference(fixture.cell(1, 3), decodedDirectly(model, selected)), 1);
    EXPECT_GT(largestPixelDifference(decodedDirectly(model, selected), decodedDirectly(model, {0.0f, 0.0f, 0.0f})), 10);
}

// The warning as the explorer holds it: above the tabs, fed by the same space.
struct WarningFixture {
    WarningFixture()
        : warning(space)
    {
        space.startModel(shapesDataset());
    }

    bool judged(const SnapshotPtr& model)
    {
        space.setSnapshot(model);
        return waitUntil([this] { return space.encoded() != nullptr; });
    }

    LatentSpace space;
    LatentCollapseWarning warning;
};

TEST(LatentCollapseWarning, WarnsOfACollapsedModelOnlyAfterItsFirstEncodingAndUntilANewModel)
{
    const SnapshotPtr collapsed = collapsedModel(4);
    WarningFixture fixture;
    fixture.space.setSnapshot(collapsed);
    EXPECT_FALSE(fixture.warning.warns()); // no encoding yet: nothing to judge by
    ASSERT_TRUE(fixture.judged(collapsed));
    const int active = fixture.space.encoded()->activeUnits;
    ASSERT_LT(2 * active, 4) << "the heavy KL weight should have collapsed the posterior";
    EXPECT_TRUE(fixture.warning.warns());
    EXPECT_FALSE(fixture.warning.isHidden());
    EXPECT_TRUE(fixture.warning.message().contains(QStringLiteral("%1 of 4 latent dimensions are active").arg(active)))
        << fixture.warning.message().toStdString();
    EXPECT_TRUE(fixture.warning.message().contains(QStringLiteral("warm-up")));

    fixture.space.startModel(shapesDataset());
    EXPECT_FALSE(fixture.warning.warns());
    EXPECT_TRUE(fixture.warning.isHidden());
}

TEST(LatentCollapseWarning, GoesWhenTheModelRecovers)
{
    WarningFixture fixture;
    ASSERT_TRUE(fixture.judged(collapsedModel(2)));
    ASSERT_TRUE(fixture.warning.warns());
    const EncodedTestSet* collapsed = fixture.space.encoded().get();
    // The same shape: the next encoding replaces this one, and the warning follows it.
    fixture.space.setSnapshot(healthyModel(2));
    ASSERT_TRUE(waitUntil([&] { return fixture.space.encoded().get() != collapsed; }));
    EXPECT_EQ(fixture.space.encoded()->activeUnits, 2);
    EXPECT_FALSE(fixture.warning.warns());
}

TEST(LatentCollapseWarning, StaysQuietForAModelThatUsesItsDimensions)
{
    WarningFixture fixture;
    ASSERT_TRUE(fixture.judged(healthyModel(2)));
    ASSERT_EQ(fixture.space.encoded()->activeUnits, 2);
    EXPECT_FALSE(fixture.warning.warns());
    EXPECT_TRUE(fixture.warning.isHidden());
}

TEST(LatentCollapseWarning, WaitsForTheEndOfTheFirstEpoch)
{
    // As collapsed as can be, but half an epoch in: early in a run the KL may still be rising.
    WarningFixture fixture;
    ASSERT_TRUE(fixture.judged(modelTrained(2, 1000, 0.5)));
    ASSERT_EQ(fixture.space.encoded()->activeUnits, 0);
    EXPECT_FALSE(fixture.warning.warns());
}

} // namespace
} // namespace vae
