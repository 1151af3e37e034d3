#include "tests/support/dataset_fixtures.h"
#include "tests/support/python_check.h"
#include "tests/support/trained_model_fixture.h"

#include "core/decode/LatentCodes.h"
#include "core/engine/Trainer.h"
#include "core/files/AtomicFile.h"
#include "core/files/CheckpointFile.h"
#include "core/files/NpyWriter.h"
#include "core/latent/LatentGeometry.h"
#include "core/latent/LatentSampling.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <sys/stat.h>

#include <sys/resource.h>

namespace {

using vae::testing::decodedDirectly;
using vae::testing::largestPixelDifference;
using vae::testing::runPython;
using vae::testing::shapesDataset;
using vae::testing::trainedModel;

constexpr int side = 28; // the shapes' images

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

const QStringList quickTraining{QStringLiteral("--dataset"), QStringLiteral("builtin:shapes"),
                                QStringLiteral("--hidden"),  QStringLiteral("32"),
                                QStringLiteral("--batch"),   QStringLiteral("200"),
                                QStringLiteral("--threads"), QStringLiteral("1")};

Result runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.start(program, arguments);
    EXPECT_TRUE(process.waitForFinished(timeoutMs)) << arguments.join(' ').toStdString();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

Result run(const QStringList& arguments, int timeoutMs = 120000)
{
    return runProgram(QStringLiteral(VAE_EXPLORER_EXECUTABLE), arguments, timeoutMs);
}

// A bad input: exit 2 and one line on stderr that names the culprit and the problem.
void expectBadInput(const QStringList& arguments, const QStringList& mentions)
{
    const Result result = run(arguments);
    EXPECT_EQ(result.exitCode, 2) << result.err.toStdString();
    EXPECT_EQ(result.err.trimmed().count(QLatin1Char('\n')), 0) << result.err.toStdString();
    for (const QString& mention : mentions)
        EXPECT_TRUE(result.err.contains(mention))
            << "'" << mention.toStdString() << "' not in: " << result.err.toStdString();
}

QStringList linesOf(const QString& file)
{
    QFile opened(file);
    EXPECT_TRUE(opened.open(QIODevice::ReadOnly)) << file.toStdString();
    return QString::fromUtf8(opened.readAll()).trimmed().split(QLatin1Char('\n'));
}

// The model a checkpoint holds, to decode from directly.
vae::SnapshotPtr modelIn(const QString& checkpoint)
{
    return vae::Trainer::fromCheckpoint(checkpoint, shapesDataset())->snapshot();
}

std::vector<float> encodedTestImage(const vae::ModelSnapshot& model, int index)
{
    std::vector<float> means, logVariances;
    model.encode(shapesDataset()->test.image(index), 1, means, logVariances);
    return means;
}

// The `index`-th of the latent points laid out one after the other.
std::vector<float> pointAt(const std::vector<float>& points, int index, int latentDim)
{
    return {points.begin() + index * latentDim, points.begin() + (index + 1) * latentDim};
}

// The cell at (row, column) of a picture of cells `scale` times the image's side, `gap` pixels
// apart and from the edges, scaled back down to the image's own pixels.
QImage cellOf(const QImage& tiled, int row, int column, int scale, int gap)
{
    const int x = gap + column * (side * scale + gap);
    const int y = gap + row * (side * scale + gap);
    return tiled.copy(x, y, side * scale, side * scale)
        .scaled(side, side, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

// The size of the largest file the process has open in `folder` as a save's temporary: QSaveFile
// writes into an unnamed file (O_TMPFILE, "#inode" here) where it can, else into model.vae.XXXXXX,
// and puts it in place of the target when it commits.
std::int64_t largestTemporaryFileOpen(pid_t pid, const std::filesystem::path& folder)
{
    const std::string unnamed = (folder / "#").string();
    const std::string named = (folder / "model.vae.").string();
    std::int64_t largest = -1;
    // The process may end, and descriptors close, while this looks: errors end the look or skip.
    std::error_code listing;
    for (auto descriptor = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", listing);
         !listing && descriptor != std::filesystem::directory_iterator(); descriptor.increment(listing)) {
        std::error_code unreadable;
        const std::string target = std::filesystem::read_symlink(descriptor->path(), unreadable).string();
        const bool temporary = target.rfind(unnamed, 0) == 0 || target.rfind(named, 0) == 0;
        struct stat status { };
        if (!unreadable && temporary && ::stat(descriptor->path().c_str(), &status) == 0)
            largest = std::max<std::int64_t>(largest, status.st_size);
    }
    return largest;
}

enum class Kill { DuringASave, AfterTheSave, NoSaveSeen };

// Watches the process in a tight loop and kills it while it writes a checkpoint over an earlier
// one; then tells whether the kill landed before that save was committed, i.e. model.vae is still
// the same file (a save never writes into it, it replaces it).
Kill killDuringALaterSave(QProcess& process, const std::filesystem::path& folder)
{
    // Far above metrics.csv and steps.csv, well below the checkpoint of a 784-400-2 model (7 MB).
    constexpr std::int64_t checkpointBytes = 1 << 20;
    const pid_t pid = pid_t(process.processId());
    const std::filesystem::path checkpoint = folder / "model.vae";
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < giveUp) {
        struct stat before { };
        if (::stat(checkpoint.c_str(), &before) == 0 &&
            largestTemporaryFileOpen(pid, std::filesystem::canonical(folder)) > checkpointBytes) {
            ::kill(pid, SIGKILL);
            EXPECT_TRUE(process.waitForFinished(60000));
            struct stat after { };
            const bool replaced = ::stat(checkpoint.c_str(), &after) != 0 || after.st_ino != before.st_ino;
            return replaced ? Kill::AfterTheSave : Kill::DuringASave;
        }
        if (process.state() != QProcess::Running || process.waitForFinished(0))
            return Kill::NoSaveSeen;
    }
    return Kill::NoSaveSeen;
}

class CommandLine : public ::testing::Test {
protected:
    QString path(const QString& name) const { return directory.filePath(name); }
    QTemporaryDir directory;
};

TEST_F(CommandLine, BadInputsExitWithCode2AndNameTheProblem)
{
    expectBadInput({QStringLiteral("train"), QStringLiteral("--dataset"), path(QStringLiteral("nowhere")),
                    QStringLiteral("--out"), path(QStringLiteral("o"))},
                   {path(QStringLiteral("nowhere")), QStringLiteral("no such file")});
    QFile truncated(path(QStringLiteral("train-images-idx3-ubyte")));
    ASSERT_TRUE(truncated.open(QIODevice::WriteOnly));
    truncated.write(QByteArray::fromHex("00000803000000640000001c0000001c") + QByteArray(100, '\x7f'));
    truncated.close();
    expectBadInput({QStringLiteral("train"), QStringLiteral("--dataset"), truncated.fileName(), QStringLiteral("--out"),
                    path(QStringLiteral("o"))},
                   {QStringLiteral("train-images-idx3-ubyte"), QStringLiteral("truncated")});
    expectBadInput(QStringList{QStringLiteral("train")} + quickTraining +
                       QStringList{QStringLiteral("--latent"), QStringLiteral("0"), QStringLiteral("--out"),
                                   path(QStringLiteral("o"))},
                   {QStringLiteral("--latent: latent size 0 is out of range: 1 to 512")});
    expectBadInput(QStringList{QStringLiteral("train")} + quickTraining +
                       QStringList{QStringLiteral("--arch"), QStringLiteral("rnn"), QStringLiteral("--out"),
                                   path(QStringLiteral("o"))},
                   {QStringLiteral("--arch: architecture 'rnn' is not one of mlp|conv")});
    expectBadInput(QStringList{QStringLiteral("train")} + quickTraining +
                       QStringList{QStringLiteral("--lr"), QStringLiteral("50"), QStringLiteral("--out"),
                                   path(QStringLiteral("o"))},
                   {QStringLiteral("--lr: learning rate 50 is out of range: greater than 0, at most 10")});
    expectBadInput(QStringList{QStringLiteral("train")} + quickTraining +
                       QStringList{QStringLiteral("--seed"), QStringLiteral("soon"), QStringLiteral("--out"),
                                   path(QStringLiteral("o"))},
                   {QStringLiteral("--seed: seed 'soon' is not a whole number from 0")});
    expectBadInput(QStringList{QStringLiteral("train")} + quickTraining +
                       QStringList{QStringLiteral("--lr"), QStringLiteral("fast"), QStringLiteral("--out"),
                                   path(QStringLiteral("o"))},
                   {QStringLiteral("--lr"), QStringLiteral("fast")});
    expectBadInput({QStringLiteral("train"), QStringLiteral("--bogus")}, {QStringLiteral("bogus")});
    QFile foreign(path(QStringLiteral("foreign.vae")));
    ASSERT_TRUE(foreign.open(QIODevice::WriteOnly));
    foreign.write("not a checkpoint at all");
    foreign.close();
    expectBadInput({QStringLiteral("eval"), foreign.fileName()},
                   {QStringLiteral("foreign.vae"), QStringLiteral("not a vae-explorer checkpoint")});
    expectBadInput({QStringLiteral("export"), path(QStringLiteral("missing.vae")), QStringLiteral("--weights"),
                    path(QStringLiteral("w.pt"))},
                   {QStringLiteral("missing.vae"), QStringLiteral("no such file")});
}

TEST_F(CommandLine, HelpNamesEveryExport)
{
    for (const QStringList& arguments :
         {QStringList{QStringLiteral("--help")}, QStringList{QStringLiteral("export"), QStringLiteral("--help")}}) {
        const Result help = run(arguments);
        EXPECT_EQ(help.exitCode, 0) << help.err.toStdString();
        for (const char* kind : {"grid", "point", "interpolate", "prior", "traversals", "codes", "weights"})
            EXPECT_TRUE(help.out.contains(QStringLiteral("--") + QLatin1String(kind)))
                << "'" << arguments.join(' ').toStdString() << "' does not name --" << kind << ":\n"
                << help.out.toStdString();
    }
}

TEST_F(CommandLine, TrainWritesCurvesAndACheckpointThatEvalAndExportRead)
{
    const QString out = path(QStringLiteral("run"));
    const Result trained =
        run(QStringList{QStringLiteral("train")} + quickTraining +
            QStringList{QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--out"), out});
    ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();

    const QString metrics = out + QStringLiteral("/metrics.csv");
    const QStringList rows = linesOf(metrics);
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(
        rows[0],
        QStringLiteral("epoch,step,elbo,reconstruction,kl,test_elbo,test_reconstruction,test_kl,images_per_s,seconds"));
    const QStringList last = rows[2].split(QLatin1Char(','));
    ASSERT_EQ(last.size(), 10);
    EXPECT_EQ(last[0], QStringLiteral("2"));
    EXPECT_EQ(last[1], QStringLiteral("120")); // 12,000 shapes in batches of 200, twice

    const QString stepsCsv = out + QStringLiteral("/steps.csv");
    const QStringList steps = linesOf(stepsCsv);
    EXPECT_EQ(steps.size(), 121);

    // eval scores the saved model afresh: the same figures as the last epoch's test columns.
    const Result evaluated =
        run({QStringLiteral("eval"), out + QStringLiteral("/model.vae"), QStringLiteral("--json")});
    ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(evaluated.out.toUtf8()).object();
    const double elbo = json.value(QStringLiteral("elbo")).toDouble();
    EXPECT_NEAR(elbo, last[5].toDouble(), 1e-3);
    EXPECT_NEAR(json.value(QStringLiteral("reconstruction")).toDouble(), last[6].toDouble(), 1e-3);
    EXPECT_NEAR(json.value(QStringLiteral("kl")).toDouble(), last[7].toDouble(), 1e-3);
    EXPECT_NEAR(json.value(QStringLiteral("bits_per_dim")).toDouble(), -elbo / (28 * 28 * std::log(2.0)), 1e-6);
    EXPECT_EQ(json.value(QStringLiteral("images")).toInt(), 2000);

    const Result exported = run({QStringLiteral("export"), out + QStringLiteral("/model.vae"),
                                 QStringLiteral("--weights"), path(QStringLiteral("w.pt"))});
    EXPECT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_EQ(runPython(QStringLiteral("import sys, torch\n"
                                       "w = torch.load(sys.argv[1])\n"
                                       "print(len(w), tuple(w['encoder.0.weight'].shape))"),
                        {path(QStringLiteral("w.pt"))}),
              QStringLiteral("10 (32, 784)"));

    const Result resumed = run({QStringLiteral("train"), QStringLiteral("--resume"), out + QStringLiteral("/model.vae"),
                                QStringLiteral("--epochs"), QStringLiteral("3"), QStringLiteral("--out"), out});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err.toStdString();
    // One more epoch, numbered on from the stored ones, after the rows already written.
    const QStringList resumedRows = linesOf(metrics);
    ASSERT_EQ(resumedRows.size(), 4);
    EXPECT_EQ(resumedRows.mid(0, 3), rows);
    const QStringList third = resumedRows[3].split(QLatin1Char(','));
    ASSERT_EQ(third.size(), 10);
    EXPECT_EQ(third[0], QStringLiteral("3"));
    EXPECT_EQ(third[1], QStringLiteral("180"));
    const QStringList resumedSteps = linesOf(stepsCsv);
    ASSERT_EQ(resumedSteps.size(), 181);
    EXPECT_EQ(resumedSteps.mid(0, 121), steps);
    EXPECT_TRUE(resumedSteps[121].startsWith(QStringLiteral("121,2,"))) << resumedSteps[121].toStdString();
    EXPECT_TRUE(resumedSteps[180].startsWith(QStringLiteral("180,2,"))) << resumedSteps[180].toStdString();
}

TEST_F(CommandLine, InterruptSavesAndExits130)
{
    const QString out = path(QStringLiteral("interrupted"));
    QProcess process;
    process.setReadChannel(QProcess::StandardError);
    process.start(QStringLiteral(VAE_EXPLORER_EXECUTABLE),
                  QStringList{QStringLiteral("train")} + quickTraining +
                      QStringList{QStringLiteral("--epochs"), QStringLiteral("1000"), QStringLiteral("--out"), out});
    ASSERT_TRUE(process.waitForStarted());
    // Interrupted once the first epoch has been reported, in the middle of training.
    QByteArray errors;
    while (!errors.contains("epoch 1/1000") && process.waitForReadyRead(60000))
        errors += process.readAll();
    ASSERT_TRUE(errors.contains("epoch 1/1000")) << errors.toStdString();
    ::kill(pid_t(process.processId()), SIGINT);
    ASSERT_TRUE(process.waitForFinished(60000));
    errors += process.readAll();
    EXPECT_EQ(process.exitCode(), 130) << errors.toStdString();
    const QRegularExpressionMatch interrupted =
        QRegularExpression(QStringLiteral("interrupted after step (\\d+)")).match(QString::fromUtf8(errors));
    ASSERT_TRUE(interrupted.hasMatch()) << errors.toStdString();
    const int stoppedAt = interrupted.captured(1).toInt();
    EXPECT_GE(stoppedAt, 60);
    // The checkpoint holds the run up to the step the interrupt stopped it at.
    const vae::CheckpointContents saved = vae::readCheckpointFile(out + QStringLiteral("/model.vae"));
    EXPECT_EQ(saved.history.steps.size(), std::size_t(stoppedAt));
}

TEST_F(CommandLine, ACheckpointSurvivesAKillDuringALaterSave)
{
    const QString out = path(QStringLiteral("killed"));
    const QString checkpoint = out + QStringLiteral("/model.vae");
    // A wider model than quickTraining's: a checkpoint of 7 MB takes long enough to write that the
    // kill lands in the middle of it.
    const QStringList training{QStringLiteral("--dataset"), QStringLiteral("builtin:shapes"),
                               QStringLiteral("--hidden"),  QStringLiteral("400"),
                               QStringLiteral("--batch"),   QStringLiteral("200"),
                               QStringLiteral("--threads"), QStringLiteral("1")};
    int killsDuringASave = 0;
    for (int attempt = 0; attempt < 8 && killsDuringASave < 2; ++attempt) {
        QProcess process;
        const QStringList launch =
            QFile::exists(checkpoint) ? QStringList{QStringLiteral("--resume"), checkpoint} : training;
        process.start(
            QStringLiteral(VAE_EXPLORER_EXECUTABLE),
            QStringList{QStringLiteral("train")} + launch +
                QStringList{QStringLiteral("--epochs"), QStringLiteral("1000"), QStringLiteral("--out"), out});
        ASSERT_TRUE(process.waitForStarted());
        const Kill kill = killDuringALaterSave(process, out.toStdString());
        ASSERT_NE(kill, Kill::NoSaveSeen)
            << "attempt " << attempt << ": " << process.readAllStandardError().toStdString();
        killsDuringASave += kill == Kill::DuringASave ? 1 : 0;
        // The next attempt resumes from it, so it is read in full as well.
        ASSERT_NO_THROW(vae::readCheckpointFile(checkpoint)) << "attempt " << attempt;
    }
    EXPECT_GE(killsDuringASave, 1) << "no kill landed while a save was under way";
    const Result evaluated = run({QStringLiteral("eval"), checkpoint, QStringLiteral("--json")});
    EXPECT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
}

// Random grey images, 100 of width x width, as a .npy dataset a test can change or remove.
void writeNpyImages(const QString& file, int width)
{
    std::vector<float> pixels(std::size_t(100 * width * width));
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = float((i * 37) % 101) / 100.0f;
    vae::writeFileAtomically(file, vae::npyBytes(pixels, {100, width, width}));
}

// eval, export and train --resume on a checkpoint whose dataset has changed shape or vanished:
// bad input (exit 2), in one line naming the checkpoint and the dataset.
TEST_F(CommandLine, ACheckpointWhoseDatasetChangedOrVanishedIsBadInput)
{
    const QString dataset = path(QStringLiteral("images.npy"));
    writeNpyImages(dataset, 8);
    const QString out = path(QStringLiteral("run"));
    const Result trained =
        run({QStringLiteral("train"), QStringLiteral("--dataset"), dataset, QStringLiteral("--hidden"),
             QStringLiteral("16"), QStringLiteral("--batch"), QStringLiteral("30"), QStringLiteral("--threads"),
             QStringLiteral("1"), QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"), out});
    ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
    const QString model = out + QStringLiteral("/model.vae");
    const QList<QStringList> commands{
        {QStringLiteral("eval"), model},
        {QStringLiteral("export"), model, QStringLiteral("--grid"), QStringLiteral("3"), QStringLiteral("--out"),
         path(QStringLiteral("grid.png"))},
        {QStringLiteral("train"), QStringLiteral("--resume"), model, QStringLiteral("--out"), out},
    };

    writeNpyImages(dataset, 10);
    for (const QStringList& command : commands)
        expectBadInput(command, {model, dataset, QStringLiteral("trained on 1x8x8 images"), QStringLiteral("1x10x10")});

    ASSERT_TRUE(QFile::remove(dataset));
    for (const QStringList& command : commands)
        expectBadInput(command, {model, dataset, QStringLiteral("does not load"), QStringLiteral("no such file")});
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("grid.png"))));
}

// Two classes of 12x9 colour pictures and one file that is no image: read in colour at 8x8, the run
// warns about the file it skipped, and its checkpoint reads the folder back the same way (a grey
// 28x28 reload would not fit the model).
TEST_F(CommandLine, TrainsOnAColourImageFolderAndReopensItAsItWasRead)
{
    const QString pictures = path(QStringLiteral("pictures"));
    for (const QString& name : {QStringLiteral("blue"), QStringLiteral("red")}) {
        QDir().mkpath(pictures + QLatin1Char('/') + name);
        for (int i = 0; i < 10; ++i) {
            QImage image(12, 9, QImage::Format_RGB32);
            image.fill(name == QLatin1String("red") ? QColor(200, 10 * i, 0) : QColor(0, 10 * i, 200));
            ASSERT_TRUE(image.save(QStringLiteral("%1/%2/%3.png").arg(pictures, name).arg(i)));
        }
    }
    QFile broken(pictures + QStringLiteral("/red/broken.png"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("not a picture");
    broken.close();

    const QString out = path(QStringLiteral("run"));
    const QStringList training{QStringLiteral("train"),
                               QStringLiteral("--dataset"),
                               pictures,
                               QStringLiteral("--color"),
                               QStringLiteral("rgb"),
                               QStringLiteral("--image-size"),
                               QStringLiteral("8"),
                               QStringLiteral("--hidden"),
                               QStringLiteral("16"),
                               QStringLiteral("--batch"),
                               QStringLiteral("6"),
                               QStringLiteral("--threads"),
                               QStringLiteral("1"),
                               QStringLiteral("--epochs"),
                               QStringLiteral("1"),
                               QStringLiteral("--out"),
                               out};
    const Result trained = run(training);
    ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
    EXPECT_TRUE(trained.err.contains(QStringLiteral("warning: ")) &&
                trained.err.contains(QStringLiteral("skipped 1 of 21 image files")) &&
                trained.err.contains(QStringLiteral("broken.png")))
        << trained.err.toStdString();

    // Colour images take the conv network and more latent dimensions unless told otherwise; the
    // batch size was given, so it stays.
    EXPECT_TRUE(trained.err.contains(QStringLiteral("colour images: training with --arch conv --latent 16 (")))
        << trained.err.toStdString();
    const QString model = out + QStringLiteral("/model.vae");
    const QJsonObject meta = vae::readCheckpointFile(model).meta;
    const QJsonObject config = meta.value(QStringLiteral("config")).toObject();
    EXPECT_EQ(config.value(QStringLiteral("arch")).toString(), QStringLiteral("conv"));
    EXPECT_EQ(config.value(QStringLiteral("latent")).toInt(), 16);
    EXPECT_EQ(config.value(QStringLiteral("batch")).toInt(), 6);
    const Result evaluated = run({QStringLiteral("eval"), model, QStringLiteral("--json")});
    ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(evaluated.out.toUtf8()).object().value(QStringLiteral("images")).toInt(), 2);
    const QJsonObject dataset = meta.value(QStringLiteral("dataset")).toObject();
    EXPECT_EQ(dataset.value(QStringLiteral("shape")).toArray(), (QJsonArray{3, 8, 8}));
    EXPECT_EQ(dataset.value(QStringLiteral("options")).toObject().value(QStringLiteral("color")).toString(),
              QStringLiteral("rgb"));

    expectBadInput({QStringLiteral("train"), QStringLiteral("--resume"), model, QStringLiteral("--image-size"),
                    QStringLiteral("16"), QStringLiteral("--out"), out},
                   {QStringLiteral("--resume"), QStringLiteral("--image-size")});
    QStringList badColour = training;
    badColour[4] = QStringLiteral("purple");
    expectBadInput(badColour, {QStringLiteral("--color: colour 'purple': expected rgb or grey")});
    QStringList badSize = training;
    badSize[6] = QStringLiteral("0");
    expectBadInput(badSize, {QStringLiteral("--image-size: image size 0 is out of range 1..1024")});

    const QString unreadable = path(QStringLiteral("unreadable/only"));
    QDir().mkpath(unreadable);
    ASSERT_TRUE(QFile::copy(broken.fileName(), unreadable + QStringLiteral("/broken.png")));
    QStringList noImage = training;
    noImage[2] = path(QStringLiteral("unreadable"));
    expectBadInput(noImage, {path(QStringLiteral("unreadable")), QStringLiteral("no readable image")});
}

// A full disk, as a file size limit on the child (root too): the save fails mid-way, the command
// says why in words and exits 1, and the model.vae of the earlier run is still there, whole.
TEST_F(CommandLine, TrainIntoAFullLocationExits1AndKeepsThePreviousModel)
{
    const QString out = path(QStringLiteral("full"));
    const QStringList training = QStringList{QStringLiteral("train")} + quickTraining +
        QStringList{QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"), out};
    ASSERT_EQ(run(training).exitCode, 0);
    const QString checkpoint = out + QStringLiteral("/model.vae");
    QFile previous(checkpoint);
    ASSERT_TRUE(previous.open(QIODevice::ReadOnly));
    const QByteArray before = previous.readAll();
    previous.close();

    QProcess process;
    process.setChildProcessModifier([] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{64 * 1024, RLIM_INFINITY};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    process.start(QStringLiteral(VAE_EXPLORER_EXECUTABLE), training);
    ASSERT_TRUE(process.waitForFinished(120000));
    const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
    EXPECT_EQ(process.exitCode(), 1) << err.toStdString();
    EXPECT_TRUE(err.endsWith(checkpoint + QStringLiteral(": cannot write: file too large"))) << err.toStdString();

    ASSERT_TRUE(previous.open(QIODevice::ReadOnly));
    EXPECT_EQ(previous.readAll(), before);
    EXPECT_EQ(QDir(out).entryList({QStringLiteral("*.vae*")}, QDir::Files | QDir::Hidden),
              QStringList{QStringLiteral("model.vae")});
}

TEST_F(CommandLine, ExportWritesGridsPointsPathsSheetsAndCodes)
{
    // Three latent dimensions, so a grid over two of them has a reference for the third.
    const QString out = path(QStringLiteral("model"));
    const Result trained = run(QStringList{QStringLiteral("train")} + quickTraining +
                               QStringList{QStringLiteral("--latent"), QStringLiteral("3"), QStringLiteral("--epochs"),
                                           QStringLiteral("1"), QStringLiteral("--out"), out});
    ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
    const QString model = out + QStringLiteral("/model.vae");
    const vae::SnapshotPtr decoder = modelIn(model);
    const int latentDim = decoder->latentDim();
    ASSERT_EQ(latentDim, 3);
    auto exportTo = [&](const QStringList& options, const QString& file) {
        const Result result = run(QStringList{QStringLiteral("export"), model} + options +
                                  QStringList{QStringLiteral("--out"), path(file)});
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return path(file);
    };

    // Cells of 56 pixels: each image pixel a 2 x 2 block.
    const QImage grid(
        exportTo({QStringLiteral("--grid"), QStringLiteral("7"), QStringLiteral("--cell"), QStringLiteral("56"),
                  QStringLiteral("--border"), QStringLiteral("2"), QStringLiteral("--spacing"),
                  QStringLiteral("quantile"), QStringLiteral("--reference"), QStringLiteral("3")},
                 QStringLiteral("grid.png")));
    ASSERT_EQ(grid.size(), QSize(7 * 56 + 8 * 2, 7 * 56 + 8 * 2));
    EXPECT_TRUE(grid.isGrayscale());
    EXPECT_EQ(grid.pixel(0, 0), qRgb(255, 255, 255)); // the border
    // Columns run along dimension 0 left to right, rows along dimension 1 top down from the
    // largest value; dimension 2 stays at test image 3's encoding.
    const std::vector<double> coordinates = vae::gridCoordinates(7, 3.0, vae::GridSpacing::Quantile);
    const std::vector<float> reference = encodedTestImage(*decoder, 3);
    for (int row = 0; row < 7; ++row)
        for (int column = 0; column < 7; ++column) {
            const std::vector<float> z{float(coordinates[std::size_t(column)]),
                                       float(coordinates[std::size_t(6 - row)]), reference[2]};
            EXPECT_LE(largestPixelDifference(cellOf(grid, row, column, 2, 2), decodedDirectly(*decoder, z)), 1)
                << "cell " << row << "," << column;
        }
    // Which shows only if the reference makes a difference to the picture.
    EXPECT_GT(largestPixelDifference(decodedDirectly(*decoder, {0.0f, 0.0f, reference[2]}),
                                     decodedDirectly(*decoder, {0.0f, 0.0f, 0.0f})),
              10);

    const QImage point(exportTo(
        {QStringLiteral("--point"), QStringLiteral("0.5,-1,0.25"), QStringLiteral("--cell"), QStringLiteral("84")},
        QStringLiteral("point.png")));
    ASSERT_EQ(point.size(), QSize(84, 84));
    EXPECT_LE(largestPixelDifference(cellOf(point, 0, 0, 3, 0), decodedDirectly(*decoder, {0.5f, -1.0f, 0.25f})), 1);

    const QImage sheet(
        exportTo({QStringLiteral("--prior"), QStringLiteral("4"), QStringLiteral("--border"), QStringLiteral("0")},
                 QStringLiteral("prior.png")));
    ASSERT_EQ(sheet.size(), QSize(4 * 56, 4 * 56));
    const std::vector<float> draws = vae::priorSamples(16, latentDim, 0); // --seed's default
    for (int index = 0; index < 16; ++index)
        EXPECT_LE(largestPixelDifference(cellOf(sheet, index / 4, index % 4, 2, 0),
                                         decodedDirectly(*decoder, pointAt(draws, index, latentDim))),
                  1)
            << "draw " << index;

    const std::vector<float> from = encodedTestImage(*decoder, 0);
    const std::vector<float> to = encodedTestImage(*decoder, 5);
    const QString gif = exportTo({QStringLiteral("--interpolate"), QStringLiteral("0,5"), QStringLiteral("--steps"),
                                  QStringLiteral("9"), QStringLiteral("--path"), QStringLiteral("spherical")},
                                 QStringLiteral("path.gif"));
    int error = 0;
    GifFileType* file = DGifOpenFileName(QFile::encodeName(gif).constData(), &error);
    ASSERT_NE(file, nullptr) << GifErrorString(error);
    ASSERT_EQ(DGifSlurp(file), GIF_OK);
    EXPECT_EQ(file->ImageCount, 9);
    ASSERT_EQ(file->SWidth, 56);
    ASSERT_EQ(file->SHeight, 56);
    const std::vector<float> arc = vae::interpolationPath(from, to, 9, vae::InterpolationKind::Spherical);
    for (int frame = 0; frame < std::min(file->ImageCount, 9); ++frame) {
        // All grey: the palette index of a pixel is its grey level.
        const QImage pixels(file->SavedImages[frame].RasterBits, 56, 56, 56, QImage::Format_Grayscale8);
        EXPECT_LE(largestPixelDifference(cellOf(pixels, 0, 0, 2, 0),
                                         decodedDirectly(*decoder, pointAt(arc, frame, latentDim))),
                  1)
            << "frame " << frame;
    }
    DGifCloseFile(file, &error);

    const QImage strip(exportTo({QStringLiteral("--interpolate"), QStringLiteral("0,5"), QStringLiteral("--steps"),
                                 QStringLiteral("9"), QStringLiteral("--border"), QStringLiteral("0")},
                                QStringLiteral("path.png")));
    ASSERT_EQ(strip.size(), QSize(9 * 56, 56));
    const std::vector<float> line = vae::interpolationPath(from, to, 9, vae::InterpolationKind::Linear);
    for (int step = 0; step < 9; ++step)
        EXPECT_LE(largestPixelDifference(cellOf(strip, 0, step, 2, 0),
                                         decodedDirectly(*decoder, pointAt(line, step, latentDim))),
                  1)
            << "step " << step;

    const QString codes = exportTo({QStringLiteral("--codes"), QStringLiteral("test")}, QStringLiteral("codes.npy"));
    const QStringList described =
        runPython(QStringLiteral("import sys, numpy as np\n"
                                 "a = np.load(sys.argv[1]); l = np.load(sys.argv[2])\n"
                                 "print(a.shape, a.dtype, l.shape, l.dtype, '|', repr(float(a[3, 0, 2])))"),
                  {codes, path(QStringLiteral("codes_labels.npy"))})
            .split(QLatin1Char('|'));
    ASSERT_EQ(described.size(), 2);
    EXPECT_EQ(described[0].trimmed(), QStringLiteral("(2000, 2, 3) float32 (2000,) int64"));
    EXPECT_FLOAT_EQ(described[1].toFloat(), reference[2]); // test image 3's mean, dimension 2

    expectBadInput({QStringLiteral("export"), model, QStringLiteral("--grid"), QStringLiteral("5"),
                    QStringLiteral("--out"), path(QStringLiteral("no/such/grid.png"))},
                   {QStringLiteral("no/such/grid.png"), QStringLiteral("does not exist")});
    expectBadInput({QStringLiteral("export"), model, QStringLiteral("--point"), QStringLiteral("1,2"),
                    QStringLiteral("--out"), path(QStringLiteral("p.png"))},
                   {QStringLiteral("--point"), QStringLiteral("3")});
    expectBadInput({QStringLiteral("export"), model, QStringLiteral("--interpolate"), QStringLiteral("0,99999"),
                    QStringLiteral("--out"), path(QStringLiteral("i.gif"))},
                   {QStringLiteral("99999"), QStringLiteral("does not exist")});
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("p.png"))));
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("i.gif"))));
}

