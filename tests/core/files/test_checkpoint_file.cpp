#include "core/files/CheckpointFile.h"

#include "tests/support/dataset_fixtures.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstring>

using namespace vae;
using namespace vae::testing;

namespace {

Bytes bytesOf(const char* text)
{
    return Bytes(text, text + std::strlen(text));
}

Bytes bigEndian64(std::uint64_t value)
{
    Bytes bytes;
    for (int shift = 56; shift >= 0; shift -= 8)
        bytes.push_back(std::uint8_t(value >> shift));
    return bytes;
}

class CheckpointFileTest : public ::testing::Test {
protected:
    QString write(const QString& name, const Bytes& bytes)
    {
        writeFile(directory.filePath(name), bytes);
        return directory.filePath(name);
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(CheckpointFileTest, ReadsBackWhatItWrote)
{
    CheckpointContents contents;
    contents.meta = QJsonObject{{QStringLiteral("engine_version"), 1}};
    contents.history.steps.push_back(StepMetrics{3, 1, -90.5, 80.0, 10.5});
    contents.tensors = QByteArray("tensors");
    contents.view = QJsonObject{{QStringLiteral("session"), QStringLiteral("s")}};
    writeCheckpointFile(directory.filePath(QStringLiteral("a.vae")), contents);
    const CheckpointContents read = readCheckpointFile(directory.filePath(QStringLiteral("a.vae")));
    EXPECT_EQ(read.meta, contents.meta);
    ASSERT_EQ(read.history.steps.size(), 1u);
    EXPECT_EQ(read.history.steps[0].step, 3);
    EXPECT_EQ(read.tensors, contents.tensors);
    EXPECT_EQ(read.view, contents.view);
}

// Found by fuzz_checkpoint: the history's messages named the file without its folder, unlike
// every other message about a file.
TEST_F(CheckpointFileTest, ACorruptHistoryIsRejectedWithTheWholePath)
{
    const QString path =
        write(QStringLiteral("history.vae"), checkpointFile(bytesOf("{}"), bigEndian64(1ull << 40), {}, bytesOf("{}")));
    expectMessageContains(inputErrorOf([&] { readCheckpointFile(path); }),
                          {QDir::toNativeSeparators(path) + QStringLiteral(": corrupt history")});
}
