#include "core/data/DatasetLoader.h"

#include "tests/support/dataset_fixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

using namespace vae;
using namespace vae::testing;

namespace {

const QString fashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");

class DatasetLoaderTest : public ::testing::Test {
protected:
    // A folder inside the temporary directory, so its name is known.
    QString folder(const QString& name) const
    {
        QDir(directory.path()).mkpath(name);
        return directory.filePath(name);
    }

    // Writes an IDX image file (and a label file with labels i % 10 when labelled) of `count`
    // images of 4x3 pixels filled from patternPixels, offset so the splits differ.
    static Bytes writeIdxSplit(const QString& imagesPath, const QString& labelsPath, int count, int offset, bool gzip,
                               int height = 4, int width = 3)
    {
        Bytes pixels = patternPixels(std::size_t(count * height * width + offset));
        pixels.erase(pixels.begin(), pixels.begin() + offset);
        const Bytes images = idxImagesFile(count, height, width, pixels);
        writeFile(imagesPath, gzip ? gzipped(images) : images);
        if (!labelsPath.isEmpty()) {
            Bytes labels;
            for (int i = 0; i < count; ++i)
                labels.push_back(std::uint8_t(i % 10));
            writeFile(labelsPath, gzip ? gzipped(idxLabelsFile(labels)) : idxLabelsFile(labels));
        }
        return pixels;
    }

    static std::vector<std::int32_t> labelsModTen(int count, int start = 0)
    {
        std::vector<std::int32_t> labels;
        for (int i = start; i < start + count; ++i)
            labels.push_back(i % 10);
        return labels;
    }

    static QStringList digits() { return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}; }

    QTemporaryDir directory;
};

} // namespace

TEST_F(DatasetLoaderTest, LoadsAnIdxFolderWithItsOwnSplit)
{
    const QString mnist = folder("mnist");
    const Bytes train =
        writeIdxSplit(mnist + "/train-images-idx3-ubyte", mnist + "/train-labels-idx1-ubyte", 20, 0, false);
    const Bytes test = writeIdxSplit(mnist + "/t10k-images-idx3-ubyte", mnist + "/t10k-labels-idx1-ubyte", 7, 5, false);

    const Dataset dataset = loadDataset(mnist);
    EXPECT_EQ(dataset.name, "mnist");
    EXPECT_EQ(dataset.source, mnist);
    EXPECT_EQ(dataset.classNames, digits());
    EXPECT_EQ(dataset.height(), 4);
    EXPECT_EQ(dataset.width(), 3);
    EXPECT_EQ(dataset.train.pixels, train);
    EXPECT_EQ(dataset.test.pixels, test);
    EXPECT_EQ(dataset.train.labels, labelsModTen(20));
    EXPECT_EQ(dataset.test.labels, labelsModTen(7));
}

TEST_F(DatasetLoaderTest, LoadsAGzippedFashionFolderWithFashionClassNames)
{
    const QString fashion = folder("my-fashion-data");
    const Bytes train =
        writeIdxSplit(fashion + "/train-images-idx3-ubyte.gz", fashion + "/train-labels-idx1-ubyte.gz", 30, 0, true);
    writeIdxSplit(fashion + "/t10k-images-idx3-ubyte.gz", fashion + "/t10k-labels-idx1-ubyte.gz", 10, 0, true);

    const Dataset dataset = loadDataset(fashion);
    EXPECT_EQ(dataset.train.pixels, train);
    EXPECT_EQ(dataset.test.count(), 10);
    ASSERT_EQ(dataset.classNames.size(), 10);
    EXPECT_EQ(dataset.classNames.first(), "T-shirt/top");
    EXPECT_EQ(dataset.classNames.last(), "Ankle boot");
}

TEST_F(DatasetLoaderTest, LoadsAnIdxFolderWithoutLabels)
{
    const QString unlabelled = folder("unlabelled");
    writeIdxSplit(unlabelled + "/train-images-idx3-ubyte.gz", {}, 12, 0, true);
    writeIdxSplit(unlabelled + "/t10k-images-idx3-ubyte", {}, 3, 0, false);

    const Dataset dataset = loadDataset(unlabelled);
    EXPECT_EQ(dataset.train.count(), 12);
    EXPECT_EQ(dataset.test.count(), 3);
    EXPECT_FALSE(dataset.train.hasLabels());
    EXPECT_FALSE(dataset.test.hasLabels());
    EXPECT_TRUE(dataset.classNames.isEmpty());
}