// `vae-explorer export` of a model of 32 x 32 RGB images: every picture is RGB, its cells whole
// multiples of the images' size, and each cell the decoder's three channels, not a grey mix.
TEST_F(CommandLine, ExportWritesColourModelsInColour)
{
    const vae::testing::TrainedModel& trained = vae::testing::trainedColourModel();
    const vae::ModelSnapshot& decoder = *trained.snapshot;
    ASSERT_EQ(decoder.channels(), 3);
    constexpr int colourSide = vae::testing::colourSide;
    auto exportTo = [&](const QStringList& options, const QString& file) {
        const Result result = run(QStringList{QStringLiteral("export"), trained.checkpointPath} + options +
                                  QStringList{QStringLiteral("--out"), path(file)});
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return path(file);
    };
    const auto cell = [](const QImage& tiled, int row, int column, int scale, int gap) {
        const int cellSide = colourSide * scale;
        return tiled.copy(gap + column * (cellSide + gap), gap + row * (cellSide + gap), cellSide, cellSide)
            .scaled(colourSide, colourSide, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    };

    // Cells of 96 pixels: each image pixel a 3 x 3 block.
    const QImage grid(exportTo({QStringLiteral("--grid"), QStringLiteral("5"), QStringLiteral("--cell"),
                                QStringLiteral("96"), QStringLiteral("--border"), QStringLiteral("2")},
                               QStringLiteral("grid.png")));
    ASSERT_EQ(grid.size(), QSize(5 * 96 + 6 * 2, 5 * 96 + 6 * 2));
    EXPECT_TRUE(vae::testing::hasColour(grid));
    const std::vector<double> coordinates = vae::gridCoordinates(5, 3.0, vae::GridSpacing::Linear);
    const std::vector<float> topRight{float(coordinates[4]), float(coordinates[4]), 0.0f};
    EXPECT_LE(largestPixelDifference(cell(grid, 0, 4, 3, 2), decodedDirectly(decoder, topRight)), 1);
    EXPECT_EQ(grid.pixel(2, 2), grid.pixel(4, 4)); // one image pixel, a solid block

    const QImage point(
        exportTo({QStringLiteral("--point"), QStringLiteral("0.5,-1,0.25")}, QStringLiteral("point.png")));
    ASSERT_EQ(point.size(), QSize(2 * colourSide, 2 * colourSide)); // the default cell: twice the image
    EXPECT_TRUE(vae::testing::hasColour(point));
    EXPECT_LE(largestPixelDifference(cell(point, 0, 0, 2, 0), decodedDirectly(decoder, {0.5f, -1.0f, 0.25f})), 1);

    const QImage prior(
        exportTo({QStringLiteral("--prior"), QStringLiteral("3"), QStringLiteral("--border"), QStringLiteral("0")},
                 QStringLiteral("prior.png")));
    ASSERT_EQ(prior.size(), QSize(3 * 2 * colourSide, 3 * 2 * colourSide));
    const std::vector<float> draws = vae::priorSamples(9, 3, 0);
    EXPECT_LE(largestPixelDifference(cell(prior, 2, 2, 2, 0), decodedDirectly(decoder, pointAt(draws, 8, 3))), 1);

    const QImage traversals(exportTo({QStringLiteral("--traversals"), QStringLiteral("--steps"), QStringLiteral("3"),
                                      QStringLiteral("--border"), QStringLiteral("0")},
                                     QStringLiteral("traversals.png")));
    ASSERT_EQ(traversals.size(), QSize(3 * 2 * colourSide, 3 * 2 * colourSide));
    EXPECT_LE(largestPixelDifference(cell(traversals, 0, 1, 2, 0), decodedDirectly(decoder, {0.0f, 0.0f, 0.0f})), 1);

    const QString gif = exportTo({QStringLiteral("--interpolate"), QStringLiteral("0,5"), QStringLiteral("--steps"),
                                  QStringLiteral("4"), QStringLiteral("--path"), QStringLiteral("linear")},
                                 QStringLiteral("path.gif"));
    int error = 0;
    GifFileType* file = DGifOpenFileName(QFile::encodeName(gif).constData(), &error);
    ASSERT_NE(file, nullptr) << GifErrorString(error);
    ASSERT_EQ(DGifSlurp(file), GIF_OK);
    EXPECT_EQ(file->ImageCount, 4);
    ASSERT_EQ(file->SWidth, 2 * colourSide);
    ASSERT_EQ(file->SHeight, 2 * colourSide);
    ASSERT_NE(file->SColorMap, nullptr);
    QImage first(file->SWidth, file->SHeight, QImage::Format_RGB32);
    for (int y = 0; y < file->SHeight; ++y)
        for (int x = 0; x < file->SWidth; ++x) {
            const GifColorType colour = file->SColorMap->Colors[file->SavedImages[0].RasterBits[y * file->SWidth + x]];
            first.setPixel(x, y, qRgb(colour.Red, colour.Green, colour.Blue));
        }
    DGifCloseFile(file, &error);
    EXPECT_TRUE(vae::testing::hasColour(first));
    std::vector<float> start, logVariance;
    decoder.encode(vae::testing::colourDataset()->test.image(0), 1, start, logVariance);
    // A 6 x 7 x 6 colour palette: each channel within half a level of the decoded byte.
    EXPECT_LE(largestPixelDifference(cell(first, 0, 0, 2, 0), decodedDirectly(decoder, start)), 26);
}

// A quick model of the shapes with `latent` dimensions, trained one epoch; returns its checkpoint.
QString quickModel(const QString& folder, const QString& latent, const QStringList& extra = {})
{
    const Result trained = run(QStringList{QStringLiteral("train")} + quickTraining + extra +
                               QStringList{QStringLiteral("--latent"), latent, QStringLiteral("--epochs"),
                                           QStringLiteral("1"), QStringLiteral("--out"), folder});
    EXPECT_EQ(trained.exitCode, 0) << trained.err.toStdString();
    return folder + QStringLiteral("/model.vae");
}

TEST_F(CommandLine, ExportWritesTraversalsOrderedByKlAndRefusesBadSteps)
{
    const QString model = quickModel(path(QStringLiteral("three")), QStringLiteral("3"));
    const vae::SnapshotPtr decoder = modelIn(model);
    const auto exportTraversals = [&](const QStringList& options, const QString& file) {
        const Result result = run(QStringList{QStringLiteral("export"), model, QStringLiteral("--traversals")} +
                                  options + QStringList{QStringLiteral("--out"), path(file)});
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return QImage(path(file));
    };

    // Cells of 56 pixels (the default: twice the image), no border: 5 columns, one row per dimension.
    const QImage sheet = exportTraversals(
        {QStringLiteral("--steps"), QStringLiteral("5"), QStringLiteral("--border"), QStringLiteral("0")},
        QStringLiteral("traversals.png"));
    ASSERT_EQ(sheet.size(), QSize(5 * 56, 3 * 56));
    const std::vector<double> kl = vae::klPerDimension(vae::encodeImageSet(*decoder, shapesDataset()->test));
    std::vector<int> order{0, 1, 2};
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return kl[std::size_t(a)] > kl[std::size_t(b)]; });
    const double offsets[] = {-3.0, -1.5, 0.0, 1.5, 3.0};
    for (int row = 0; row < 3; ++row)
        for (int column = 0; column < 5; ++column) {
            std::vector<float> z(3, 0.0f);
            z[std::size_t(order[std::size_t(row)])] = float(offsets[column]);
            EXPECT_LE(largestPixelDifference(cellOf(sheet, row, column, 2, 0), decodedDirectly(*decoder, z)), 1)
                << "row " << row << " (dimension " << order[std::size_t(row)] << "), column " << column;
        }
    // The most informative dimension changes the picture along its row, or the check above proves little.
    std::vector<float> low(3, 0.0f), high(3, 0.0f);
    low[std::size_t(order[0])] = -3.0f;
    high[std::size_t(order[0])] = 3.0f;
    EXPECT_GT(largestPixelDifference(decodedDirectly(*decoder, low), decodedDirectly(*decoder, high)), 10);

    // Nine steps unless told, each cell a whole multiple of the image, one-pixel borders.
    const QImage bySteps =
        exportTraversals({QStringLiteral("--cell"), QStringLiteral("28")}, QStringLiteral("default.png"));
    EXPECT_EQ(bySteps.size(), QSize(9 * 29 + 1, 3 * 29 + 1));

    for (const QString& steps : {QStringLiteral("1"), QStringLiteral("32")})
        expectBadInput({QStringLiteral("export"), model, QStringLiteral("--traversals"), QStringLiteral("--steps"),
                        steps, QStringLiteral("--out"), path(QStringLiteral("bad.png"))},
                       {QStringLiteral("--steps ") + steps, QStringLiteral("out of range (2 to 31)")});
    expectBadInput({QStringLiteral("export"), model, QStringLiteral("--traversals")},
                   {QStringLiteral("--traversals"), QStringLiteral("--out")});
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("bad.png"))));
}

