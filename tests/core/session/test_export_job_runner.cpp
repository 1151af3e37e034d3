#include "tests/support/tiny_fixture.h"

#include "core/files/AtomicFile.h"
#include "core/session/ExportJobRunner.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace vae {
namespace {

using testing::waitUntil;

// What a runner announced, in order.
struct Outcomes {
    explicit Outcomes(ExportJobRunner& runner)
    {
        QObject::connect(&runner, &ExportJobRunner::progressed, [this](int percent) { percents.push_back(percent); });
        QObject::connect(&runner, &ExportJobRunner::finished, [this](const QStringList& files) {
            written = files;
            ++outcomes;
        });
        QObject::connect(&runner, &ExportJobRunner::failed, [this](const QString& message) {
            failure = message;
            ++outcomes;
        });
        QObject::connect(&runner, &ExportJobRunner::cancelled, [this] {
            cancelled = true;
            ++outcomes;
        });
    }
    std::vector<int> percents;
    QStringList written;
    QString failure;
    bool cancelled = false;
    int outcomes = 0;
};

// Holds a job at one point until released, so the test decides what happens meanwhile.
struct Gate {
    std::atomic<bool> entered{false};
    std::atomic<bool> open{false};

    void pass()
    {
        entered = true;
        while (!open)
            std::this_thread::yield();
    }
};

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

TEST(ExportJobRunner, ProgressArrivesInOrderOncePerPercentAndThenTheFilesWritten)
{
    ExportJobRunner runner;
    Outcomes seen(runner);
    ASSERT_TRUE(runner.start([](ExportJobRunner::Progress& progress) {
        for (double fraction : {0.0, 0.001, 0.25, 0.25, 0.5, 1.0})
            progress.report(fraction);
        return QStringList{QStringLiteral("a.npy"), QStringLiteral("a_labels.npy")};
    }));
    EXPECT_TRUE(runner.busy());
    ASSERT_TRUE(waitUntil([&] { return seen.outcomes == 1; }));
    EXPECT_FALSE(runner.busy());
    EXPECT_EQ(seen.percents, (std::vector<int>{0, 25, 50, 100}));
    EXPECT_EQ(seen.written, (QStringList{QStringLiteral("a.npy"), QStringLiteral("a_labels.npy")}));
}

TEST(ExportJobRunner, ACancelStopsTheJobAtItsNextReportAndTheOldFileStays)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("codes.csv"));
    writeFileAtomically(path, "the old file");
    ExportJobRunner runner;
    Outcomes seen(runner);
    Gate gate;
    runner.start([&](ExportJobRunner::Progress& progress) {
        progress.report(0.5);
        gate.pass();
        progress.report(0.75); // the batch after the cancel
        writeFileAtomically(path, "the new file");
        return QStringList{path};
    });
    ASSERT_TRUE(waitUntil([&] { return gate.entered.load(); }));
    runner.cancel();
    gate.open = true;
    ASSERT_TRUE(waitUntil([&] { return seen.outcomes == 1; }));
    EXPECT_TRUE(seen.cancelled);
    EXPECT_TRUE(seen.written.isEmpty());
    EXPECT_EQ(contents(path), QByteArray("the old file"));

    // The runner takes the next job as usual.
    ASSERT_TRUE(runner.start([](ExportJobRunner::Progress& progress) {
        progress.report(1);
        return QStringList{QStringLiteral("next")};
    }));
    ASSERT_TRUE(waitUntil([&] { return seen.outcomes == 2; }));
    EXPECT_EQ(seen.written, QStringList{QStringLiteral("next")});
}

TEST(ExportJobRunner, ASecondJobIsRefusedWhileOneRuns)
{
    ExportJobRunner runner;
    Outcomes seen(runner);
    Gate gate;
    ASSERT_TRUE(runner.start([&](ExportJobRunner::Progress&) {
        gate.pass();
        return QStringList{QStringLiteral("first")};
    }));
    std::atomic<bool> secondRan{false};
    EXPECT_FALSE(runner.start([&](ExportJobRunner::Progress&) {
        secondRan = true;
        return QStringList{QStringLiteral("second")};
    }));
    gate.open = true;
    ASSERT_TRUE(waitUntil([&] { return seen.outcomes == 1; }));
    EXPECT_EQ(seen.written, QStringList{QStringLiteral("first")});
    EXPECT_FALSE(secondRan.load());
}

TEST(ExportJobRunner, AFailureIsReportedInTheJobsWords)
{
    ExportJobRunner runner;
    Outcomes seen(runner);
    runner.start([](ExportJobRunner::Progress&) -> QStringList {
        throw std::runtime_error("/full/codes.npy: cannot write: no space left on device\nsecond line");
    });
    ASSERT_TRUE(waitUntil([&] { return seen.outcomes == 1; }));
    EXPECT_EQ(seen.failure, QStringLiteral("/full/codes.npy: cannot write: no space left on device"));
    EXPECT_FALSE(runner.busy());
}

TEST(ExportJobRunner, DestroyingTheRunnerStopsItsJobInsteadOfWaitingForItToFinish)
{
    std::atomic<bool> stopped{false};
    {
        ExportJobRunner runner;
        Gate gate;
        runner.start([&](ExportJobRunner::Progress& progress) -> QStringList {
            try {
                gate.pass();
                for (;;) // a job that would never end on its own
                    progress.report(0.5);
            } catch (const JobCancelled&) {
                stopped = true;
                throw;
            }
        });
        ASSERT_TRUE(waitUntil([&] { return gate.entered.load(); }));
        gate.open = true;
    }
    EXPECT_TRUE(stopped.load());
}

} // namespace
} // namespace vae