TEST_F(DatasetLoaderTest, LoadsEmnistStyleNames)
{
    const QString emnist = folder("emnist");
    writeIdxSplit(emnist + "/emnist-digits-train-images-idx3-ubyte", emnist + "/emnist-digits-train-labels-idx1-ubyte",
                  11, 0, false);
    writeIdxSplit(emnist + "/emnist-digits-test-images-idx3-ubyte", emnist + "/emnist-digits-test-labels-idx1-ubyte", 4,
                  0, false);

    const Dataset dataset = loadDataset(emnist);
    EXPECT_EQ(dataset.train.count(), 11);
    EXPECT_EQ(dataset.test.count(), 4);
    EXPECT_EQ(dataset.test.labels, labelsModTen(4));
}

TEST_F(DatasetLoaderTest, RejectsAmbiguousIdxFolders)
{
    const QString emnist = folder("emnist");
    writeIdxSplit(emnist + "/emnist-digits-train-images-idx3-ubyte", {}, 11, 0, false);
    writeIdxSplit(emnist + "/emnist-letters-train-images-idx3-ubyte", {}, 11, 0, false);
    writeIdxSplit(emnist + "/emnist-digits-test-images-idx3-ubyte", {}, 4, 0, false);
    expectMessageContains(inputErrorOf([&] { loadDataset(emnist); }),
                          {"emnist", "several training image files", "emnist-letters-train-images-idx3-ubyte"});
}

TEST_F(DatasetLoaderTest, RejectsAnIdxFolderWithoutTestImages)
{
    const QString half = folder("half");
    writeIdxSplit(half + "/train-images-idx3-ubyte", {}, 11, 0, false);
    expectMessageContains(inputErrorOf([&] { loadDataset(half); }),
                          {"half", "no test images", "t10k-images-idx3-ubyte"});
}

TEST_F(DatasetLoaderTest, RejectsALabelCountThatDiffersFromTheImageCount)
{
    const QString mnist = folder("mnist");
    writeIdxSplit(mnist + "/train-images-idx3-ubyte.gz", {}, 20, 0, true);
    writeFile(mnist + "/train-labels-idx1-ubyte.gz", gzipped(idxLabelsFile(Bytes(19, 1))));
    writeIdxSplit(mnist + "/t10k-images-idx3-ubyte.gz", mnist + "/t10k-labels-idx1-ubyte.gz", 10, 0, true);
    expectMessageContains(
        inputErrorOf([&] { loadDataset(mnist); }),
        {"train-labels-idx1-ubyte.gz", "count mismatch: 19 labels for 20 images in train-images-idx3-ubyte.gz"});
}

TEST_F(DatasetLoaderTest, RejectsALabelFileWithAWrongMagic)
{
    const QString mnist = folder("mnist");
    writeIdxSplit(mnist + "/train-images-idx3-ubyte", {}, 20, 0, false);
    writeIdxSplit(mnist + "/t10k-images-idx3-ubyte", mnist + "/t10k-labels-idx1-ubyte", 10, 0, false);
    writeIdxSplit(mnist + "/train-labels-idx1-ubyte", {}, 20, 0, false); // images where labels belong
    expectMessageContains(inputErrorOf([&] { loadDataset(mnist); }),
                          {"train-labels-idx1-ubyte", "not an IDX label file"});
}

TEST_F(DatasetLoaderTest, RejectsLabelsForOnlyOneSplit)
{
    const QString mnist = folder("mnist");
    writeIdxSplit(mnist + "/train-images-idx3-ubyte", mnist + "/train-labels-idx1-ubyte", 20, 0, false);
    writeIdxSplit(mnist + "/t10k-images-idx3-ubyte", {}, 10, 0, false);
    expectMessageContains(inputErrorOf([&] { loadDataset(mnist); }), {mnist, "test images have none"});
}

TEST_F(DatasetLoaderTest, RejectsSplitsOfDifferentImageSizes)
{
    const QString mixed = folder("mixed");
    writeIdxSplit(mixed + "/train-images-idx3-ubyte", {}, 20, 0, false, 4, 3);
    writeIdxSplit(mixed + "/t10k-images-idx3-ubyte", {}, 10, 0, false, 5, 5);
    expectMessageContains(inputErrorOf([&] { loadDataset(mixed); }),
                          {mixed, "training images are 1x4x3", "test images are 1x5x5"});
}