QJsonObject evalJson(const QStringList& arguments)
{
    // One thread, as in the training: on a busy machine the threads that OpenMP keeps waiting slow
    // the many small products of the estimates down far more than a second thread speeds them up.
    const Result evaluated =
        run(QStringList{QStringLiteral("eval")} + arguments +
            QStringList{QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json")});
    EXPECT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
    return QJsonDocument::fromJson(evaluated.out.toUtf8()).object();
}

TEST_F(CommandLine, EvalEstimatesLogLikelihoodBothWaysAboveTheElbo)
{
    const QString model = quickModel(path(QStringLiteral("two")), QStringLiteral("2"));
    const QJsonObject json =
        evalJson({model, QStringLiteral("--iw-samples"), QStringLiteral("200"), QStringLiteral("--quadrature"),
                  QStringLiteral("--images"), QStringLiteral("20")});
    for (const char* key : {"log_likelihood", "log_likelihood_standard_error", "iw_samples", "elbo_gap",
                            "quadrature_log_likelihood", "kl_per_dimension", "active_units", "joint_log_likelihood"})
        EXPECT_TRUE(json.contains(QLatin1String(key))) << key;
    EXPECT_EQ(json.value(QStringLiteral("images")).toInt(), 20);
    EXPECT_EQ(json.value(QStringLiteral("iw_samples")).toInt(), 200);
    const double elbo = json.value(QStringLiteral("elbo")).toDouble();
    const double logLikelihood = json.value(QStringLiteral("log_likelihood")).toDouble();
    const double standardError = json.value(QStringLiteral("log_likelihood_standard_error")).toDouble();
    EXPECT_GT(standardError, 0.0);
    EXPECT_GE(logLikelihood, elbo - 3 * standardError);
    EXPECT_DOUBLE_EQ(json.value(QStringLiteral("elbo_gap")).toDouble(), logLikelihood - elbo);
    // On the same 20 images the exact value is above both bounds (by several nats where the
    // encoder of a one-epoch model misses part of a posterior).
    const double quadrature = json.value(QStringLiteral("quadrature_log_likelihood")).toDouble();
    EXPECT_GE(quadrature, logLikelihood - 3 * standardError);
    EXPECT_GE(quadrature, elbo);

    const QJsonArray perDimension = json.value(QStringLiteral("kl_per_dimension")).toArray();
    ASSERT_EQ(perDimension.size(), 2);
    EXPECT_NEAR(perDimension[0].toDouble() + perDimension[1].toDouble(), json.value(QStringLiteral("kl")).toDouble(),
                1e-3);
    const int active = json.value(QStringLiteral("active_units")).toInt();
    EXPECT_GE(active, 0);
    EXPECT_LE(active, 2);
    EXPECT_DOUBLE_EQ(json.value(QStringLiteral("joint_log_likelihood")).toDouble(),
                     elbo - 2 * 0.5 * (1 + std::log(2 * M_PI)));
}

TEST_F(CommandLine, EvalRejectsABadSampleCountAndQuadratureBeyondTwoDimensions)
{
    const QString model = quickModel(path(QStringLiteral("twenty")), QStringLiteral("20"));
    expectBadInput({QStringLiteral("eval"), model, QStringLiteral("--iw-samples"), QStringLiteral("0")},
                   {QStringLiteral("--iw-samples 0"), QStringLiteral("1 to 1000000")});
    expectBadInput({QStringLiteral("eval"), model, QStringLiteral("--iw-samples"), QStringLiteral("many")},
                   {QStringLiteral("--iw-samples"), QStringLiteral("many")});
    expectBadInput({QStringLiteral("eval"), model, QStringLiteral("--quadrature")},
                   {QStringLiteral("--quadrature"), QStringLiteral("d_z = 20")});
    expectBadInput({QStringLiteral("eval"), model, QStringLiteral("--images"), QStringLiteral("5000")},
                   {QStringLiteral("--images 5000"), QStringLiteral("2000 test images")});
    const QJsonObject json = evalJson({model, QStringLiteral("--images"), QStringLiteral("50")});
    EXPECT_EQ(json.value(QStringLiteral("kl_per_dimension")).toArray().size(), 20);
    EXPECT_FALSE(json.contains(QStringLiteral("log_likelihood")));
}

TEST_F(CommandLine, EvalReportsTheGradientVarianceOfEachEstimator)
{
    const QString model = quickModel(path(QStringLiteral("gradients")), QStringLiteral("2"));
    const QJsonObject json =
        evalJson({model, QStringLiteral("--gradient-variance"), QStringLiteral("--images"), QStringLiteral("3")});
    const QJsonObject variance = json.value(QStringLiteral("gradient_variance")).toObject();
    EXPECT_EQ(variance.value(QStringLiteral("images")).toInt(), 3);
    EXPECT_EQ(variance.value(QStringLiteral("draws")).toInt(), 100);
    const QJsonObject estimators = variance.value(QStringLiteral("estimators")).toObject();
    for (const char* name : {"analytic", "mc", "score_function"}) {
        const QJsonArray rows = estimators.value(QLatin1String(name)).toArray();
        ASSERT_EQ(rows.size(), 5) << name;
        EXPECT_EQ(rows[4].toObject().value(QStringLiteral("samples")).toInt(), 50);
        EXPECT_LT(rows[4].toObject().value(QStringLiteral("variance")).toDouble(),
                  rows[0].toObject().value(QStringLiteral("variance")).toDouble())
            << name;
    }
    EXPECT_GT(estimators.value(QStringLiteral("score_function"))
                  .toArray()[0]
                  .toObject()
                  .value(QStringLiteral("variance"))
                  .toDouble(),
              10 *
                  estimators.value(QStringLiteral("analytic"))
                      .toArray()[0]
                      .toObject()
                      .value(QStringLiteral("variance"))
                      .toDouble());
}

TEST_F(CommandLine, TrainsThePriorObjectiveAndEvalSaysSo)
{
    const QString model = quickModel(path(QStringLiteral("prior")), QStringLiteral("2"),
                                     {QStringLiteral("--objective"), QStringLiteral("prior")});
    const QJsonObject json = evalJson({model, QStringLiteral("--images"), QStringLiteral("100")});
    EXPECT_EQ(json.value(QStringLiteral("objective")).toString(), QStringLiteral("prior"));
    EXPECT_EQ(json.value(QStringLiteral("kl")).toDouble(), 0.0);
    expectBadInput(QStringList{QStringLiteral("train")} + quickTraining +
                       QStringList{QStringLiteral("--objective"), QStringLiteral("map"), QStringLiteral("--out"),
                                   path(QStringLiteral("o"))},
                   {QStringLiteral("--objective"), QStringLiteral("elbo|prior")});
}

// Whether process `pid` has a handler of its own for `signal` (Linux's /proc/PID/status, SigCgt).
bool catchesSignal(qint64 pid, int signal)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("SigCgt:"))
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) >> (signal - 1)) & 1;
    return false;
}

