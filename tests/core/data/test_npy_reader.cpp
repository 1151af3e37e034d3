#include "core/data/NpyReader.h"

#include "tests/support/dataset_fixtures.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace vae;
using namespace vae::testing;

namespace {

class NpyReaderTest : public ::testing::Test {
protected:
    QString path(const QString& name) const { return directory.filePath(name); }

    template <typename T>
    QString write(const QString& name, const std::string& descr, const std::string& shape, const std::vector<T>& values,
                  bool fortranOrder = false, int majorVersion = 1)
    {
        writeFile(path(name),
                  npyFile(descr, shape, values.data(), values.size() * sizeof(T), fortranOrder, majorVersion));
        return path(name);
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(NpyReaderTest, ReadsUint8ImagesExactly)
{
    const Bytes pixels = patternPixels(3 * 4 * 5);
    const ImageSet images = readNpyImages(write("x.npy", "|u1", "(3, 4, 5)", pixels));
    EXPECT_EQ(images.count(), 3);
    EXPECT_EQ(images.channels, 1);
    EXPECT_EQ(images.height, 4);
    EXPECT_EQ(images.width, 5);
    EXPECT_EQ(images.pixels, pixels);
}

TEST_F(NpyReaderTest, AcceptsLittleEndianUint8AndLaterFormatVersions)
{
    const Bytes pixels = patternPixels(2 * 3 * 3);
    EXPECT_EQ(readNpyImages(write("le.npy", "<u1", "(2, 3, 3)", pixels)).pixels, pixels);
    EXPECT_EQ(readNpyImages(write("v2.npy", "|u1", "(2, 3, 3)", pixels, false, 2)).pixels, pixels);
    EXPECT_EQ(readNpyImages(write("v3.npy", "|u1", "(2, 3, 3)", pixels, false, 3)).pixels, pixels);
}

TEST_F(NpyReaderTest, ConvertsFloat32ToRoundedBytes)
{
    const Bytes expected = patternPixels(2 * 2 * 2);
    std::vector<float> values;
    for (std::uint8_t byte : expected)
        values.push_back(float(byte) / 255.0f);
    EXPECT_EQ(readNpyImages(write("f.npy", "<f4", "(2, 2, 2)", values)).pixels, expected);

    const std::vector<float> edges = {0.0f, 1.0f, 0.5f, 0.3f};
    EXPECT_EQ(readNpyImages(write("edges.npy", "<f4", "(1, 2, 2)", edges)).pixels, (Bytes{0, 255, 128, 77}));
}

TEST_F(NpyReaderTest, ConvertsFloat64ToRoundedBytes)
{
    const std::vector<double> values = {0.0, 1.0, 0.5, 2.0 / 255.0};
    EXPECT_EQ(readNpyImages(write("d.npy", "<f8", "(1, 2, 2)", values)).pixels, (Bytes{0, 255, 128, 2}));
}

TEST_F(NpyReaderTest, ReordersChannelsLastToChannelMajor)
{
    // Two 1x2 RGB images: pixel values encode image * 100 + pixel * 10 + channel.
    const Bytes interleaved = {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112};
    const ImageSet images = readNpyImages(write("rgb.npy", "|u1", "(2, 1, 2, 3)", interleaved));
    EXPECT_EQ(images.count(), 2);
    EXPECT_EQ(images.channels, 3);
    EXPECT_EQ(images.height, 1);
    EXPECT_EQ(images.width, 2);
    EXPECT_EQ(images.pixels, (Bytes{0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112}));
}

TEST_F(NpyReaderTest, AcceptsASingleTrailingChannel)
{
    const Bytes pixels = patternPixels(2 * 3 * 3);
    const ImageSet images = readNpyImages(write("grey.npy", "|u1", "(2, 3, 3, 1)", pixels));
    EXPECT_EQ(images.channels, 1);
    EXPECT_EQ(images.pixels, pixels);
}

TEST_F(NpyReaderTest, ReadsLabelsOfEveryIntegerType)
{
    const std::vector<std::int32_t> expected = {0, 7, 2, 300};
    EXPECT_EQ(readNpyLabels(write("i8.npy", "<i8", "(4,)", std::vector<std::int64_t>{0, 7, 2, 300})), expected);
    EXPECT_EQ(readNpyLabels(write("i4.npy", "<i4", "(4,)", std::vector<std::int32_t>{0, 7, 2, 300})), expected);
    EXPECT_EQ(readNpyLabels(write("i2.npy", "<i2", "(4,)", std::vector<std::int16_t>{0, 7, 2, 300})), expected);
    EXPECT_EQ(readNpyLabels(write("u2.npy", "<u2", "(4,)", std::vector<std::uint16_t>{0, 7, 2, 300})), expected);
    EXPECT_EQ(readNpyLabels(write("u1.npy", "|u1", "(3,)", Bytes{0, 7, 2})), (std::vector<std::int32_t>{0, 7, 2}));
    EXPECT_EQ(readNpyLabels(write("le-u1.npy", "<u1", "(3,)", Bytes{9, 8, 1})), (std::vector<std::int32_t>{9, 8, 1}));
    EXPECT_EQ(readNpyLabels(write("column.npy", "<i8", "(2, 1)", std::vector<std::int64_t>{4, 5})),
              (std::vector<std::int32_t>{4, 5}));
    EXPECT_EQ(readNpyLabels(write("big.npy", ">i4", "(1,)", Bytes{0, 0, 1, 2})), (std::vector<std::int32_t>{258}));
}

TEST_F(NpyReaderTest, RejectsFloatsOutsideTheUnitInterval)
{
    const QString file = write("x.npy", "<f4", "(1, 2, 2)", std::vector<float>{0.0f, 0.5f, 255.0f, 1.0f});
    expectMessageContains(inputErrorOf([&] { readNpyImages(file); }), {"x.npy", "255", "outside [0, 1]", "element 2"});
}

TEST_F(NpyReaderTest, RejectsNotANumber)
{
    const QString file =
        write("nan.npy", "<f4", "(1, 1, 2)", std::vector<float>{0.0f, std::numeric_limits<float>::quiet_NaN()});
    expectMessageContains(inputErrorOf([&] { readNpyImages(file); }), {"nan.npy", "outside [0, 1]"});
}

TEST_F(NpyReaderTest, RejectsFortranOrder)
{
    const QString file = write("f.npy", "|u1", "(1, 2, 2)", Bytes{1, 2, 3, 4}, true);
    expectMessageContains(inputErrorOf([&] { readNpyImages(file); }), {"f.npy", "fortran_order"});
}

TEST_F(NpyReaderTest, RejectsUnsupportedImageDtypes)
{
    const QString file = write("ints.npy", "<i4", "(1, 1, 2)", std::vector<std::int32_t>{1, 2});
    expectMessageContains(inputErrorOf([&] { readNpyImages(file); }), {"ints.npy", "unsupported image dtype '<i4'"});
    expectMessageContains(inputErrorOf([&] {
                              readNpyImages(write("complex.npy", "<c8", "(1, 1, 1)", std::vector<float>{0, 0}));
                          }),
                          {"complex.npy", "unsupported image dtype '<c8'"});
}

TEST_F(NpyReaderTest, RejectsFloatLabels)
{
    const QString file = write("y.npy", "<f4", "(2,)", std::vector<float>{0, 1});
    expectMessageContains(inputErrorOf([&] { readNpyLabels(file); }), {"y.npy", "unsupported label dtype '<f4'"});
}

TEST_F(NpyReaderTest, RejectsNegativeLabels)
{
    const QString file = write("y.npy", "<i8", "(2,)", std::vector<std::int64_t>{1, -3});
    expectMessageContains(inputErrorOf([&] { readNpyLabels(file); }), {"y.npy", "label -3 at index 1", "out of range"});
}

TEST_F(NpyReaderTest, RejectsUnsupportedShapes)
{
    const QString twoChannels = write("two.npy", "|u1", "(1, 1, 1, 2)", Bytes{1, 2});
    expectMessageContains(inputErrorOf([&] { readNpyImages(twoChannels); }),
                          {"two.npy", "unsupported image shape (1, 1, 1, 2)"});
    const QString flat = write("flat.npy", "|u1", "(4,)", Bytes{1, 2, 3, 4});
    expectMessageContains(inputErrorOf([&] { readNpyImages(flat); }), {"flat.npy", "unsupported image shape (4,)"});
}

TEST_F(NpyReaderTest, RejectsTruncatedData)
{
    const QString file = write("x.npy", "|u1", "(10, 28, 28)", patternPixels(100));
    expectMessageContains(inputErrorOf([&] { readNpyImages(file); }),
                          {"x.npy", "truncated", "(10, 28, 28)", "7840", "100"});
}

TEST_F(NpyReaderTest, RejectsFilesThatAreNotNpy)
{
    writeFile(path("x.npy"), {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
    expectMessageContains(inputErrorOf([&] { readNpyImages(path("x.npy")); }), {"x.npy", "not a .npy file"});
}

TEST_F(NpyReaderTest, RejectsAMalformedHeader)
{
    Bytes file = npyFile("|u1", "(1, 1, 1)", "a", 1);
    const std::string header(file.begin(), file.end());
    const std::size_t shapeKey = header.find("'shape'");
    file[shapeKey + 1] = 'S';
    writeFile(path("x.npy"), file);
    expectMessageContains(inputErrorOf([&] { readNpyImages(path("x.npy")); }),
                          {"x.npy", "malformed .npy header", "'shape'"});
}