TEST_F(DatasetLoaderTest, SplitsAnExplicitIdxFileEveryTenthImage)
{
    const QString data = folder("digits");
    const Bytes pixels =
        writeIdxSplit(data + "/train-images-idx3-ubyte.gz", data + "/train-labels-idx1-ubyte.gz", 25, 0, true);

    const Dataset dataset = loadDataset(data + "/train-images-idx3-ubyte.gz");
    EXPECT_EQ(dataset.name, "digits");
    ASSERT_EQ(dataset.train.count(), 23);
    ASSERT_EQ(dataset.test.count(), 2);
    const int imageSize = dataset.imageSize();
    EXPECT_TRUE(std::equal(pixels.begin() + 9 * imageSize, pixels.begin() + 10 * imageSize, dataset.test.image(0)));
    EXPECT_TRUE(std::equal(pixels.begin() + 19 * imageSize, pixels.begin() + 20 * imageSize, dataset.test.image(1)));
    EXPECT_TRUE(std::equal(pixels.begin() + 10 * imageSize, pixels.begin() + 11 * imageSize, dataset.train.image(9)));
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{9, 9}));
    EXPECT_EQ(dataset.train.labels.front(), 0);
    EXPECT_EQ(dataset.classNames, digits());
}

TEST_F(DatasetLoaderTest, LoadsExplicitImagesAndLabelsWithAnyNames)
{
    const QString data = folder("data");
    writeIdxSplit(data + "/pictures.idx", {}, 10, 0, false);
    writeFile(data + "/answers.idx", idxLabelsFile({3, 3, 3, 3, 3, 3, 3, 3, 3, 4}));

    const Dataset dataset = loadDataset(data + "/pictures.idx," + data + "/answers.idx");
    EXPECT_EQ(dataset.train.count(), 9);
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{4}));
}

TEST_F(DatasetLoaderTest, NamesAMissingExplicitLabelFile)
{
    const QString data = folder("data");
    writeIdxSplit(data + "/pictures.idx", {}, 10, 0, false);
    expectMessageContains(inputErrorOf([&] { loadDataset(data + "/pictures.idx," + data + "/nothing.idx"); }),
                          {"nothing.idx", "no such file"});
}

TEST_F(DatasetLoaderTest, LoadsNpyImagesWithLabelsFoundByName)
{
    const QString data = folder("arrays");
    const Bytes pixels = patternPixels(20 * 2 * 2);
    writeFile(data + "/toy_images.npy", npyFile("|u1", "(20, 2, 2)", pixels.data(), pixels.size()));
    std::vector<std::int64_t> labels(20);
    for (int i = 0; i < 20; ++i)
        labels[std::size_t(i)] = i % 3;
    writeFile(data + "/toy_labels.npy", npyFile("<i8", "(20,)", labels.data(), labels.size() * sizeof(std::int64_t)));

    const Dataset dataset = loadDataset(data + "/toy_images.npy");
    EXPECT_EQ(dataset.name, "toy_images");
    EXPECT_EQ(dataset.train.count(), 18);
    EXPECT_EQ(dataset.test.count(), 2);
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{0, 1})); // indices 9 and 19
    EXPECT_EQ(dataset.classNames, digits());
    EXPECT_TRUE(std::equal(pixels.begin() + 9 * 4, pixels.begin() + 10 * 4, dataset.test.image(0)));
}

TEST_F(DatasetLoaderTest, LoadsExplicitNpyImagesAndLabels)
{
    const QString data = folder("arrays");
    std::vector<float> images(10 * 3 * 3, 0.25f);
    writeFile(data + "/x.npy", npyFile("<f4", "(10, 3, 3)", images.data(), images.size() * sizeof(float)));
    std::vector<std::int32_t> labels(10, 12);
    writeFile(data + "/y.npy", npyFile("<i4", "(10,)", labels.data(), labels.size() * sizeof(std::int32_t)));

    const Dataset dataset = loadDataset(data + "/x.npy," + data + "/y.npy");
    EXPECT_EQ(dataset.train.pixels, Bytes(9 * 9, 64));
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{12}));
    EXPECT_TRUE(dataset.classNames.isEmpty()); // labels beyond 0..9 have no known names
}

TEST_F(DatasetLoaderTest, RejectsTooFewImagesToSetAnyAsideForTesting)
{
    const QString data = folder("tiny");
    writeIdxSplit(data + "/images-idx3-ubyte", {}, 9, 0, false);
    expectMessageContains(inputErrorOf([&] { loadDataset(data + "/images-idx3-ubyte"); }),
                          {"images-idx3-ubyte", "no test images"});
}