TEST_F(CommandLine, EvalStopsOnInterruptWithExit130)
{
    const QString model = quickModel(path(QStringLiteral("long")), QStringLiteral("2"));
    QProcess process;
    process.start(QStringLiteral(VAE_EXPLORER_EXECUTABLE),
                  {QStringLiteral("eval"), model, QStringLiteral("--iw-samples"), QStringLiteral("1000000")});
    ASSERT_TRUE(process.waitForStarted());
    // Interrupted once eval listens for Ctrl+C: from then on its work takes hours.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!catchesSignal(process.processId(), SIGINT) && std::chrono::steady_clock::now() < deadline)
        process.waitForFinished(20);
    ASSERT_TRUE(catchesSignal(process.processId(), SIGINT));
    ::kill(pid_t(process.processId()), SIGINT);
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 130);
    EXPECT_TRUE(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("eval: interrupted")));
}

// The first images of each split of the shapes as an MNIST-style IDX folder, which both
// tools/train_pytorch.py and vae-explorer read.
QString shapesIdxFolder(const QString& folder, int trainImages, int testImages)
{
    QDir().mkpath(folder);
    const auto write = [&](const vae::ImageSet& split, int count, const char* name) {
        const auto pixels = split.pixels.begin();
        vae::testing::writeFile(
            QDir(folder).filePath(QLatin1String(name)),
            vae::testing::idxImagesFile(count, side, side, {pixels, pixels + std::ptrdiff_t(count) * side * side}));
    };
    write(shapesDataset()->train, trainImages, "train-images-idx3-ubyte");
    write(shapesDataset()->test, testImages, "t10k-images-idx3-ubyte");
    return folder;
}

