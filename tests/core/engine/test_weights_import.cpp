#include "tests/support/dataset_fixtures.h"
#include "tests/support/python_check.h"
#include "tests/support/shapes_fixture.h"

#include "core/engine/Trainer.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::expectMessageContains;
using testing::inputErrorOf;
using testing::readFile;
using testing::runPython;
using testing::shapesDataset;
using testing::smallConfig;

class WeightsImport : public ::testing::Test {
protected:
    QString path(const char* name) const { return directory.filePath(QString::fromLatin1(name)); }

    // A model trained a few steps, its weights exported to `file`.
    void exportTrained(const TrainingConfig& config, const char* file) const
    {
        Trainer trainer(config, shapesDataset());
        for (int step = 0; step < 5; ++step)
            trainer.trainStep();
        trainer.exportWeights(path(file));
    }

    // Expects the import to be refused with a message naming the file and holding `parts`, and
    // the model to be left as it was.
    void expectRefused(const TrainingConfig& config, const char* file, const QStringList& parts) const
    {
        Trainer trainer(config, shapesDataset());
        trainer.exportWeights(path("before.pt"));
        expectMessageContains(inputErrorOf([&] { trainer.importWeights(path(file)); }),
                              QStringList{QString::fromLatin1(file)} + parts);
        trainer.exportWeights(path("after.pt"));
        EXPECT_EQ(readFile(path("before.pt")), readFile(path("after.pt")));
    }

    QTemporaryDir directory;
};

TEST_F(WeightsImport, ExportedWeightsComeBackExactly)
{
    for (const Architecture architecture : {Architecture::Mlp, Architecture::Conv}) {
        TrainingConfig config = smallConfig();
        config.architecture = architecture;
        config.likelihood = Likelihood::Gaussian;
        exportTrained(config, "trained.pt");
        config.seed = 99; // initialised differently
        Trainer imported(config, shapesDataset());
        imported.importWeights(path("trained.pt"));
        imported.exportWeights(path("imported.pt"));
        EXPECT_EQ(readFile(path("trained.pt")), readFile(path("imported.pt"))) << toString(architecture).toStdString();
    }
}

TEST_F(WeightsImport, ReadsWhatPythonsTorchSaveWrites)
{
    exportTrained(smallConfig(), "trained.pt");
    // A state_dict as Python keeps it (an OrderedDict), each tensor halved.
    runPython(QStringLiteral("import sys, torch\n"
                             "weights = torch.load(sys.argv[1])\n"
                             "torch.save({k: v / 2 for k, v in weights.items()}, sys.argv[2])"),
              {path("trained.pt"), path("halved.pt")});
    Trainer imported(smallConfig(), shapesDataset());
    imported.importWeights(path("halved.pt"));
    imported.exportWeights(path("halved-back.pt"));
    EXPECT_EQ(runPython(QStringLiteral("import sys, torch\n"
                                       "a, b = torch.load(sys.argv[1]), torch.load(sys.argv[2])\n"
                                       "print(len(a), all(torch.equal(a[k] / 2, b[k]) for k in a))"),
                        {path("trained.pt"), path("halved-back.pt")}),
              QStringLiteral("10 True"));
}

TEST_F(WeightsImport, NamesTheTensorWhoseShapeDiffers)
{
    exportTrained(smallConfig(), "hidden64.pt");
    TrainingConfig wider = smallConfig();
    wider.hiddenLayers = {24};
    expectRefused(wider, "hidden64.pt",
                  {QStringLiteral("encoder.0.weight has shape [64, 784], the architecture needs [24, 784]")});
}

TEST_F(WeightsImport, NamesATensorMissingOrLeftOver)
{
    exportTrained(smallConfig(), "bernoulli.pt");
    TrainingConfig gaussian = smallConfig();
    gaussian.likelihood = Likelihood::Gaussian;
    expectRefused(
        gaussian, "bernoulli.pt",
        {QStringLiteral("has no output_log_variance.weight, which the architecture needs with shape [784, 64]")});
    exportTrained(gaussian, "gaussian.pt");
    expectRefused(smallConfig(), "gaussian.pt",
                  {QStringLiteral("output_log_variance.bias is not a weight of this architecture")});
}

TEST_F(WeightsImport, RefusesWhatIsNoDictOfFiniteFloats)
{
    exportTrained(smallConfig(), "trained.pt");
    runPython(
        QStringLiteral("import sys, torch\n"
                       "weights = torch.load(sys.argv[1])\n"
                       "torch.save(list(weights.values()), sys.argv[2])\n"
                       "from collections import OrderedDict\n"
                       "torch.save(OrderedDict(weights), sys.argv[6])\n"
                       "torch.save({'module.' + k: v for k, v in weights.items()}, sys.argv[3])\n"
                       "weights['decoder.0.bias'][3] = float('nan')\n"
                       "torch.save(weights, sys.argv[4])\n"
                       "weights['decoder.0.bias'] = weights['decoder.0.bias'].long()\n"
                       "torch.save(weights, sys.argv[5])"),
        {path("trained.pt"), path("list.pt"), path("ddp.pt"), path("nan.pt"), path("integers.pt"), path("ordered.pt")});
    testing::writeFile(path("text.pt"), testing::Bytes{'n', 'o', 't', ' ', 't', 'o', 'r', 'c', 'h'});
    expectRefused(smallConfig(), "list.pt", {QStringLiteral("not a dict of named tensors")});
    expectRefused(smallConfig(), "ddp.pt",
                  {QStringLiteral("module.decoder.0.bias is not a weight"), QStringLiteral("DistributedDataParallel")});
    expectRefused(smallConfig(), "nan.pt", {QStringLiteral("decoder.0.bias holds values that are not finite")});
    expectRefused(smallConfig(), "integers.pt", {QStringLiteral("decoder.0.bias holds Long values")});
    // What model.state_dict() gives; LibTorch 1.13 cannot read it, so the message says what to save.
    expectRefused(smallConfig(), "ordered.pt", {QStringLiteral("save dict(model.state_dict()) instead")});
    expectRefused(smallConfig(), "text.pt", {QStringLiteral("not a file of tensors that torch.save writes")});
    expectRefused(smallConfig(), "missing.pt", {QStringLiteral("no such file")});
}

} // namespace
} // namespace vae
