#include "tests/support/shapes_fixture.h"
#include "tests/support/tiny_fixture.h"

#include "core/engine/Trainer.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentSpace.h"

#include <QComboBox>

#include <gtest/gtest.h>

#include <set>

namespace vae {
namespace {

using testing::waitUntil;

// The two dimensions with the most KL, in either order.
std::set<int> topTwo(const LatentSpace& space)
{
    const std::vector<int> order = space.dimensionsByKl();
    return {order[0], order[1]};
}

std::set<int> shownAxes(const LatentSpace& space)
{
    return {space.planeChoice().axisX, space.planeChoice().axisY};
}

// Shows `snapshot` and waits for the test set it encodes.
bool encode(LatentSpace& space, const SnapshotPtr& snapshot)
{
    space.setSnapshot(snapshot);
    return waitUntil([&] { return space.encoded() && space.encoded()->step == snapshot->step(); });
}

TEST(LatentSpace, AxesFollowTheKlWhileTrainingUntilTheUserPicksThem)
{
    TrainingConfig config;
    config.latentDim = 5;
    config.hiddenLayers = {64};
    config.batchSize = 100;
    config.threads = 1;
    Trainer trainer(config, testing::shapesDataset());
    LatentSpace space;
    LatentPlanePanel panel(space);
    panel.resize(600, 600);
    panel.show();
    space.startModel(testing::shapesDataset());

    // As the model trains, which dimensions carry the most KL changes, and the axes follow.
    int changes = 0;
    std::set<int> previous;
    for (int steps : {0, 20, 60, 200}) {
        while (trainer.completedSteps() < steps)
            trainer.trainStep();
        ASSERT_TRUE(encode(space, trainer.snapshot()));
        EXPECT_EQ(shownAxes(space), topTwo(space)) << "after " << steps << " steps";
        // The chooser lists them most informative first.
        auto* xBox = panel.controls().findChildren<QComboBox*>().at(1);
        EXPECT_EQ(xBox->itemData(0).toInt(), space.dimensionsByKl()[0]);
        changes += !previous.empty() && previous != topTwo(space);
        previous = topTwo(space);
    }
    ASSERT_GT(changes, 0) << "the most informative dimensions never changed: nothing was re-sorted";

    // Picked by hand (the least informative dimension across): the axes stay as picked.
    auto* xBox = panel.controls().findChildren<QComboBox*>().at(1);
    const int least = space.dimensionsByKl().back();
    const int index = xBox->findData(least);
    xBox->setCurrentIndex(index);
    Q_EMIT xBox->activated(index);
    ASSERT_EQ(space.planeChoice().axisX, least);
    const PlaneChoice picked = space.planeChoice();
    for (int steps : {400, 600}) {
        while (trainer.completedSteps() < steps)
            trainer.trainStep();
        ASSERT_TRUE(encode(space, trainer.snapshot()));
        EXPECT_EQ(space.planeChoice().axisX, picked.axisX);
        EXPECT_EQ(space.planeChoice().axisY, picked.axisY);
    }
}

} // namespace
} // namespace vae