// The last line a program printed on stdout, as JSON.
QJsonObject lastJsonLine(const Result& result)
{
    return QJsonDocument::fromJson(result.out.trimmed().split(QLatin1Char('\n')).constLast().toUtf8()).object();
}

// Imports the weights with the settings they were trained with and returns eval's figures.
QJsonObject importedAndEvaluated(const QString& weights, const QString& dataset, const QStringList& settings,
                                 const QString& model)
{
    const Result imported = run(QStringList{QStringLiteral("import"), weights, QStringLiteral("--dataset"), dataset,
                                            QStringLiteral("--out"), model} +
                                settings);
    EXPECT_EQ(imported.exitCode, 0) << imported.err.toStdString();
    const Result evaluated = run({QStringLiteral("eval"), model, QStringLiteral("--json")});
    EXPECT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
    return lastJsonLine(evaluated);
}

TEST_F(CommandLine, ImportTakesBackExportedWeightsAndNamesAShapeThatDiffers)
{
    const vae::testing::TrainedModel& trained = trainedModel(3);
    const QString weights = path(QStringLiteral("weights.pt"));
    ASSERT_EQ(run({QStringLiteral("export"), trained.checkpointPath, QStringLiteral("--weights"), weights}).exitCode,
              0);
    const QStringList settings{QStringLiteral("--hidden"), QStringLiteral("64"),        QStringLiteral("--latent"),
                               QStringLiteral("3"),        QStringLiteral("--threads"), QStringLiteral("1")};
    const QString model = path(QStringLiteral("imported.vae"));
    const QJsonObject figures = importedAndEvaluated(weights, QStringLiteral("builtin:shapes"), settings, model);
    const Result original = run({QStringLiteral("eval"), trained.checkpointPath, QStringLiteral("--json")});
    EXPECT_EQ(figures.value(QStringLiteral("elbo")).toDouble(),
              lastJsonLine(original).value(QStringLiteral("elbo")).toDouble());
    const std::vector<float> latents = vae::priorSamples(50, 3, 11);
    EXPECT_EQ(modelIn(model)->decode(latents.data(), 50), trained.snapshot->decode(latents.data(), 50));

    const QStringList narrower{QStringLiteral("import"),    weights,
                               QStringLiteral("--dataset"), QStringLiteral("builtin:shapes"),
                               QStringLiteral("--hidden"),  QStringLiteral("32"),
                               QStringLiteral("--latent"),  QStringLiteral("3"),
                               QStringLiteral("--out"),     path(QStringLiteral("narrower.vae"))};
    expectBadInput(narrower,
                   {QStringLiteral("weights.pt: encoder.0.weight has shape [64, 784], the architecture "
                                   "needs [32, 784]")});
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("narrower.vae"))));
    QStringList flatter = narrower;
    flatter.replace(flatter.indexOf(QStringLiteral("32")), QStringLiteral("64"));
    flatter.replace(flatter.indexOf(QStringLiteral("3")), QStringLiteral("2"));
    expectBadInput(flatter,
                   {QStringLiteral("weights.pt: posterior_mean.weight has shape [3, 64], the architecture "
                                   "needs [2, 64]")});
    expectBadInput({QStringLiteral("import"), path(QStringLiteral("none.pt")), QStringLiteral("--dataset"),
                    QStringLiteral("builtin:shapes"), QStringLiteral("--out"), path(QStringLiteral("none.vae"))},
                   {QStringLiteral("none.pt: no such file")});
}

