#include "tests/support/trained_model_fixture.h"

#include "core/engine/EngineRuntime.h"
#include "core/engine/ImagePosterior.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentPosteriorPanel.h"
#include "ui/latent/LatentSpace.h"

#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTabWidget>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::trainedModel;
using testing::waitUntil;

// A posterior panel on screen, fed one snapshot of a model with `latentDim` dimensions.
struct PosteriorFixture {
    explicit PosteriorFixture(int latentDim)
        : model(trainedModel(latentDim))
        , panel(space)
    {
        setComputeThreads(1); // as the panel's job runner computes, to the same rounding
        panel.resize(800, 600);
        panel.show();
        space.startModel(testing::shapesDataset());
        space.setSnapshot(model.snapshot);
    }

    const testing::TrainedModel& model;
    LatentSpace space;
    LatentPosteriorPanel panel;
};

TEST(LatentPosteriorPanel, ShowsBothSidesOfTheBoundForTheSelectedImage)
{
    PosteriorFixture fixture(2);
    QSignalSpy shown(&fixture.panel, &LatentPosteriorPanel::posteriorShown);
    fixture.space.select(3);
    ASSERT_TRUE(waitUntil([&] { return !shown.isEmpty(); }));

    EXPECT_TRUE(fixture.panel.message().isEmpty());
    const ImagePosterior expected = imagePosterior(*fixture.model.snapshot, testing::shapesDataset()->test, 3);
    ASSERT_TRUE(fixture.panel.shownPosterior().has_value());
    EXPECT_DOUBLE_EQ(fixture.panel.shownPosterior()->logLikelihood(), expected.logLikelihood());
    EXPECT_LE(expected.elbo(), expected.logLikelihood());
    const QString figures = fixture.panel.figures().text();
    for (double value : {expected.logLikelihood(), expected.elbo(), expected.posteriorKl()})
        EXPECT_TRUE(figures.contains(QLocale().toString(value, 'f', 2))) << value << " in " << figures.toStdString();
    EXPECT_TRUE(figures.contains(QStringLiteral("KL(q(z|x) ‖ p(z|x))")));
}

TEST(LatentPosteriorPanel, FollowsTheSelection)
{
    PosteriorFixture fixture(2);
    QSignalSpy shown(&fixture.panel, &LatentPosteriorPanel::posteriorShown);
    fixture.space.select(0);
    ASSERT_TRUE(waitUntil([&] { return !shown.isEmpty(); }));
    const double first = fixture.panel.shownPosterior()->logLikelihood();

    fixture.space.select(-1);
    EXPECT_FALSE(fixture.panel.shownPosterior().has_value());
    EXPECT_TRUE(fixture.panel.message().contains(QStringLiteral("click one of its points")));

    fixture.space.select(1);
    ASSERT_TRUE(waitUntil([&] { return shown.size() == 2; }));
    const ImagePosterior expected = imagePosterior(*fixture.model.snapshot, testing::shapesDataset()->test, 1);
    EXPECT_DOUBLE_EQ(fixture.panel.shownPosterior()->logLikelihood(), expected.logLikelihood());
    EXPECT_NE(fixture.panel.shownPosterior()->logLikelihood(), first);
}

TEST(LatentPosteriorPanel, SaysWhyWithoutATwoDimensionalModel)
{
    PosteriorFixture fixture(3);
    fixture.space.select(0);
    EXPECT_TRUE(fixture.panel.message().contains(QStringLiteral("d_z = 3")));
    EXPECT_TRUE(fixture.panel.message().contains(QStringLiteral("d_z = 2")));
    EXPECT_FALSE(fixture.panel.shownPosterior().has_value());
}

TEST(LatentPosteriorPanel, IsATabOfTheExplorer)
{
    LatentExplorer explorer;
    bool found = false;
    for (int tab = 0; tab < explorer.tabs().count(); ++tab)
        found = found || explorer.tabs().widget(tab) == &explorer.posteriorPanel();
    EXPECT_TRUE(found);
    EXPECT_TRUE(explorer.posteriorPanel().message().contains(QStringLiteral("once there is a model")));
}

} // namespace
} // namespace vae
