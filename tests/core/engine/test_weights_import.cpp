#include "tests/support/dataset_fixtures.h"
#include "tests/support/python_check.h"
#include "tests/support/tiny_fixture.h"

#include "core/engine/Trainer.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::expectMessageContains;
using testing::inputErrorOf;
using testing::readFile;
using testing::runPython;
using testing::tinyConfig;
using testing::tinyDataset;

class WeightsImport : public ::testing::Test {
protected:
    QString path(const char* name) const { return directory.filePath(QString::fromLatin1(name)); }

    // A model trained a few steps, its weights exported to `file`.
    void exportTrained(const TrainingConfig& config, const char* file) const
    {
        Trainer trainer(config, tinyDataset());
        for (int step = 0; step < 5; ++step)
            trainer.trainStep();
        trainer.exportWeights(path(file));
    }

    // Expects the import to be refused with a message naming the file and holding `parts`, and
    // the model to be left as it was.
    void expectRefused(const TrainingConfig& config, const char* file, const QStringList& parts) const
    {
        Trainer trainer(config, tinyDataset());
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
        TrainingConfig config = tinyConfig();
        config.architecture = architecture;
        config.likelihood = Likelihood::Gaussian;
        exportTrained(config, "trained.pt");
        config.seed = 99; // initialised differently
        Trainer imported(config, tinyDataset());
        imported.importWeights(path("trained.pt"));
        imported.exportWeights(path("imported.pt"));
        EXPECT_EQ(readFile(path("trained.pt")), readFile(path("imported.pt"))) << toString(architecture).toStdString();
    }
}

TEST_F(WeightsImport, ReadsWhatPythonsTorchSaveWrites)
{
    exportTrained(tinyConfig(), "trained.pt");
    // A state_dict as Python keeps it (an OrderedDict), each tensor halved.
    runPython(QStringLiteral("import sys, torch\n"
                             "weights = torch.load(sys.argv[1])\n"
                             "torch.save(type(weights)((k, v / 2) for k, v in weights.items()), sys.argv[2])\n"
                             "from collections import OrderedDict\n"
                             "torch.save(OrderedDict((k, v / 2) for k, v in weights.items()), sys.argv[3])"),
              {path("trained.pt"), path("halved.pt"), path("ordered.pt")});
    Trainer imported(tinyConfig(), tinyDataset());
    imported.importWeights(path("halved.pt"));
    imported.exportWeights(path("halved-back.pt"));
    imported.importWeights(path("ordered.pt"));
    imported.exportWeights(path("ordered-back.pt"));
    EXPECT_EQ(readFile(path("halved-back.pt")), readFile(path("ordered-back.pt")));
    EXPECT_EQ(runPython(QStringLiteral("import sys, torch\n"
                                       "a, b = torch.load(sys.argv[1]), torch.load(sys.argv[2])\n"
                                       "print(len(a), all(torch.equal(a[k] / 2, b[k]) for k in a))"),
                        {path("trained.pt"), path("halved-back.pt")}),
              QStringLiteral("10 True"));
}

TEST_F(WeightsImport, NamesTheTensorWhoseShapeDiffers)
{
    exportTrained(tinyConfig(), "hidden16.pt");
    TrainingConfig wider = tinyConfig();
    wider.hiddenLayers = {24};
    expectRefused(wider, "hidden16.pt",
                  {QStringLiteral("encoder.0.weight has shape [16, 64], the architecture needs [24, 64]")});
}

TEST_F(WeightsImport, NamesATensorMissingOrLeftOver)
{
    exportTrained(tinyConfig(), "bernoulli.pt");
    TrainingConfig gaussian = tinyConfig();
    gaussian.likelihood = Likelihood::Gaussian;
    expectRefused(gaussian, "bernoulli.pt",
                  {QStringLiteral("has no output_log_variance.bias, which the architecture needs with shape [64]")});
    exportTrained(gaussian, "gaussian.pt");
    expectRefused(tinyConfig(), "gaussian.pt",
                  {QStringLiteral("output_log_variance.bias is not a weight of this architecture")});
}

TEST_F(WeightsImport, RefusesWhatIsNoDictOfFiniteFloats)
{
    exportTrained(tinyConfig(), "trained.pt");
    runPython(QStringLiteral("import sys, torch\n"
                             "weights = torch.load(sys.argv[1])\n"
                             "torch.save(list(weights.values()), sys.argv[2])\n"
                             "torch.save({'module.' + k: v for k, v in weights.items()}, sys.argv[3])\n"
                             "weights['decoder.0.bias'][3] = float('nan')\n"
                             "torch.save(weights, sys.argv[4])\n"
                             "weights['decoder.0.bias'] = weights['decoder.0.bias'].long()\n"
                             "torch.save(weights, sys.argv[5])"),
              {path("trained.pt"), path("list.pt"), path("ddp.pt"), path("nan.pt"), path("integers.pt")});
    testing::writeFile(path("text.pt"), testing::Bytes{'n', 'o', 't', ' ', 't', 'o', 'r', 'c', 'h'});
    expectRefused(tinyConfig(), "list.pt", {QStringLiteral("not a dict of named tensors")});
    expectRefused(tinyConfig(), "ddp.pt",
                  {QStringLiteral("module.decoder.0.bias is not a weight"), QStringLiteral("DistributedDataParallel")});
    expectRefused(tinyConfig(), "nan.pt", {QStringLiteral("decoder.0.bias holds values that are not finite")});
    expectRefused(tinyConfig(), "integers.pt", {QStringLiteral("decoder.0.bias holds Long values")});
    expectRefused(tinyConfig(), "text.pt", {QStringLiteral("not a file of tensors that torch.save writes")});
    expectRefused(tinyConfig(), "missing.pt", {QStringLiteral("no such file")});
}

} // namespace
} // namespace vae
