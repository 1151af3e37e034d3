#include "core/engine/ComputeThreadTuner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <utility>
#include <vector>

using namespace vae;

namespace {

constexpr int batch = 128;

// Step times of the reference model on 2 cores, in seconds per step of 128 images.
constexpr double quietTwoThreads = 0.0036;
constexpr double quietOneThread = 0.0058;
constexpr double loadedTwoThreads = 0.021;
constexpr double loadedOneThread = 0.0058;
// Steps ignored when a count runs for the first time, and after any later change.
constexpr int firstUseSettle = ComputeThreadTuner::Schedule{}.firstUseSettleSteps;
// Steps ignored when a probe puts a thread on a core that stood idle.
constexpr int wakeSettle = ComputeThreadTuner::Schedule{}.wakeSettleSteps;
constexpr int settle = ComputeThreadTuner::Schedule{}.settleSteps;

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

// The whole machine's idle cores as the tuner would read them.
ComputeThreadTuner::IdleCores idleCores(double cores)
{
    return {[cores] { return cores; }, [] {}};
}

// A machine's idle cores as /proc/stat tells them, averaged from look to look: on 2 cores, the
// tuner's own team of two leaves none idle.
class TwoCoreMeter {
public:
    void ran(int threads, double seconds)
    {
        seconds_ += seconds;
        idleSeconds_ += threads == 1 ? seconds : 0;
    }
    ComputeThreadTuner::IdleCores idleCores()
    {
        return {[this] { return std::exchange(idleSeconds_, 0) / std::exchange(seconds_, 0); },
                [this] { idleSeconds_ = seconds_ = 0; }};
    }

private:
    double seconds_ = 0;
    double idleSeconds_ = 0;
};

TEST(ComputeThreadTuner, StartsWithOneThreadAndTakesEveryCoreOfAQuietMachineWithinAFewSteps)
{
    ComputeThreadTuner tuner(2, idleCores(1.0));
    EXPECT_EQ(tuner.threads(), 1);
    const std::vector<int> used = train(tuner, quiet(), 100);
    EXPECT_EQ(tuner.keptThreads(), 2);
    // A settling step and eight measured ones, then the probe: a settling step and five that win.
    EXPECT_EQ(stepsWith(used, 1), 9);
    EXPECT_EQ(std::vector<int>(used.begin() + 9, used.end()), std::vector<int>(91, 2));
}

TEST(ComputeThreadTuner, BesideABusyProgramTriesMoreThreadsOnlyEvery16Seconds)
{
    int looks = 0;
    const auto noCoreIdle = [&] {
        ++looks;
        return 0.0;
    };
    ComputeThreadTuner tuner(2, {noCoreIdle, [] {}});
    // About 35 s of training with no core idle: two probes with two threads, each lost after its
    // settling steps and four slower ones.
    const std::vector<int> used = train(tuner, loaded(), 6000);
    EXPECT_EQ(stepsWith(used, 2), firstUseSettle + 4 + settle + 4);
    EXPECT_EQ(tuner.keptThreads(), 1);
    EXPECT_GT(looks, 20);
}

TEST(ComputeThreadTuner, AmongManyBusyProgramsStillFindsThatATeamGetsMore)
{
    ComputeThreadTuner tuner(2, idleCores(0));
    // Each thread gets its share of a crowded machine: two threads get twice the share.
    const Machine crowded = [](int threads) { return threads == 1 ? 0.020 : 0.012; };
    train(tuner, crowded, 500); // 10 s
    EXPECT_EQ(tuner.keptThreads(), 1);
    train(tuner, crowded, 500);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TakesTheSecondCoreWhenTheOtherProgramStops)
{
    double idle = 0;
    ComputeThreadTuner tuner(2, {[&] { return idle; }, [] {}});
    train(tuner, loaded(), 300);
    ASSERT_EQ(tuner.threads(), 1);
    idle = 0.9;
    // Within the second of training after which the tuner looks again.
    train(tuner, quiet(), 200);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, ReturnsToOneThreadWhenAProgramStartsBesideIt)
{
    ComputeThreadTuner tuner(2, idleCores(0));
    train(tuner, quiet(), 9);
    ASSERT_EQ(tuner.threads(), 1); // without an idle core it does not even try
    ComputeThreadTuner climbed(2, idleCores(1.0));
    train(climbed, quiet(), 100);
    ASSERT_EQ(climbed.keptThreads(), 2);
    // Fewer threads are tried without looking at the machine, a second of training after the change.
    train(climbed, loaded(), 60);
    EXPECT_EQ(climbed.keptThreads(), 1);
}

TEST(ComputeThreadTuner, KeepsEveryCoreOnAQuietMachineAndProbesLessAndLessOften)
{
    ComputeThreadTuner tuner(2, idleCores(1.0));
    const Machine machine = quiet();
    const std::vector<int> used = train(tuner, machine, 12'000); // about 45 s of training
    EXPECT_EQ(tuner.threads(), 2);
    std::vector<double> starts = probeStarts(used, machine);
    ASSERT_GE(starts.size(), 7u);
    EXPECT_LT(starts[1], 1.2); // a second after taking the second core
    // Each probe that changed nothing doubles the interval, up to 8 s.
    const std::vector<double> expectedGaps{2, 4, 8, 8};
    for (std::size_t i = 0; i < expectedGaps.size(); ++i)
        EXPECT_NEAR(starts[i + 2] - starts[i + 1], expectedGaps[i], 0.1) << "gap " << i;
    // The probes cost the quiet machine little: one step in a hundred runs with one thread.
    EXPECT_LT(stepsWith(used, 1), int(used.size()) / 100);
}

TEST(ComputeThreadTuner, AsksAgainAtTheNextStepWhileTheIdleCoresCannotBeToldYet)
{
    int looks = 0;
    ComputeThreadTuner tuner(2, {[&] { return ++looks <= 2 ? std::nan("") : 1.0; }, [] {}});
    const std::vector<int> used = train(tuner, quiet(), 100);
    // Eight measured steps, two looks too early to tell, then the probe: not a second later.
    EXPECT_EQ(stepsWith(used, 1), 11);
    EXPECT_EQ(looks, 3);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TheTimeItsOwnTeamRanDoesNotReadAsAnotherProgramsWhenItLooksForACore)
{
    // A quiet machine whose two-thread steps turn slow for a while (another guest of the host
    // takes the second core's time) until one thread wins a probe. The seconds the team ran
    // before, read as the machine's, would show no core idle and put off the next try by one
    // more interval.
    TwoCoreMeter meter;
    ComputeThreadTuner tuner(2, meter.idleCores());
    double time = 0;
    auto trainUntil = [&](const std::function<bool()>& done, const Machine& machine) {
        while (!done()) {
            const int threads = tuner.threads();
            const double step = machine(threads);
            meter.ran(threads, step);
            tuner.recordStep(step, batch);
            time += step;
        }
    };
    const auto trainFor = [&](double seconds, const Machine& machine) {
        const double end = time + seconds;
        trainUntil([&] { return time >= end; }, machine);
    };
    trainFor(3, quiet());
    ASSERT_EQ(tuner.keptThreads(), 2);
    trainUntil([&] { return tuner.keptThreads() == 1 || time > 60; },
               [](int threads) { return threads == 1 ? quietOneThread : 2 * quietOneThread; });
    ASSERT_EQ(tuner.keptThreads(), 1);
    // The next look comes an interval (a second) after that probe, and finds the core idle.
    trainFor(1.5, quiet());
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TriesMoreThreadsWhenTheIdleCoresAreUnknown)
{
    ComputeThreadTuner tuner(2, idleCores(-1));
    train(tuner, quiet(), 100);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, DuringAProbeTheEvaluationKeepsTheCountKept)
{
    ComputeThreadTuner tuner(2);
    train(tuner, quiet(), 9);
    ASSERT_EQ(tuner.threads(), 2);
    EXPECT_EQ(tuner.keptThreads(), 1);
}

TEST(ComputeThreadTuner, AGainBelowTheRequiredOneChangesNothing)
{
    ComputeThreadTuner tuner(2);
    train(
        tuner, [](int threads) { return threads == 2 ? 0.0098 : 0.0100; }, 30);
    EXPECT_EQ(tuner.threads(), 1);
    EXPECT_EQ(tuner.keptThreads(), 1);
}

TEST(ComputeThreadTuner, AFewOutlierStepsDoNotDecide)
{
    ComputeThreadTuner tuner(2);
    train(tuner, quiet(), 9 + firstUseSettle);
    ASSERT_EQ(tuner.threads(), 2);
    tuner.recordStep(1.0, batch);
    tuner.recordStep(1.0, batch);
    train(tuner, quiet(), 4);
    EXPECT_EQ(tuner.keptThreads(), 1);
    train(tuner, quiet(), 1);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TheSlowFirstStepsOfANewTeamDoNotDecide)
{
    ComputeThreadTuner tuner(2); // the machine's idle cores unknown: no core known to wake
    train(tuner, quiet(), 9);
    ASSERT_EQ(tuner.threads(), 2);
    // The new thread starts and its buffers fill: slower than one thread, for as long as that lasts.
    for (int i = 0; i < firstUseSettle; ++i)
        tuner.recordStep(2 * quietOneThread, batch);
    train(tuner, quiet(), 5);
    EXPECT_EQ(tuner.keptThreads(), 2);
}

TEST(ComputeThreadTuner, TheSlowFirstStepsOntoACoreThatStoodIdleDoNotDecide)
{
    ComputeThreadTuner tuner(2, idleCores(1.0));
    train(tuner, quiet(), 9);
    ASSERT_EQ(tuner.threads(), 2);
    // The idle core wakes: slower than one thread for longer than a new team takes to start.
    ASSERT_GT(wakeSettle, firstUseSettle + 4);
    for (int i = 0; i < wakeSettle; ++i)
        tuner.recordStep(2 * quietOneThread, batch);
    train(tuner, quiet(), 5);
    EXPECT_EQ(tuner.keptThreads(), 2);
    // Beside a busy program, where a slow step costs four times one thread's, a probe settles
    // briefly and ends early.
    ComputeThreadTuner busy(2, idleCores(0));
    const std::vector<int> used = train(busy, loaded(), 3000);
    EXPECT_EQ(stepsWith(used, 2), firstUseSettle + 4);
}

TEST(ComputeThreadTuner, ComparesTimePerImageSoASmallLastBatchDoesNotLookFast)
{
    ComputeThreadTuner tuner(2);
    train(tuner, loaded(), 9);
    ASSERT_EQ(tuner.threads(), 2);
    // An epoch's last batch of 16 images takes less time per step but more per image.
    for (int i = 0; i < 10; ++i)
        tuner.recordStep(loadedOneThread / 4, batch / 8);
    EXPECT_EQ(tuner.keptThreads(), 1);
}

TEST(ComputeThreadTuner, ClimbsToTheBestCountOnMoreCoresAndStaysThere)
{
    ComputeThreadTuner tuner(8);
    // Fastest with 6 threads: two cores are taken by other programs.
    const Machine machine = [](int threads) { return 0.01 + 0.002 * std::abs(threads - 6); };
    train(tuner, machine, 100);
    EXPECT_EQ(tuner.keptThreads(), 6);
    train(tuner, machine, 20'000);
    EXPECT_EQ(tuner.keptThreads(), 6);
}

TEST(ComputeThreadTuner, NeverChangesOnOneCore)
{
    ComputeThreadTuner tuner(1);
    const std::vector<int> used = train(tuner, quiet(), 100);
    EXPECT_EQ(stepsWith(used, 1), 100);
}
