#include "core/data/DatasetLoader.h"
#include "core/data/NpzDataset.h"

#include "tests/support/dataset_fixtures.h"
#include "tests/support/python_check.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace vae;
using namespace vae::testing;

namespace {

// Keras's layout, written by NumPy itself: x_* uint8 [N, 28, 28] (or [N, 32, 32, 3] with column
// labels, as Keras's CIFAR-10), y_* uint8 labels i % 10; pixel j of image i is (i + j) % 256.
const QString writeKerasArchive = QStringLiteral(R"(
import sys, numpy as np
path, kind, compressed = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
shape = (28, 28) if kind == "grey" else (32, 32, 3)
def split(count, start):
    size = int(np.prod(shape))
    x = ((np.arange(count)[:, None] + start + np.arange(size)[None, :]) % 256).astype(np.uint8).reshape((count,) + shape)
    y = ((np.arange(count) + start) % 10).astype(np.uint8)
    return x, (y if kind == "grey" else y[:, None])
x_train, y_train = split(12, 0)
x_test, y_test = split(5, 100)
(np.savez_compressed if compressed else np.savez)(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
)");

class NpzDatasetTest : public ::testing::Test {
protected:
    QString file(const QString& name) const { return directory.filePath(name); }

    QString keras(const QString& name, const QString& kind, bool compressed)
    {
        runPython(writeKerasArchive, {file(name), kind, compressed ? "1" : "0"});
        return file(name);
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(NpzDatasetTest, LoadsKerasArchivesStoredAndCompressed)
{
    for (const bool compressed : {false, true}) {
        const Dataset dataset = loadDataset(keras("mnist.npz", "grey", compressed));
        EXPECT_EQ(dataset.name, "mnist");
        EXPECT_EQ(dataset.channels(), 1);
        EXPECT_EQ(dataset.height(), 28);
        EXPECT_EQ(dataset.width(), 28);
        ASSERT_EQ(dataset.train.count(), 12);
        ASSERT_EQ(dataset.test.count(), 5);
        EXPECT_EQ(dataset.train.labels[11], 1);
        EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{0, 1, 2, 3, 4}));
        EXPECT_EQ(dataset.classNames.size(), 10); // digits for labels 0..9
        EXPECT_EQ(dataset.train.image(3)[5], 8);
        EXPECT_EQ(dataset.test.image(1)[0], 101);
    }
}

TEST_F(NpzDatasetTest, LoadsColourImagesWithColumnLabelsChannelMajor)
{
    const Dataset dataset = loadDataset(keras("cifar10.npz", "rgb", true));
    EXPECT_EQ(dataset.channels(), 3);
    EXPECT_EQ(dataset.height(), 32);
    ASSERT_EQ(dataset.train.count(), 12);
    EXPECT_EQ(dataset.train.labels[4], 4);
    // Interleaved byte 3 * p + c of image 2 was (2 + 3p + c) % 256; planar it sits at c * 1024 + p.
    const std::uint8_t* image = dataset.train.image(2);
    EXPECT_EQ(image[0], 2);
    EXPECT_EQ(image[1024], 3);
    EXPECT_EQ(image[2 * 1024 + 1], 7);
}

TEST_F(NpzDatasetTest, NamesAMissingArrayAndWhatTheArchiveHolds)
{
    runPython(QStringLiteral("import sys, numpy as np\nnp.savez(sys.argv[1], x_train=np.zeros((3, 2, 2), np.uint8), "
                             "images=np.zeros(3))"),
              {file("partial.npz")});
    expectMessageContains(inputErrorOf([&] { loadDataset(file("partial.npz")); }),
                          {QDir::toNativeSeparators(file("partial.npz")), "no array 'x_test'", "images.npy"});
}

TEST_F(NpzDatasetTest, RefusesTruncatedCorruptAndForeignFiles)
{
    const QString archive = keras("mnist.npz", "grey", false);
    const Bytes whole = readFile(archive);

    truncateFile(archive, whole.size() / 2);
    expectMessageContains(inputErrorOf([&] { loadDataset(archive); }),
                          {QDir::toNativeSeparators(archive), "not a readable zip archive"});

    // A byte flipped inside a stored member: libzip's CRC-32 check catches it.
    Bytes flipped = whole;
    flipped[whole.size() / 3] ^= 0xff;
    writeFile(archive, flipped);
    expectMessageContains(inputErrorOf([&] { loadDataset(archive); }), {QDir::toNativeSeparators(archive), ".npy"});

    writeFile(archive, {'P', 'K', 3, 4, 'n', 'o', 't'});
    expectMessageContains(inputErrorOf([&] { loadDataset(archive); }),
                          {QDir::toNativeSeparators(archive), "not a readable zip archive"});
}

TEST_F(NpzDatasetTest, NamesTheMemberWhoseArrayIsWrong)
{
    runPython(QStringLiteral("import sys, numpy as np\nnp.savez(sys.argv[1], x_train=np.zeros((3, 2, 2), np.uint8), "
                             "x_test=np.zeros((3, 2, 2), np.int16))"),
              {file("wrong.npz")});
    expectMessageContains(inputErrorOf([&] { loadDataset(file("wrong.npz")); }),
                          {QDir::toNativeSeparators(file("wrong.npz")) + ":x_test.npy", "unsupported image dtype"});
}