TEST_F(DatasetLoaderTest, LoadsAnImageFolder)
{
    const QString pictures = folder("pictures");
    for (const QString& name : {QStringLiteral("cats"), QStringLiteral("dogs")}) {
        QDir(pictures).mkpath(name);
        for (int i = 0; i < 5; ++i) {
            QImage image(8, 8, QImage::Format_Grayscale8);
            image.fill(Qt::gray);
            ASSERT_TRUE(image.save(QStringLiteral("%1/%2/%3.png").arg(pictures, name).arg(i)));
        }
    }
    const Dataset dataset = loadDataset(pictures);
    EXPECT_EQ(dataset.name, "pictures");
    EXPECT_EQ(dataset.classNames, (QStringList{"cats", "dogs"}));
    EXPECT_EQ(dataset.train.count(), 9);
    EXPECT_EQ(dataset.height(), 28);
}

TEST_F(DatasetLoaderTest, RejectsAFolderWithNeitherIdxFilesNorClassFolders)
{
    const QString empty = folder("empty");
    expectMessageContains(inputErrorOf([&] { loadDataset(empty); }),
                          {QDir::toNativeSeparators(empty), "no IDX files", "or class folders"});
}

TEST_F(DatasetLoaderTest, RejectsAPathThatDoesNotExist)
{
    const QString missing = directory.filePath("nowhere/train-images-idx3-ubyte.gz");
    expectMessageContains(inputErrorOf([&] { loadDataset(missing); }),
                          {QStringLiteral("dataset '%1': no such file or directory").arg(missing)});
}

TEST_F(DatasetLoaderTest, ListsTheBuiltinsForAnUnknownOne)
{
    expectMessageContains(inputErrorOf([] { loadDataset("builtin:mnist"); }),
                          {"builtin:mnist", "unknown built-in", "builtin:shapes"});
}

TEST_F(DatasetLoaderTest, RejectsAnEmptySpec)
{
    expectMessageContains(inputErrorOf([] { loadDataset("  "); }), {"no dataset given"});
}

TEST_F(DatasetLoaderTest, LoadsTheBuiltinShapes)
{
    const Dataset dataset = loadDataset("builtin:shapes");
    EXPECT_EQ(dataset.source, "builtin:shapes");
    EXPECT_EQ(dataset.train.count(), 12000);
    EXPECT_EQ(dataset.test.count(), 2000);
}

// Debian's dataset-fashion-mnist is installed by scripts/install-deps.sh, locally and in CI, so
// its absence is a broken set-up, not a reason to skip.
TEST_F(DatasetLoaderTest, DefaultsToTheInstalledFashionMnist)
{
    EXPECT_EQ(defaultDatasetSpec(), fashionMnist);
}

TEST_F(DatasetLoaderTest, LoadsTheRealFashionMnist)
{
    ASSERT_TRUE(QFileInfo(fashionMnist).isDir()) << "run scripts/install-deps.sh (package dataset-fashion-mnist)";
    QElapsedTimer timer;
    timer.start();
    const Dataset dataset = loadDataset(fashionMnist);
    const qint64 elapsed = timer.elapsed();
    std::cout << "[ timing   ] Fashion-MNIST loaded in " << elapsed << " ms\n";
    ::testing::Test::RecordProperty("fashion_mnist_load_ms", int(elapsed));

    EXPECT_EQ(dataset.name, "fashion-mnist");
    EXPECT_EQ(dataset.train.count(), 60000);
    EXPECT_EQ(dataset.test.count(), 10000);
    EXPECT_EQ(dataset.channels(), 1);
    EXPECT_EQ(dataset.height(), 28);
    EXPECT_EQ(dataset.width(), 28);
    ASSERT_EQ(dataset.train.labels.size(), 60000u);
    ASSERT_EQ(dataset.test.labels.size(), 10000u);
    for (const auto* labels : {&dataset.train.labels, &dataset.test.labels}) {
        const auto [lowest, highest] = std::minmax_element(labels->begin(), labels->end());
        EXPECT_EQ(*lowest, 0);
        EXPECT_EQ(*highest, 9);
    }
    EXPECT_EQ(std::count(dataset.train.labels.begin(), dataset.train.labels.end(), 3), 6000); // 6,000 per class
    EXPECT_EQ(dataset.train.labels.front(), 9); // the first training image is an ankle boot
    EXPECT_EQ(dataset.classNames.value(9), "Ankle boot");
}
