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

TEST_F(ImageFolderReaderTest, NamesAnUnreadableImage)
{
    for (int i = 0; i < 3; ++i)
        saveSolid(QStringLiteral("cls/%1.png").arg(i), grey(1));
    writeFile(path("cls/broken.png"), {'n', 'o', 't', ' ', 'a', ' ', 'p', 'n', 'g'});
    expectMessageContains(inputErrorOf([&] { loadImageFolder(directory.path(), {}); }),
                          {"broken.png", "unreadable image"});
}

// Qt gives up on an image past its allocation limit with "Unable to read image data": the size
// says why (found while fuzzing fuzz_image by hand: a 62 kB PNG of 8000x8000 pixels).
TEST_F(ImageFolderReaderTest, NamesTheSizeOfAnImageTooLargeToDecode)
{
    saveSolid(QStringLiteral("cls/small.png"), grey(1));
    writeFile(path("cls/huge.png"), blackPng(8000, 8000));
    expectMessageContains(inputErrorOf([&] { loadImageFolder(directory.path(), {}); }),
                          {"huge.png", "unreadable image", "8000x8000 pixels", "MB one image may take decoded"});
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
