#include "tests/support/trained_model_fixture.h"

#include "core/session/LatestJobRunner.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

namespace vae {
namespace {

using testing::waitUntil;

// A job that holds the runner's thread until released, so the test decides what happens meanwhile.
struct Gate {
    std::atomic<bool> entered{false};
    std::atomic<bool> open{false};

    QString pass(const QString& name)
    {
        entered = true;
        while (!open)
            std::this_thread::yield();
        return name;
    }
};

TEST(LatestJobRunner, ALaterRequestReplacesTheOneWaitingAndTheRunningOneStillAnswers)
{
    LatestJobRunner runner(QStringLiteral("testing"));
    QStringList answers;
    const auto record = [&](const QString& name) { answers << name; };
    Gate gate;
    runner.run([&] { return gate.pass(QStringLiteral("first")); }, record);
    ASSERT_TRUE(waitUntil([&] { return gate.entered.load(); }));
    runner.run([] { return QStringLiteral("second"); }, record);
    runner.run([] { return QStringLiteral("third"); }, record);
    EXPECT_TRUE(runner.busy());
    gate.open = true;
    ASSERT_TRUE(waitUntil([&] { return !runner.busy(); }));
    EXPECT_EQ(answers, (QStringList{QStringLiteral("first"), QStringLiteral("third")}));
}

TEST(LatestJobRunner, InvalidateDropsTheStaleReplyOfTheRunningJob)
{
    LatestJobRunner runner(QStringLiteral("testing"));
    QStringList answers;
    const auto record = [&](const QString& name) { answers << name; };
    Gate gate;
    runner.run([&] { return gate.pass(QStringLiteral("stale")); }, record);
    ASSERT_TRUE(waitUntil([&] { return gate.entered.load(); }));
    runner.run([] { return QStringLiteral("also stale"); }, record);
    runner.invalidate();
    runner.run([] { return QStringLiteral("fresh"); }, record);
    gate.open = true;
    ASSERT_TRUE(waitUntil([&] { return !runner.busy(); }));
    EXPECT_EQ(answers, QStringList{QStringLiteral("fresh")});
}

TEST(LatestJobRunner, AThrowingJobBecomesAFailureNamingTheTask)
{
    LatestJobRunner runner(QStringLiteral("decoding the test grid"));
    QSignalSpy failures(&runner, &LatestJobRunner::failed);
    bool delivered = false;
    runner.run([]() -> int { throw std::runtime_error("shape mismatch\nwith a long trace"); },
               [&](int) { delivered = true; });
    ASSERT_TRUE(waitUntil([&] { return !runner.busy(); }));
    ASSERT_EQ(failures.count(), 1);
    EXPECT_EQ(failures.front().front().toString(), QStringLiteral("decoding the test grid failed: shape mismatch"));
    EXPECT_FALSE(delivered);
    // The runner keeps working after a failure.
    runner.run([] { return 7; }, [&](int value) { delivered = value == 7; });
    ASSERT_TRUE(waitUntil([&] { return !runner.busy(); }));
    EXPECT_TRUE(delivered);
}

} // namespace
} // namespace vae
