#include "core/data/ImageFolderReader.h"

#include "tests/support/dataset_fixtures.h"

#include <QColor>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace vae;
using namespace vae::testing;

namespace {

class ImageFolderReaderTest : public ::testing::Test {
protected:
    QString path(const QString& relative) const { return directory.filePath(relative); }

    void saveSolid(const QString& relative, QColor color, int width = 28, int height = 28, const char* format = "PNG")
    {
        QDir(directory.path()).mkpath(QFileInfo(path(relative)).path());
        QImage image(width, height, QImage::Format_RGB32);
        image.fill(color);
        ASSERT_TRUE(image.save(path(relative), format)) << relative.toStdString();
    }

    static QColor grey(int value) { return QColor(value, value, value); }

    static bool allEqual(const std::uint8_t* begin, int count, std::uint8_t value)
    {
        return std::all_of(begin, begin + count, [value](std::uint8_t pixel) { return pixel == value; });
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(ImageFolderReaderTest, LoadsClassesSortedByNameWithExactGreyValues)
{
    // 12 images: "b_class" sorts after "a_class" although its files are written first.
    for (int i = 0; i < 5; ++i)
        saveSolid(QStringLiteral("b_class/%1.png").arg(i), grey(100 + i));
    for (int i = 0; i < 7; ++i)
        saveSolid(QStringLiteral("a_class/%1.png").arg(i), grey(10 + i));

    const Dataset dataset = loadImageFolder(directory.path(), {});
    EXPECT_EQ(dataset.classNames, (QStringList{"a_class", "b_class"}));
    EXPECT_EQ(dataset.name, QDir(directory.path()).dirName());
    EXPECT_EQ(dataset.channels(), 1);
    EXPECT_EQ(dataset.height(), 28);
    EXPECT_EQ(dataset.width(), 28);
    ASSERT_EQ(dataset.train.count(), 11);
    ASSERT_EQ(dataset.test.count(), 1);

    // Sorted list: a_class/0..6 (indices 0..6), b_class/0..4 (indices 7..11); index 9 is b_class/2.
    EXPECT_TRUE(allEqual(dataset.test.image(0), 28 * 28, 102));
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{1}));
    EXPECT_EQ(dataset.train.labels, (std::vector<std::int32_t>{0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}));
    EXPECT_TRUE(allEqual(dataset.train.image(0), 28 * 28, 10));
    EXPECT_TRUE(allEqual(dataset.train.image(6), 28 * 28, 16));
    EXPECT_TRUE(allEqual(dataset.train.image(10), 28 * 28, 104));
}

TEST_F(ImageFolderReaderTest, LoadsRgbChannelMajorAndResizes)
{
    for (int i = 0; i < 10; ++i)
        saveSolid(QStringLiteral("only/%1.png").arg(i), QColor(10, 20, 30), 40, 20);

    DatasetOptions options;
    options.imageFolderColor = ColorMode::Rgb;
    options.imageFolderSize = 16;
    const Dataset dataset = loadImageFolder(directory.path(), options);
    EXPECT_EQ(dataset.channels(), 3);
    EXPECT_EQ(dataset.height(), 16);
    EXPECT_EQ(dataset.width(), 16);
    ASSERT_EQ(dataset.train.count(), 9);
    const std::uint8_t* image = dataset.train.image(0);
    EXPECT_TRUE(allEqual(image, 16 * 16, 10));
    EXPECT_TRUE(allEqual(image + 16 * 16, 16 * 16, 20));
    EXPECT_TRUE(allEqual(image + 2 * 16 * 16, 16 * 16, 30));
}

TEST_F(ImageFolderReaderTest, FindsJpegBmpAndNestedImages)
{
    for (int i = 0; i < 4; ++i)
        saveSolid(QStringLiteral("c/%1.bmp").arg(i), grey(50), 28, 28, "BMP");
    for (int i = 0; i < 4; ++i)
        saveSolid(QStringLiteral("c/deeper/%1.JPG").arg(i), grey(50), 28, 28, "JPG");
    for (int i = 0; i < 2; ++i)
        saveSolid(QStringLiteral("c/%1.jpeg").arg(i), grey(50), 28, 28, "JPG");
    const Dataset dataset = loadImageFolder(directory.path(), {});
    EXPECT_EQ(dataset.train.count() + dataset.test.count(), 10);
}

TEST_F(ImageFolderReaderTest, SkipsUndecodableFilesWithAWarningThatCountsAndNamesThem)
{
    for (int i = 0; i < 3; ++i)
        saveSolid(QStringLiteral("cls/%1.png").arg(i), grey(1));
    for (int i = 0; i < 5; ++i)
        writeFile(path(QStringLiteral("cls/broken%1.png").arg(i)), {'n', 'o', 't', ' ', 'a', ' ', 'p', 'n', 'g'});

    const Dataset dataset = loadImageFolder(directory.path(), {});
    EXPECT_EQ(dataset.train.count() + dataset.test.count(), 3);
    ASSERT_EQ(dataset.warnings.size(), 1);
    expectMessageContains(dataset.warnings.first().toStdString(),
                          {QDir::toNativeSeparators(directory.path()), "skipped 5 of 8 image files",
                           QDir::toNativeSeparators("cls/broken0.png ("), QDir::toNativeSeparators("cls/broken2.png"),
                           "and 2 more"});
    EXPECT_FALSE(dataset.warnings.first().contains("broken3.png"));
    EXPECT_TRUE(allEqual(dataset.train.image(0), 28 * 28, 1));
}

TEST_F(ImageFolderReaderTest, RefusesAFolderWhereNoImageDecodes)
{
    QDir(directory.path()).mkpath("cls");
    QDir(directory.path()).mkpath("other");
    writeFile(path("cls/broken.png"), {'n', 'o', 'p', 'e'});
    writeFile(path("other/broken.jpg"), {'n', 'o', 'p', 'e'});
    expectMessageContains(inputErrorOf([&] { loadImageFolder(directory.path(), {}); }),
                          {QDir::toNativeSeparators(directory.path()), "no readable image", "none of the 2",
                           QDir::toNativeSeparators("cls/broken.png")});
}

// Qt gives up on an image past its allocation limit with "Unable to read image data": the size
// says why (found while fuzzing fuzz_image by hand: a 62 kB PNG of 8000x8000 pixels).
TEST_F(ImageFolderReaderTest, NamesTheSizeOfAnImageTooLargeToDecode)
{
    saveSolid(QStringLiteral("cls/small.png"), grey(1));
    writeFile(path("cls/huge.png"), blackPng(8000, 8000));
    const Dataset dataset = loadImageFolder(directory.path(), {});
    ASSERT_EQ(dataset.warnings.size(), 1);
    expectMessageContains(dataset.warnings.first().toStdString(),
                          {"huge.png", "could not be decoded", "8000x8000 pixels", "MB one image may take decoded"});
}

// Column x of a 13x10 picture has grey value 10 * x, row y of a 10x13 one 10 * y. The centred 10x10
// square starts where torchvision's center_crop puts it: int(round(3 / 2.0)) = 2 (Python rounds
// half to even).
TEST_F(ImageFolderReaderTest, CropsTheCentredSquareAsTorchvisionDoes)
{
    QImage wideStripes(13, 10, QImage::Format_RGB32);
    QImage tallStripes(10, 13, QImage::Format_RGB32);
    for (int i = 0; i < 13; ++i)
        for (int j = 0; j < 10; ++j) {
            wideStripes.setPixelColor(i, j, grey(10 * i));
            tallStripes.setPixelColor(j, i, grey(10 * i));
        }
    QDir(directory.path()).mkpath("cls");
    ASSERT_TRUE(wideStripes.save(path("cls/wide.png")));
    ASSERT_TRUE(tallStripes.save(path("cls/tall.png")));

    DatasetOptions options;
    options.imageFolderSize = 10;
    const Dataset dataset = loadImageFolder(directory.path(), options);
    ASSERT_EQ(dataset.train.count(), 2);
    const std::uint8_t* tall = dataset.train.image(0); // sorted: tall.png, wide.png
    const std::uint8_t* wide = dataset.train.image(1);
    for (int x = 0; x < 10; ++x) {
        EXPECT_EQ(wide[x], 10 * (x + 2)) << "column " << x;
        EXPECT_EQ(tall[x * 10], 10 * (x + 2)) << "row " << x;
    }
}

TEST_F(ImageFolderReaderTest, CompositesTransparentPixelsOverTheBackground)
{
    QImage image(4, 4, QImage::Format_ARGB32);
    image.fill(QColor(0, 0, 0, 0));                    // fully transparent (black underneath, as often stored)
    image.setPixelColor(0, 0, QColor(255, 0, 0));      // opaque red
    image.setPixelColor(1, 0, QColor(0, 0, 255, 128)); // half-transparent blue
    QDir(directory.path()).mkpath("cls");
    ASSERT_TRUE(image.save(path("cls/sprite.png")));

    DatasetOptions options;
    options.imageFolderColor = ColorMode::Rgb;
    options.imageFolderSize = 4;
    const auto pixel = [](const Dataset& dataset, int x, int y) {
        const std::uint8_t* planes = dataset.train.image(0);
        return QColor(planes[y * 4 + x], planes[16 + y * 4 + x], planes[32 + y * 4 + x]);
    };
    const Dataset overWhite = loadImageFolder(directory.path(), options);
    EXPECT_EQ(pixel(overWhite, 3, 3), QColor(255, 255, 255));
    EXPECT_EQ(pixel(overWhite, 0, 0), QColor(255, 0, 0));
    const QColor blend = pixel(overWhite, 1, 0);
    EXPECT_NEAR(blend.red(), 127, 1);
    EXPECT_NEAR(blend.green(), 127, 1);
    EXPECT_EQ(blend.blue(), 255);

    options.imageFolderBackground = QColor(0, 64, 0);
    const Dataset overGreen = loadImageFolder(directory.path(), options);
    EXPECT_EQ(pixel(overGreen, 3, 3), QColor(0, 64, 0));
    EXPECT_EQ(pixel(overGreen, 0, 0), QColor(255, 0, 0));
}

TEST_F(ImageFolderReaderTest, ReportsProgressAndStopsWhenCancelled)
{
    for (int i = 0; i < 20; ++i)
        saveSolid(QStringLiteral("cls/%1.png").arg(i), grey(i));
    std::vector<std::pair<int, int>> reports;
    LoadProgress progress;
    progress.report = [&](int done, int total) { reports.emplace_back(done, total); };
    loadImageFolder(directory.path(), {}, progress);
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports.back(), std::make_pair(20, 20));
    EXPECT_TRUE(std::is_sorted(reports.begin(), reports.end()));

