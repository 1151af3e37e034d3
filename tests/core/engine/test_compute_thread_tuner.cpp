#include "core/engine/ComputeThreadTuner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace vae;

namespace {

constexpr int batch = 128;

// Step times of the reference model on 2 cores, in seconds per step of 128 images.
constexpr double quietTwoThreads = 0.0036;
constexpr double quietOneThread = 0.0058;
constexpr double loadedTwoThreads = 0.021;
constexpr double loadedOneThread = 0.0058;

// How long a step takes with a given thread count.
using Machine = std::function<double(int threads)>;

Machine quiet()
{
    return [](int threads) { return threads == 1 ? quietOneThread : quietTwoThreads; };
}

Machine loaded()
{
    return [](int threads) { return threads == 1 ? loadedOneThread : loadedTwoThreads; };
}

// Trains `steps` steps on `machine` as the tuner says; returns the thread count of each step.
std::vector<int> train(ComputeThreadTuner& tuner, const Machine& machine, int steps)
{
    std::vector<int> used;
    for (int i = 0; i < steps; ++i) {
        used.push_back(tuner.threads());
        tuner.recordStep(machine(used.back()), batch);
    }
    return used;
}

int stepsWith(const std::vector<int>& used, int threads)
{
    return int(std::count(used.begin(), used.end(), threads));
}

// Where each probe of one thread began, in seconds of training on `machine`.
std::vector<double> probeStarts(const std::vector<int>& used, const Machine& machine)
{
    std::vector<double> starts;
    double time = 0;
    for (std::size_t i = 0; i < used.size(); ++i) {
        if (used[i] == 1 && (i == 0 || used[i - 1] != 1))
            starts.push_back(time);
        time += machine(used[i]);
    }
    return starts;
}

} // namespace

TEST(ComputeThreadTuner, StartsWithOneThreadPerCore)
{
    ComputeThreadTuner tuner(2);
    EXPECT_EQ(tuner.threads(), 2);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, KeepsOneThreadWhenItsProbeRunsFasterBesideABusyProgram)
{
    ComputeThreadTuner tuner(2);
    const std::vector<int> used = train(tuner, loaded(), 30);
    EXPECT_EQ(used.front(), 2);
    EXPECT_EQ(tuner.threads(), 1);
    EXPECT_EQ(tuner.keptThreads(), 1);
    // A settling step and eight measured ones at the start, then one thread throughout.
    EXPECT_EQ(stepsWith(used, 2), 9);
}

TEST(ComputeThreadTuner, KeepsEveryCoreOnAQuietMachineAndProbesLessAndLessOften)
{
    ComputeThreadTuner tuner(2);
    const Machine machine = quiet();
    const std::vector<int> used = train(tuner, machine, 12'000); // about 45 s of training
    EXPECT_EQ(tuner.threads(), 2);
    const std::vector<double> starts = probeStarts(used, machine);
    ASSERT_GE(starts.size(), 6u);
    // The first probe as soon as two threads are measured; then each probe that changed nothing
    // doubles the interval, up to 8 s.
    EXPECT_LT(starts[0], 0.1);
    const std::vector<double> expectedGaps{2, 4, 8, 8};
    for (std::size_t i = 0; i < expectedGaps.size(); ++i)
        EXPECT_NEAR(starts[i + 1] - starts[i], expectedGaps[i], 0.1) << "gap " << i;
    // The probes cost the quiet machine little: one step in a hundred runs with one thread.
    EXPECT_LT(stepsWith(used, 1), int(used.size()) / 100);
}

TEST(ComputeThreadTuner, ReturnsToEveryCoreWhenTheOtherProgramStops)
{
    ComputeThreadTuner tuner(2);
    train(tuner, loaded(), 30);
    ASSERT_EQ(tuner.threads(), 1);
    // The next probe comes a second of training after the change to one thread.
    train(tuner, quiet(), 200);
    EXPECT_EQ(tuner.threads(), 2);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TriesMoreThreadsOnlyWhenTheMachineHadACoreIdle)
{
    double idleCores = 0;
    int looks = 0;
    ComputeThreadTuner tuner(2, [&] {
        ++looks;
        return idleCores;
    });
    train(tuner, loaded(), 30);
    ASSERT_EQ(tuner.threads(), 1);
    // Beside the busy program no core is idle: a probe with two threads could only cost.
    const std::vector<int> busy = train(tuner, loaded(), 3000);
    EXPECT_EQ(stepsWith(busy, 2), 0);
    EXPECT_GT(looks, 10);
    idleCores = 0.9;
    train(tuner, quiet(), 200);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TriesMoreThreadsWhenTheIdleCoresAreUnknown)
{
    ComputeThreadTuner tuner(2, [] { return -1.0; });
    train(tuner, loaded(), 30);
    ASSERT_EQ(tuner.threads(), 1);
    train(tuner, quiet(), 200);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, DuringAProbeTheEvaluationKeepsTheCountKept)
{
    ComputeThreadTuner tuner(2);
    train(tuner, quiet(), 9);
    ASSERT_EQ(tuner.threads(), 1);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, AGainBelowTheRequiredOneChangesNothing)
{
    ComputeThreadTuner tuner(2);
    train(
        tuner, [](int threads) { return threads == 1 ? 0.0098 : 0.0100; }, 30);
    EXPECT_EQ(tuner.threads(), 2);
}

TEST(ComputeThreadTuner, AFewOutlierStepsDoNotDecide)
{
    ComputeThreadTuner tuner(2);
    train(tuner, loaded(), 10);
    ASSERT_EQ(tuner.threads(), 1);
    tuner.recordStep(1.0, batch);
    tuner.recordStep(1.0, batch);
    train(tuner, loaded(), 4);
    EXPECT_EQ(tuner.keptThreads(), 2);
    train(tuner, loaded(), 1);
    EXPECT_EQ(tuner.keptThreads(), 1);
}

TEST(ComputeThreadTuner, ComparesTimePerImageSoASmallLastBatchDoesNotLookFast)
{
    ComputeThreadTuner tuner(2);
    train(tuner, quiet(), 9);
    ASSERT_EQ(tuner.threads(), 1);
    // An epoch's last batch of 16 images takes less time per step but more per image.
    for (int i = 0; i < 10; ++i)
        tuner.recordStep(quietOneThread / 4, batch / 8);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, ProbesBothNeighboursOnMoreCores)
{
    ComputeThreadTuner tuner(8);
    // Fastest with 6 threads: two cores are taken by other programs.
    const Machine machine = [](int threads) { return 0.01 + 0.002 * std::abs(threads - 6); };
    train(tuner, machine, 20'000);
    EXPECT_EQ(tuner.keptThreads(), 6);
}

TEST(ComputeThreadTuner, NeverChangesOnOneCore)
{
    ComputeThreadTuner tuner(1);
    const std::vector<int> used = train(tuner, loaded(), 100);
    EXPECT_EQ(stepsWith(used, 1), 100);
}
