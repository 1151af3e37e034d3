#include "tests/support/dataset_fixtures.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/python_check.h"
#include "tests/support/shapes_fixture.h"

#include "core/data/InputError.h"
#include "core/engine/Trainer.h"
#include "core/files/CheckpointFile.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::Bytes;
using testing::readFile;
using testing::runPython;
using testing::shapesDataset;
using testing::smallConfig;

class Checkpoint : public ::testing::Test {
protected:
    QString path(const char* name) const { return directory.filePath(QString::fromLatin1(name)); }

    std::string loadError(const QString& file) const
    {
        try {
            Trainer::fromCheckpoint(file, shapesDataset());
        } catch (const InputError& error) {
            return error.what();
        }
        return {};
    }

    QTemporaryDir directory;
};

// The message of the failed save; an empty string (and a test failure) when it succeeds.
std::string saveError(const Trainer& trainer, const QString& file)
{
    try {
        trainer.saveCheckpoint(file);
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    ADD_FAILURE() << "saving " << file.toStdString() << " did not fail";
    return {};
}

void runUntilStep(Trainer& trainer, std::int64_t step)
{
    while (trainer.completedSteps() < step) {
        trainer.trainStep();
        if (trainer.atEpochEnd())
            trainer.finishEpoch();
    }
}

TEST_F(Checkpoint, RoundTripIsBitExact)
{
    Trainer trainer(smallConfig(), shapesDataset());
    runUntilStep(trainer, 7);
    trainer.saveCheckpoint(path("a.vae"));
    auto restored = Trainer::fromCheckpoint(path("a.vae"), shapesDataset());
    restored->saveCheckpoint(path("b.vae"));
    const CheckpointContents a = readCheckpointFile(path("a.vae"));
    const CheckpointContents b = readCheckpointFile(path("b.vae"));
    EXPECT_EQ(a.meta, b.meta);
    // The optimiser's archive is keyed by tensor addresses, so compare the weights' bytes here and
    // the optimiser's moments and random state through the curve in ResumedTrainingContinuesTheSameCurve.
    trainer.exportWeights(path("a.pt"));
    restored->exportWeights(path("b.pt"));
    QFile weightsA(path("a.pt")), weightsB(path("b.pt"));
    ASSERT_TRUE(weightsA.open(QIODevice::ReadOnly) && weightsB.open(QIODevice::ReadOnly));
    const QByteArray bytesA = weightsA.readAll();
    EXPECT_GT(bytesA.size(), 4 * 784 * 64);
    EXPECT_EQ(bytesA, weightsB.readAll());
    EXPECT_EQ(restored->completedSteps(), 7);
    EXPECT_EQ(restored->history().steps.size(), 7u);
    EXPECT_EQ(restored->history().steps.back().elbo, trainer.history().steps.back().elbo);
    EXPECT_EQ(restored->config().toJson(), trainer.config().toJson());
}

TEST_F(Checkpoint, KeepsTheWindowsViewState)
{
    Trainer trainer(smallConfig(), shapesDataset());
    const QJsonObject view{{QStringLiteral("grid_cells"), 17}, {QStringLiteral("spacing"), QStringLiteral("quantile")}};
    trainer.saveCheckpoint(path("view.vae"), view);
    EXPECT_EQ(readCheckpointFile(path("view.vae")).view, view);
    trainer.saveCheckpoint(path("plain.vae"));
    EXPECT_TRUE(readCheckpointFile(path("plain.vae")).view.isEmpty());
}

TEST_F(Checkpoint, ResumedTrainingContinuesTheSameCurve)
{
    TrainingConfig config = smallConfig();
    Trainer uninterrupted(config, shapesDataset());
    const std::int64_t total = 2 * uninterrupted.stepsPerEpoch();
    runUntilStep(uninterrupted, total);

    // Stop once mid-epoch and once at an epoch boundary.
    for (const std::int64_t stopAt : {std::int64_t(45), std::int64_t(uninterrupted.stepsPerEpoch())}) {
        Trainer first(config, shapesDataset());
        runUntilStep(first, stopAt);
        first.saveCheckpoint(path("resume.vae"));
        auto resumed = Trainer::fromCheckpoint(path("resume.vae"), shapesDataset());
        runUntilStep(*resumed, total);
        while (resumed->atEpochEnd())
            resumed->finishEpoch();
        uninterrupted.atEpochEnd() ? void(uninterrupted.finishEpoch()) : void();
        const auto& expected = uninterrupted.history().steps;
        const auto& actual = resumed->history().steps;
        ASSERT_EQ(actual.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            ASSERT_EQ(actual[i].elbo, expected[i].elbo) << "step " << i + 1 << " after stopping at " << stopAt;
        ASSERT_EQ(resumed->history().epochs.size(), 2u);
        EXPECT_EQ(resumed->history().epochs[1].testElbo, uninterrupted.history().epochs[1].testElbo);
    }
}

TEST_F(Checkpoint, ForeignTruncatedAndCorruptFilesAreRejectedByName)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainer.trainStep();
    trainer.saveCheckpoint(path("good.vae"));
    QFile good(path("good.vae"));
    ASSERT_TRUE(good.open(QIODevice::ReadOnly));
    const QByteArray bytes = good.readAll();

    auto write = [this](const char* name, const QByteArray& content) {
        QFile file(path(name));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return path(name);
    };
    const std::string foreign = loadError(write("foreign.vae", "PK\x03\x04 this is a zip, not a checkpoint"));
    EXPECT_NE(foreign.find("foreign.vae"), std::string::npos);
    EXPECT_NE(foreign.find("not a vae-explorer checkpoint"), std::string::npos) << foreign;

    const std::string truncated = loadError(write("truncated.vae", bytes.left(bytes.size() / 2)));
    EXPECT_NE(truncated.find("truncated.vae"), std::string::npos);
    EXPECT_NE(truncated.find("truncated or corrupted"), std::string::npos) << truncated;

    QByteArray flipped = bytes;
    flipped[flipped.size() / 3] = char(flipped[flipped.size() / 3] ^ 0x5a);
    const std::string corrupt = loadError(write("corrupt.vae", flipped));
    EXPECT_NE(corrupt.find("checksum"), std::string::npos) << corrupt;

    const std::string missing = loadError(path("missing.vae"));
    EXPECT_NE(missing.find("no such file"), std::string::npos) << missing;
    EXPECT_NE(loadError(write("empty.vae", {})).find("not a vae-explorer checkpoint"), std::string::npos);
}

// The torch archive is not fuzzed (LibTorch is not built with the sanitizers; see fuzz/README.md),
// so a spread of broken archives behind a valid checksum stands in: a cut or foreign archive is an
// InputError naming the file; flipped bytes inside tensor data may load as other weights (the
// container's CRC-32 is what catches those in a real file), but nothing crashes or throws another
// exception.
TEST_F(Checkpoint, BrokenTorchArchivesBehindAGoodChecksumAreRejectedByName)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainer.trainStep();
    trainer.saveCheckpoint(path("good.vae"));
    const CheckpointContents good = readCheckpointFile(path("good.vae"));
    const QByteArray& archive = good.tensors;
    const std::vector<QByteArray> unreadable{QByteArray(), archive.left(archive.size() / 2), archive.left(100),
                                             archive.right(archive.size() - 4), QByteArray(4096, '\x5a')};
    auto writeWith = [&](const QByteArray& tensors) {
        CheckpointContents contents = good;
        contents.tensors = tensors;
        writeCheckpointFile(path("broken.vae"), contents);
        return path("broken.vae");
    };
    for (std::size_t i = 0; i < unreadable.size(); ++i) {
        const std::string message = loadError(writeWith(unreadable[i]));
        EXPECT_NE(message.find("broken.vae: the stored model does not load"), std::string::npos)
            << "archive " << i << ": " << message;
    }
    for (int i = 1; i < 16; ++i) {
        QByteArray flipped = archive;
        const qsizetype at = archive.size() * i / 16;
        for (qsizetype j = at; j < std::min(archive.size(), at + 8); ++j)
            flipped[j] = char(flipped[j] ^ 0xa5);
        const QString file = writeWith(flipped);
        try {
            Trainer::fromCheckpoint(file, shapesDataset());
        } catch (const InputError& error) {
            EXPECT_NE(std::string(error.what()).find("broken.vae"), std::string::npos) << error.what();
        }
    }
}