    progress.cancelRequested = [] { return true; };
    EXPECT_THROW(loadImageFolder(directory.path(), {}, progress), LoadCancelled);
}

TEST_F(ImageFolderReaderTest, RejectsAnEmptyClassFolder)
{
    saveSolid(QStringLiteral("full/0.png"), grey(1));
    QDir(directory.path()).mkpath(QStringLiteral("hollow"));
    expectMessageContains(inputErrorOf([&] { loadImageFolder(directory.path(), {}); }),
                          {"hollow", "empty class folder"});
}

TEST_F(ImageFolderReaderTest, RejectsAFolderWithoutClassFolders)
{
    expectMessageContains(inputErrorOf([&] { loadImageFolder(directory.path(), {}); }),
                          {QDir::toNativeSeparators(directory.path()), "no class folders"});
}

TEST_F(ImageFolderReaderTest, RecognisesOnlyFoldersWithImagesInSubfolders)
{
    EXPECT_FALSE(looksLikeImageFolder(directory.path()));
    saveSolid(QStringLiteral("top.png"), grey(1));
    EXPECT_FALSE(looksLikeImageFolder(directory.path()));
    saveSolid(QStringLiteral("cls/0.png"), grey(1));
    EXPECT_TRUE(looksLikeImageFolder(directory.path()));
}
