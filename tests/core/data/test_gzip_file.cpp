#include "core/data/GzipFile.h"

#include "tests/support/dataset_fixtures.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace vae;
using namespace vae::testing;

namespace {

class GzipFileTest : public ::testing::Test {
protected:
    QString path(const QString& name) const { return directory.filePath(name); }
    QTemporaryDir directory;
};

} // namespace

TEST_F(GzipFileTest, ReturnsAPlainFileUnchanged)
{
    const Bytes content = patternPixels(1000);
    writeFile(path("plain.bin"), content);
    EXPECT_EQ(readPossiblyGzippedFile(path("plain.bin")), content);
}

TEST_F(GzipFileTest, InflatesAGzippedFile)
{
    const Bytes content = patternPixels(3'000'000);
    writeFile(path("data.gz"), gzipped(content));
    EXPECT_EQ(readPossiblyGzippedFile(path("data.gz")), content);
}

TEST_F(GzipFileTest, JoinsConcatenatedGzipMembers)
{
    const Bytes first = patternPixels(5000);
    const Bytes second(300, 42);
    Bytes both = gzipped(first);
    const Bytes secondMember = gzipped(second);
    both.insert(both.end(), secondMember.begin(), secondMember.end());
    writeFile(path("two.gz"), both);

    Bytes expected = first;
    expected.insert(expected.end(), second.begin(), second.end());
    EXPECT_EQ(readPossiblyGzippedFile(path("two.gz")), expected);
}

TEST_F(GzipFileTest, ReadsAnEmptyFile)
{
    writeFile(path("empty"), {});
    EXPECT_TRUE(readPossiblyGzippedFile(path("empty")).empty());
}

TEST_F(GzipFileTest, RejectsATruncatedGzipStream)
{
    const Bytes compressed = gzipped(patternPixels(100'000));
    writeFile(path("cut.gz"), Bytes(compressed.begin(), compressed.begin() + std::ptrdiff_t(compressed.size() / 2)));
    expectMessageContains(inputErrorOf([&] { readPossiblyGzippedFile(path("cut.gz")); }), {"cut.gz", "truncated"});
}

TEST_F(GzipFileTest, RejectsCorruptGzipData)
{
    Bytes compressed = gzipped(patternPixels(100'000));
    for (std::size_t i = 20; i < 60; ++i)
        compressed[i] = 0xff;
    writeFile(path("corrupt.gz"), compressed);
    expectMessageContains(inputErrorOf([&] { readPossiblyGzippedFile(path("corrupt.gz")); }),
                          {"corrupt.gz", "corrupt gzip"});
}

TEST_F(GzipFileTest, NamesAFileThatCannotBeOpened)
{
    expectMessageContains(inputErrorOf([&] { readPossiblyGzippedFile(path("missing.gz")); }),
                          {"missing.gz", "cannot open"});
}