TEST_F(Checkpoint, AFailedSaveLeavesThePreviousFileIntact)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainer.trainStep();
    trainer.saveCheckpoint(path("kept.vae"));
    const Bytes before = readFile(path("kept.vae"));
    ASSERT_FALSE(before.empty());
    trainer.trainStep();
    {
        // A disk that fills up half-way through the new file. Root ignores file permissions, but
        // not RLIMIT_FSIZE, so this fails the same way for every user.
        const testing::FileSizeLimit full(before.size() / 2);
        const std::string message = saveError(trainer, path("kept.vae"));
        EXPECT_NE(message.find("kept.vae: cannot write: file too large"), std::string::npos) << message;
    }
    EXPECT_EQ(readFile(path("kept.vae")), before);
    EXPECT_EQ(QDir(directory.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("kept.vae")})
        << "the half-written file was left behind";
    EXPECT_NE(saveError(trainer, path("no/such/folder/x.vae")).find("no/such/folder/x.vae: cannot write: no such file"),
              std::string::npos);

    const auto restored = Trainer::fromCheckpoint(path("kept.vae"), shapesDataset());
    EXPECT_EQ(restored->completedSteps(), 1);
}

TEST_F(Checkpoint, ExportedWeightsLoadInPythonAsADictOfNamedTensors)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainer.exportWeights(path("weights.pt"));
    const QString described = runPython(QStringLiteral("import sys, torch\n"
                                                       "w = torch.load(sys.argv[1])\n"
                                                       "assert isinstance(w, dict), type(w)\n"
                                                       "print(len(w), tuple(w['encoder.0.weight'].shape), "
                                                       "w['encoder.0.weight'].dtype)\n"),
                                        {path("weights.pt")});
    EXPECT_EQ(described, QStringLiteral("10 (64, 784) torch.float32"));
}

} // namespace
} // namespace vae
