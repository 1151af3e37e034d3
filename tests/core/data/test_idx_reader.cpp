#include "core/data/IdxReader.h"

#include "tests/support/dataset_fixtures.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace vae;
using namespace vae::testing;

namespace {

class IdxReaderTest : public ::testing::Test {
protected:
    QString path(const QString& name) const { return directory.filePath(name); }
    QTemporaryDir directory;
};

} // namespace

TEST_F(IdxReaderTest, ReadsRawImagesExactly)
{
    const Bytes pixels = patternPixels(5 * 4 * 3);
    writeFile(path("images-idx3-ubyte"), idxImagesFile(5, 4, 3, pixels));

    const ImageSet images = readIdxImages(path("images-idx3-ubyte"));
    EXPECT_EQ(images.count(), 5);
    EXPECT_EQ(images.channels, 1);
    EXPECT_EQ(images.height, 4);
    EXPECT_EQ(images.width, 3);
    EXPECT_EQ(images.pixels, pixels);
    EXPECT_FALSE(images.hasLabels());
}

TEST_F(IdxReaderTest, ReadsGzippedImagesExactly)
{
    const Bytes pixels = patternPixels(7 * 6 * 5);
    writeFile(path("images-idx3-ubyte.gz"), gzipped(idxImagesFile(7, 6, 5, pixels)));

    const ImageSet images = readIdxImages(path("images-idx3-ubyte.gz"));
    EXPECT_EQ(images.count(), 7);
    EXPECT_EQ(images.pixels, pixels);
}

TEST_F(IdxReaderTest, ReadsLabels)
{
    writeFile(path("labels-idx1-ubyte.gz"), gzipped(idxLabelsFile({3, 0, 9, 255})));
    EXPECT_EQ(readIdxLabels(path("labels-idx1-ubyte.gz")), (std::vector<std::int32_t>{3, 0, 9, 255}));
}

TEST_F(IdxReaderTest, RejectsAWrongMagic)
{
    writeFile(path("picture.png"), {0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    expectMessageContains(inputErrorOf([&] { readIdxImages(path("picture.png")); }),
                          {"picture.png", "not an IDX image file", "magic 0x89504e47", "0x00000803"});
}

TEST_F(IdxReaderTest, RejectsALabelFileGivenAsImages)
{
    writeFile(path("train-labels-idx1-ubyte"), idxLabelsFile({1, 2}));
    expectMessageContains(inputErrorOf([&] { readIdxImages(path("train-labels-idx1-ubyte")); }),
                          {"train-labels-idx1-ubyte", "not an IDX image file", "0x00000801"});
}

TEST_F(IdxReaderTest, RejectsElementTypesOtherThanBytes)
{
    Bytes file = idxImagesFile(1, 1, 1, {0, 0, 0, 0});
    file[2] = 0x0d; // float
    writeFile(path("floats-idx3"), file);
    expectMessageContains(inputErrorOf([&] { readIdxImages(path("floats-idx3")); }),
                          {"floats-idx3", "element type 0x0d"});
}

TEST_F(IdxReaderTest, RejectsATruncatedRawFileWithBothSizes)
{
    writeFile(path("train-images-idx3-ubyte"), idxImagesFile(60000, 28, 28, patternPixels(1000 - 16)));
    expectMessageContains(inputErrorOf([&] { readIdxImages(path("train-images-idx3-ubyte")); }),
                          {"train-images-idx3-ubyte: truncated: header says 60000 images of 28x28 (47040016 bytes), "
                           "file has 1000 bytes"});
}

TEST_F(IdxReaderTest, RejectsATruncatedGzippedFile)
{
    const QString file = path("train-images-idx3-ubyte.gz");
    writeFile(file, gzipped(idxImagesFile(100, 28, 28, patternPixels(100 * 28 * 28))));
    truncateFile(file, readFile(file).size() - 20);
    expectMessageContains(inputErrorOf([&] { readIdxImages(file); }), {"train-images-idx3-ubyte.gz", "truncated"});
}

TEST_F(IdxReaderTest, RejectsTrailingData)
{
    writeFile(path("long-idx3"), idxImagesFile(2, 2, 2, patternPixels(9)));
    expectMessageContains(inputErrorOf([&] { readIdxImages(path("long-idx3")); }),
                          {"long-idx3", "trailing data", "2 images of 2x2 (24 bytes)", "25 bytes"});
}

TEST_F(IdxReaderTest, RejectsAFileTooShortForAHeader)
{
    writeFile(path("stub-idx3"), {0, 0, 8, 3, 0, 0});
    expectMessageContains(inputErrorOf([&] { readIdxImages(path("stub-idx3")); }),
                          {"stub-idx3", "truncated", "header"});
}

TEST_F(IdxReaderTest, RejectsTruncatedLabels)
{
    Bytes file = idxLabelsFile({1, 2, 3, 4});
    file.pop_back();
    writeFile(path("labels-idx1"), file);
    expectMessageContains(inputErrorOf([&] { readIdxLabels(path("labels-idx1")); }),
                          {"labels-idx1", "truncated", "4 labels (12 bytes)", "11 bytes"});
}