// tools/train_pytorch.py trains the network in PyTorch: `import` accepts its weights, and eval's ELBO
// of them is the one the script printed. Both score the test set with the same seeded draws.
class TrainedInPyTorch : public CommandLine {
protected:
    // On 1,000 training and 300 test images of builtin:shapes in IDX files, unless given a dataset
    // and its number of test images.
    void expectEvalAgrees(const QStringList& launcher, const QStringList& settings, const QString& name,
                          QString dataset = {}, int testImages = 300)
    {
        if (dataset.isEmpty())
            dataset = shapesIdxFolder(path(QStringLiteral("shapes")), 1000, 300);
        const QString weights = path(name + QStringLiteral(".pt"));
        const Result trained =
            runProgram(QStringLiteral("/usr/bin/python3"),
                       launcher +
                           QStringList{QStringLiteral(TRAIN_PYTORCH_SCRIPT), QStringLiteral("--dataset"), dataset,
                                       QStringLiteral("--out"), weights, QStringLiteral("--steps"), QStringLiteral("8"),
                                       QStringLiteral("--threads"), QStringLiteral("1")} +
                           settings,
                       240000);
        ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
        const QJsonObject printed = lastJsonLine(trained);
        ASSERT_TRUE(printed.contains(QStringLiteral("test_elbo"))) << trained.out.toStdString();
        const QJsonObject figures =
            importedAndEvaluated(weights, dataset, settings, path(name + QStringLiteral(".vae")));
        EXPECT_EQ(figures.value(QStringLiteral("images")).toInt(), testImages);
        EXPECT_NEAR(figures.value(QStringLiteral("elbo")).toDouble(),
                    printed.value(QStringLiteral("test_elbo")).toDouble(), 0.01)
            << name.toStdString();
        // Trained, not left as initialised: the KL moved off zero.
        EXPECT_GT(figures.value(QStringLiteral("kl")).toDouble(), 0.01) << name.toStdString();
    }
};

