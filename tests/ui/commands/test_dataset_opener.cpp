#include "tests/support/tiny_fixture.h"

#include "ui/commands/DatasetOpener.h"
#include "ui/commands/ImageFolderDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

namespace vae {
namespace {

using testing::waitUntil;

// A folder of `count` 6x4 colour pictures in two classes, and one file that is no picture.
class ImageFolderOpening : public ::testing::Test {
protected:
    void writePictures(int count)
    {
        for (int i = 0; i < count; ++i) {
            const QString folder = directory.filePath(i % 2 ? QStringLiteral("odd") : QStringLiteral("even"));
            QDir().mkpath(folder);
            QImage image(6, 4, QImage::Format_RGB32);
            image.fill(QColor(i % 256, 40, 200));
            ASSERT_TRUE(image.save(QStringLiteral("%1/%2.png").arg(folder).arg(i)));
        }
        QFile broken(directory.filePath(QStringLiteral("odd/broken.png")));
        ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
        broken.write("no picture");
    }

    QTemporaryDir directory;
};

} // namespace

TEST_F(ImageFolderOpening, LoadsWithTheOptionsGivenAndKeepsItsWarnings)
{
    writePictures(40);
    DatasetOpener opener;
    QSignalSpy opened(&opener, &DatasetOpener::opened);
    DatasetOptions options;
    options.imageFolderColor = ColorMode::Rgb;
    options.imageFolderSize = 8;
    opener.open(directory.path(), options);
    ASSERT_TRUE(waitUntil([&] { return !opened.isEmpty(); }));
    const auto dataset = opened.first().at(1).value<std::shared_ptr<const Dataset>>();
    EXPECT_EQ(dataset->channels(), 3);
    EXPECT_EQ(dataset->height(), 8);
    EXPECT_EQ(dataset->options, options);
    ASSERT_EQ(dataset->warnings.size(), 1);
    EXPECT_TRUE(dataset->warnings.first().contains(QStringLiteral("broken.png")));
    EXPECT_FALSE(opener.isLoading());
}

// Cancelled right after it starts: 400 files take the pool thread far longer than the next line.
TEST_F(ImageFolderOpening, ACancelledLoadSaysSoAndOpensNothing)
{
    writePictures(400);
    DatasetOpener opener;
    QSignalSpy opened(&opener, &DatasetOpener::opened);
    QSignalSpy failed(&opener, &DatasetOpener::failed);
    QSignalSpy cancelled(&opener, &DatasetOpener::cancelled);
    opener.open(directory.path());
    opener.cancel();
    ASSERT_TRUE(waitUntil([&] { return !cancelled.isEmpty(); }));
    EXPECT_EQ(cancelled.first().at(0).toString(), directory.path());
    EXPECT_TRUE(opened.isEmpty());
    EXPECT_TRUE(failed.isEmpty());
    EXPECT_FALSE(opener.isLoading());
}

TEST_F(ImageFolderOpening, AnImageFolderAsksHowToReadIt)
{
    writePictures(4);
    QTimer::singleShot(0, [] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        dialog->findChild<QComboBox*>()->setCurrentIndex(1);
        dialog->findChild<QSpinBox*>()->setValue(48);
        dialog->accept();
    });
    const std::optional<DatasetOptions> chosen = chooseDatasetOptions(nullptr, directory.path());
    ASSERT_TRUE(chosen.has_value());
    EXPECT_EQ(chosen->imageFolderColor, ColorMode::Rgb);
    EXPECT_EQ(chosen->imageFolderSize, 48);

    QTimer::singleShot(0, [] { qobject_cast<QDialog*>(QApplication::activeModalWidget())->reject(); });
    EXPECT_FALSE(chooseDatasetOptions(nullptr, directory.path()).has_value());

    // Anything else opens without a question (a dialog here would wait for ever).
    EXPECT_TRUE(chooseDatasetOptions(nullptr, QStringLiteral("builtin:shapes")).has_value());
}

} // namespace vae
