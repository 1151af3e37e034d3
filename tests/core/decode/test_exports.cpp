#include "tests/support/python_check.h"
#include "tests/support/shapes_fixture.h"

#include "core/decode/LatentCodes.h"
#include "core/engine/Trainer.h"
#include "core/files/AtomicFile.h"
#include "core/files/GifWriter.h"
#include "core/files/NpyWriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>
#include <gif_lib.h>
#include <gtest/gtest.h>
#include <stdexcept>
#include <utility>

namespace vae {
namespace {

using testing::runPython;
using testing::shapesDataset;
using testing::smallConfig;

class Exports : public ::testing::Test {
protected:
    QString path(const char* name) const { return directory.filePath(QString::fromLatin1(name)); }
    QTemporaryDir directory;
};

TEST_F(Exports, EncodingReportsEachBatchAndStopsWhereItsProgressThrows)
{
    Trainer trainer(smallConfig(), shapesDataset());
    const auto snapshot = trainer.snapshot();
    std::vector<std::pair<int, int>> reports;
    encodeImageSet(*snapshot, shapesDataset()->test,
                   [&](int encoded, int total) { reports.emplace_back(encoded, total); });
    EXPECT_EQ(reports, (std::vector<std::pair<int, int>>{{1000, 2000}, {2000, 2000}}));

    int calls = 0;
    const auto cancelAtFirst = [&](int, int) {
        ++calls;
        throw std::runtime_error("cancelled");
    };
    EXPECT_THROW(encodeImageSet(*snapshot, shapesDataset()->test, cancelAtFirst), std::runtime_error);
    EXPECT_EQ(calls, 1); // the second batch was never encoded
}

TEST_F(Exports, LatentCodesMatchTheSnapshotAndLoadInNumpyWithShapeAndDtype)
{
    Trainer trainer(smallConfig(), shapesDataset());
    trainer.trainStep();
    const auto snapshot = trainer.snapshot();
    const LatentCodes codes = encodeImageSet(*snapshot, shapesDataset()->test);
    ASSERT_EQ(codes.count, 2000);
    ASSERT_EQ(codes.latentDim, 2);
    std::vector<float> means, logVariances;
    snapshot->encode(shapesDataset()->test.image(1234), 1, means, logVariances);
    // The set is encoded in batches and the image alone here: BLAS may round the two products a few
    // ulps apart, and a wrong image or dimension would be off by far more than this.
    constexpr float batchRounding = 1e-6f;
    EXPECT_NEAR(codes.mean(1234)[0], means[0], batchRounding);
    EXPECT_NEAR(codes.logVariances[1234 * 2 + 1], logVariances[1], batchRounding);

    const QStringList written = writeLatentCodesNpy(path("codes.npy"), codes);
    ASSERT_EQ(written, QStringList({path("codes.npy"), path("codes_labels.npy")}));
    const QStringList summary = runPython(QStringLiteral("import sys, numpy as np\n"
                                                         "c = np.load(sys.argv[1]); l = np.load(sys.argv[2])\n"
                                                         "print(c.shape, c.dtype, l.shape, l.dtype, '|', float(c[1234, "
                                                         "0, 0]), float(c[1234, 1, 1]), int(l[7]))"),
                                          written)
                                    .split(QLatin1Char('|'));
    ASSERT_EQ(summary.size(), 2);
    EXPECT_EQ(summary[0].trimmed(), QStringLiteral("(2000, 2, 2) float32 (2000,) int64"));
    const QStringList values = summary[1].split(QLatin1Char(' '), Qt::SkipEmptyParts);
    ASSERT_EQ(values.size(), 3);
    EXPECT_FLOAT_EQ(values[0].toFloat(), codes.mean(1234)[0]);
    EXPECT_FLOAT_EQ(values[1].toFloat(), codes.logVariances[1234 * 2 + 1]);
    EXPECT_EQ(values[2].toInt(), shapesDataset()->test.labels[7]);

    writeLatentCodesCsv(path("codes.csv"), codes);
    QFile csv(path("codes.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 2001);
    EXPECT_EQ(lines[0], QStringLiteral("index,label,mean_0,mean_1,log_variance_0,log_variance_1"));
    const QStringList row = lines[1235].split(QLatin1Char(','));
    EXPECT_EQ(row[0], QStringLiteral("1234"));
    EXPECT_EQ(row[1].toInt(), shapesDataset()->test.labels[1234]);
    EXPECT_FLOAT_EQ(row[2].toFloat(), codes.mean(1234)[0]);
}

TEST_F(Exports, DecodedPixelsAreTheDecoderProbabilitiesRoundedToTheNearestByte)
{
    Trainer trainer(smallConfig(), shapesDataset());
    for (int i = 0; i < 20; ++i)
        trainer.trainStep();
    trainer.exportWeights(path("weights.pt"));
    const std::vector<float> latents{0.0f, 0.0f, 1.5f, -2.0f, -3.0f, 0.7f};
    const std::vector<std::uint8_t> pixels = trainer.snapshot()->decode(latents.data(), 3);
    // The same decoder written out by hand in PyTorch from the exported weights.
    const QStringList probabilities =
        runPython(QStringLiteral("import sys, torch\n"
                                 "w = torch.load(sys.argv[1])\n"
                                 "z = torch.tensor([[0.0, 0.0], [1.5, -2.0], [-3.0, 0.7]])\n"
                                 "h = torch.relu(z @ w['decoder.0.weight'].T + w['decoder.0.bias'])\n"
                                 "p = torch.sigmoid(h @ w['output_mean.weight'].T + w['output_mean.bias'])\n"
                                 "print(' '.join(repr(float(v)) for v in p.flatten()))"),
                  {path("weights.pt")})
            .split(QLatin1Char(' '));
    ASSERT_EQ(std::size_t(probabilities.size()), pixels.size());
    int compared = 0;
    int roundedUp = 0;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        const double scaled = probabilities[int(i)].toDouble() * 255.0;
        if (std::abs(scaled - std::floor(scaled) - 0.5) < 1e-3)
            continue; // a tie within float error: either neighbour is right
        ++compared;
        roundedUp += std::lround(scaled) > std::floor(scaled) ? 1 : 0;
        ASSERT_EQ(int(pixels[i]), int(std::lround(scaled)))
            << "pixel " << i << ", probability " << probabilities[int(i)].toStdString();
    }
    EXPECT_GT(compared, 2300);
    EXPECT_GT(roundedUp, 100); // truncating instead of rounding would have failed
}

TEST_F(Exports, KlPerDimensionAveragesTheAnalyticKl)
{
    LatentCodes codes;
    codes.count = 2;
    codes.latentDim = 2;
    codes.means = {1.0f, 0.0f, -1.0f, 0.0f};
    codes.logVariances = {0.0f, 0.0f, 0.0f, std::log(2.0f)};
    const auto kl = klPerDimension(codes);
    EXPECT_DOUBLE_EQ(kl[0], 0.5);
    EXPECT_NEAR(kl[1], 0.5 * (-0.5 * (1 + std::log(2.0) - 2.0)), 1e-7);
}

// The loop count of the NETSCAPE2.0 application extension among `blocks` (0: forever), or -1
// when there is none. giflib gives the extension as its identifier block followed by a
// continuation block holding sub-block id 1 and the count, little-endian.
int netscapeLoopCount(const ExtensionBlock* blocks, int count)
{
    for (int i = 0; i + 1 < count; ++i) {
        const ExtensionBlock& application = blocks[i];
        const ExtensionBlock& data = blocks[i + 1];
        if (application.Function == APPLICATION_EXT_FUNC_CODE && application.ByteCount == 11 &&
            std::memcmp(application.Bytes, "NETSCAPE2.0", 11) == 0 && data.Function == CONTINUE_EXT_FUNC_CODE &&
            data.ByteCount == 3 && data.Bytes[0] == 1)
            return data.Bytes[1] | (data.Bytes[2] << 8);
    }
    return -1;
}

TEST_F(Exports, AnimatedGifHasOneFramePerImageAndLoops)
{
    std::vector<QImage> frames;
    for (int k = 0; k < 7; ++k) {
        QImage frame(30, 20, QImage::Format_Grayscale8);
        frame.fill(k * 30);
        frames.push_back(frame);
    }
    writeAnimatedGif(path("path.gif"), frames, 12);
    int error = 0;
    GifFileType* gif = DGifOpenFileName(path("path.gif").toLocal8Bit().constData(), &error);
    ASSERT_NE(gif, nullptr) << GifErrorString(error);
    ASSERT_EQ(DGifSlurp(gif), GIF_OK);
    EXPECT_EQ(gif->ImageCount, 7);
    EXPECT_EQ(gif->SWidth, 30);
    EXPECT_EQ(gif->SHeight, 20);
    const SavedImage& fourth = gif->SavedImages[3];
    EXPECT_EQ(fourth.RasterBits[0], 90); // grey palette: index = grey level
    GraphicsControlBlock control;
    ASSERT_EQ(DGifSavedExtensionToGCB(gif, 3, &control), GIF_OK);
    EXPECT_EQ(control.DelayTime, 12);
    // Viewers read the loop block before the first frame, where giflib files it.
    const SavedImage& first = gif->SavedImages[0];
    EXPECT_EQ(netscapeLoopCount(first.ExtensionBlocks, first.ExtensionBlockCount), 0);
    DGifCloseFile(gif, &error);
}

TEST_F(Exports, AnUnwritablePathReportsTheErrorAndWritesNothing)
{
    const QString target = path("missing-folder/out.gif");
    std::vector<QImage> frames(2, QImage(4, 4, QImage::Format_Grayscale8));
    try {
        writeAnimatedGif(target, frames, 10);
        FAIL() << "wrote into a folder that does not exist";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("missing-folder/out.gif"), std::string::npos) << error.what();
    }
    EXPECT_THROW(writeFileAtomically(path("missing-folder/x.npy"), npyBytes(std::vector<float>{1.0f}, {1})),
                 std::runtime_error);
    EXPECT_TRUE(QDir(directory.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

} // namespace
} // namespace vae
