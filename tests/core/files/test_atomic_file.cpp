#include "core/files/AtomicFile.h"
#include "core/files/CheckpointFile.h"
#include "core/files/GifWriter.h"
#include "core/files/ImageFile.h"
#include "core/files/MetricsCsv.h"
#include "core/files/NpyWriter.h"

#include "tests/support/file_size_limit.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

using namespace vae;
using namespace vae::testing;

namespace {

constexpr std::uint64_t limitBytes = 1000;
const QByteArray previousContents("the previous file");

QImage noise(int size, int seed)
{
    QImage image(size, size, QImage::Format_Grayscale8);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            image.scanLine(y)[x] = uchar((x * 131 + y * 71 + seed * 37 + x * y * 13) % 251);
    return image;
}

MetricHistory longHistory()
{
    MetricHistory history;
    for (int i = 1; i <= 100; ++i) {
        history.steps.push_back(StepMetrics{i, 0, -100.125f, 90.5f, 9.625f});
        history.epochs.push_back(EpochMetrics{i, i, -100.125, 90.5, 9.625, -101.25, 91.5, 9.75, 1234.5, 0.5});
    }
    return history;
}

class AtomicFileTest : public ::testing::Test {
protected:
    QString path(const QString& name) const { return directory.filePath(name); }

    // Writes the previous file, then runs `write` over it under the size limit: it must fail
    // with the file's name and the reason in words, and leave the previous file as it was.
    void expectFileTooLargeKeepsPrevious(const QString& name, const std::function<void(const QString&)>& write)
    {
        SCOPED_TRACE(name.toStdString());
        const QString target = path(name);
        {
            QFile file(target);
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            file.write(previousContents);
        }
        std::string message;
        {
            const FileSizeLimit limit(limitBytes);
            try {
                write(target);
                ADD_FAILURE() << "the write did not fail";
            } catch (const std::runtime_error& error) {
                message = error.what();
            }
        }
        EXPECT_EQ(message, QStringLiteral("%1: cannot write: file too large").arg(target).toStdString());
        QFile file(target);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        EXPECT_EQ(file.readAll(), previousContents);
        EXPECT_EQ(QDir(directory.path()).entryList(QDir::Files | QDir::Hidden), QStringList{name})
            << "a partial file was left behind";
        QFile::remove(target);
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(AtomicFileTest, WritesAndReplacesAFile)
{
    writeFileAtomically(path(QStringLiteral("a.bin")), QByteArray("first"));
    writeFileAtomically(path(QStringLiteral("a.bin")), QByteArray("second"));
    QFile file(path(QStringLiteral("a.bin")));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("second"));
}

TEST_F(AtomicFileTest, AMissingFolderIsNamedInWords)
{
    const QString target = path(QStringLiteral("no/such/folder/a.bin"));
    try {
        writeFileAtomically(target, QByteArray("x"));
        FAIL() << "the write did not fail";
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()),
                  QStringLiteral("%1: cannot write: no such file or directory").arg(target).toStdString());
    }
}

// A full disk or a file size limit used to read "cannot write: Unknown error" (QSaveFile keeps no
// error for a short write).
TEST_F(AtomicFileTest, EveryWriterSaysFileTooLargeAndKeepsThePreviousFile)
{
    expectFileTooLargeKeepsPrevious(QStringLiteral("bytes.bin"), [](const QString& target) {
        writeFileAtomically(target, QByteArray(int(limitBytes) * 4, 'x'));
    });
    expectFileTooLargeKeepsPrevious(QStringLiteral("codes.npy"), [](const QString& target) {
        writeFileAtomically(target, npyBytes(std::vector<float>(1000, 0.5f), {1000}));
    });
    expectFileTooLargeKeepsPrevious(QStringLiteral("metrics.csv"),
                                    [](const QString& target) { writeEpochsCsv(target, longHistory()); });
    expectFileTooLargeKeepsPrevious(QStringLiteral("steps.csv"),
                                    [](const QString& target) { writeStepsCsv(target, longHistory()); });
    expectFileTooLargeKeepsPrevious(QStringLiteral("grid.png"),
                                    [](const QString& target) { saveImage(noise(64, 1), target); });
    expectFileTooLargeKeepsPrevious(QStringLiteral("path.gif"), [](const QString& target) {
        writeAnimatedGif(target, {noise(32, 1), noise(32, 2), noise(32, 3)}, 10);
    });
    expectFileTooLargeKeepsPrevious(QStringLiteral("model.vae"), [](const QString& target) {
        CheckpointContents contents;
        contents.history = longHistory();
        contents.tensors = QByteArray(4000, 't');
        writeCheckpointFile(target, contents);
    });
}
