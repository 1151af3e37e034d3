#include "core/data/CifarDirectory.h"
#include "core/data/DatasetLoader.h"

#include "tests/support/dataset_fixtures.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using namespace vae;
using namespace vae::testing;

namespace {

constexpr std::size_t cifarImageBytes = 3 * 32 * 32;

// Record i: its labels, then pixels (i + j) % 256 for byte j, so each image is recognisable.
Bytes cifarRecords(const std::vector<Bytes>& labels)
{
    Bytes file;
    for (std::size_t record = 0; record < labels.size(); ++record) {
        file.insert(file.end(), labels[record].begin(), labels[record].end());
        for (std::size_t j = 0; j < cifarImageBytes; ++j)
            file.push_back(std::uint8_t((record + j) % 256));
    }
    return file;
}

Bytes textFile(const char* text)
{
    return Bytes(text, text + std::strlen(text));
}

class CifarDirectoryTest : public ::testing::Test {
protected:
    QString file(const QString& name) const { return directory.filePath(name); }

    // CIFAR-10's layout with `perBatch` images in each of the five training batches and the test
    // batch; labels (batch + record) % 10.
    void writeCifar10(int perBatch)
    {
        for (int batch = 1; batch <= 6; ++batch) {
            std::vector<Bytes> labels;
            for (int record = 0; record < perBatch; ++record)
                labels.push_back({std::uint8_t((batch + record) % 10)});
            writeFile(
                file(batch == 6 ? QStringLiteral("test_batch.bin") : QStringLiteral("data_batch_%1.bin").arg(batch)),
                cifarRecords(labels));
        }
        writeFile(file("batches.meta.txt"),
                  textFile("airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\n"
                           "truck\n\n"));
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(CifarDirectoryTest, LoadsCifar10WithItsSplitAndClassNames)
{
    writeCifar10(3);
    ASSERT_TRUE(containsCifarBatches(directory.path()));
    const Dataset dataset = loadDataset(directory.path());
    EXPECT_EQ(dataset.name, "cifar-10");
    EXPECT_EQ(dataset.channels(), 3);
    EXPECT_EQ(dataset.height(), 32);
    EXPECT_EQ(dataset.width(), 32);
    ASSERT_EQ(dataset.train.count(), 15);
    ASSERT_EQ(dataset.test.count(), 3);
    EXPECT_EQ(dataset.classNames.size(), 10);
    EXPECT_EQ(dataset.classNames.first(), "airplane");
    EXPECT_EQ(dataset.classNames.last(), "truck");
    EXPECT_EQ(dataset.train.labels, (std::vector<std::int32_t>{1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6, 5, 6, 7}));
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{6, 7, 8}));
    // Record 1 of a batch: byte j of its image is (1 + j) % 256, channel-major as stored.
    const std::uint8_t* image = dataset.train.image(4);
    for (std::size_t j : {std::size_t(0), std::size_t(1023), std::size_t(1024), std::size_t(3071)})
        EXPECT_EQ(image[j], (1 + j) % 256) << "byte " << j;
}

TEST_F(CifarDirectoryTest, LoadsCifar100WithItsFineLabels)
{
    writeFile(file("train.bin"), cifarRecords({{1, 42}, {19, 99}, {0, 0}}));
    writeFile(file("test.bin"), cifarRecords({{7, 5}}));
    std::string names;
    for (int i = 0; i < 100; ++i)
        names += "class" + std::to_string(i) + "\n";
    writeFile(file("fine_label_names.txt"), textFile(names.c_str()));

    const Dataset dataset = loadDataset(directory.path());
    EXPECT_EQ(dataset.name, "cifar-100");
    EXPECT_EQ(dataset.train.labels, (std::vector<std::int32_t>{42, 99, 0}));
    EXPECT_EQ(dataset.test.labels, (std::vector<std::int32_t>{5}));
    EXPECT_EQ(dataset.classNames.size(), 100);
    EXPECT_EQ(dataset.className(42), "class42");
    EXPECT_EQ(dataset.test.image(0)[0], 0);
    EXPECT_EQ(dataset.train.image(2)[0], 2);
}

TEST_F(CifarDirectoryTest, RefusesATruncatedBatch)
{
    writeCifar10(2);
    truncateFile(file("data_batch_3.bin"), 3073 + 100);
    expectMessageContains(inputErrorOf([&] { loadDataset(directory.path()); }),
                          {QDir::toNativeSeparators(file("data_batch_3.bin")), "not a cifar-10 binary batch",
                           "3173 bytes", "3073-byte records"});
}

TEST_F(CifarDirectoryTest, RefusesCifar100BatchesGivenAsCifar10)
{
    writeCifar10(1);
    writeFile(file("test_batch.bin"), cifarRecords({{3, 200}}));
    // 3074-byte records read as 3073-byte ones do not divide; a label past 9 is caught first here.
    writeFile(file("data_batch_1.bin"), Bytes(3073, 42));
    expectMessageContains(
        inputErrorOf([&] { loadDataset(directory.path()); }),
        {QDir::toNativeSeparators(file("data_batch_1.bin")), "label 42 of record 0", "out of range 0..9"});
}

TEST_F(CifarDirectoryTest, RefusesAClassNameFileOfTheWrongLength)
{
    writeCifar10(1);
    writeFile(file("batches.meta.txt"), textFile("cat\ndog\n"));
    expectMessageContains(inputErrorOf([&] { loadDataset(directory.path()); }),
                          {QDir::toNativeSeparators(file("batches.meta.txt")), "2 class names where cifar-10 has 10"});
}