TEST_F(TrainedInPyTorch, OneProcessMlpAndConv)
{
    expectEvalAgrees(
        {}, {QStringLiteral("--hidden"), QStringLiteral("32"), QStringLiteral("--batch"), QStringLiteral("100")},
        QStringLiteral("mlp"));
    expectEvalAgrees({},
                     {QStringLiteral("--arch"), QStringLiteral("conv"), QStringLiteral("--hidden"),
                      QStringLiteral("16"), QStringLiteral("--likelihood"), QStringLiteral("gaussian"),
                      QStringLiteral("--batch"), QStringLiteral("50"), QStringLiteral("--seed"), QStringLiteral("3")},
                     QStringLiteral("conv"));
}

// Colour images go in channels first on both sides, so weights trained on them import as they are.
TEST_F(TrainedInPyTorch, ConvOnColourImages)
{
    expectEvalAgrees({},
                     {QStringLiteral("--arch"), QStringLiteral("conv"), QStringLiteral("--latent"), QStringLiteral("2"),
                      QStringLiteral("--hidden"), QStringLiteral("16"), QStringLiteral("--batch"),
                      QStringLiteral("50")},
                     QStringLiteral("colour"), vae::testing::colourDatasetPath(), 20);
}

TEST_F(TrainedInPyTorch, TwoProcessesUnderTorchrunOnGloo)
{
    // torchrun as a module of Debian's python3; --redirects and --tee for a process that does not
    // exist get round its misreading of their defaults under Python 3.11.
    expectEvalAgrees({QStringLiteral("-m"), QStringLiteral("torch.distributed.run"), QStringLiteral("--standalone"),
                      QStringLiteral("--nproc_per_node"), QStringLiteral("2"), QStringLiteral("--redirects"),
                      QStringLiteral("9:0"), QStringLiteral("--tee"), QStringLiteral("9:0")},
                     {QStringLiteral("--hidden"), QStringLiteral("32,16"), QStringLiteral("--binarize"),
                      QStringLiteral("static"), QStringLiteral("--batch"), QStringLiteral("64")},
                     QStringLiteral("ddp"));
}

} // namespace
