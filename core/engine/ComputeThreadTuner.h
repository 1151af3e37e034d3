#pragma once

#include <functional>
#include <vector>

namespace vae {

// Chooses the compute thread count of a run whose threads setting is "auto" (0), from the speed of
// its own steps. On a quiet machine one thread per core is fastest; beside one other busy program
// a team of as many threads as cores is slower than a single thread, because at every parallel
// region the team waits for the thread whose core the other program holds (on 2 cores: 6,000
// images/s against 22,000). OpenMP's wait policy cannot fix that (it is read when libgomp loads,
// and waiting passively still waits), so the tuner measures instead: it tries a neighbouring count
// for a few steps and keeps whichever ran faster, climbing on while that helps, then tries again
// every so often. It starts with one thread, and tries more at once only when the machine has had
// a core idle, otherwise seldom: beside one busy program a team's steps take four times as long
// (on a crowded machine over a second), so such a probe mostly costs; one thread too few on a
// quiet machine costs a few ms.
// Intervals are counted in training time, the durations the steps report, so it needs no clock.
class ComputeThreadTuner {
public:
    struct Schedule {
        int settleSteps = 1;          // steps ignored after a change: the team wakes up, caches refill
        // Steps ignored the first time a count is used: the team's new threads start, BLAS sets up
        // their buffers, pages fault in. Measured on 2 cores: the first two-thread steps ran at
        // 72 us an image against 55 with one thread and 26 once warm, and lost the first probe.
        int firstUseSettleSteps = 4;
        // Steps ignored when a probe puts a thread on a core that stood idle: the core wakes slowly
        // (its idle state, or the hypervisor's), and a team's first steps on it ran up to twice as
        // slow as one thread for 3 to 8 steps, then 30% faster. Probes onto a busy machine keep
        // the short settling: there each step costs four times as much.
        int wakeSettleSteps = 12;
        int sampleSteps = 8;          // steps whose median time per image measures one count
        double firstInterval = 1.0;   // seconds of training between probes after a change of count
        double longestInterval = 8.0; // the interval doubles after each probe that changes nothing
        double requiredGain = 0.05;   // a probed count must be this much faster to be kept
        double idleCoresToGrow = 0.5; // the idle cores the machine needs for more threads to be tried
        double busyInterval = 16.0;   // how seldom more threads are tried while no core is idle
    };
    // The whole machine's idle cores.
    struct IdleCores {
        // On average since the previous look or restart; negative when unknown, NaN when too
        // little time has passed to tell (the tuner looks again at the next step).
        std::function<double()> look;
        // The next look covers only the time from now. The tuner restarts at each change of its
        // own count: the time its team ran more threads would otherwise read as another
        // program's, and put off taking the core back by an interval.
        std::function<void()> restart;
    };

    // `cores`: the most threads worth trying (one per core). Without `idleCores.look`, more
    // threads are tried as often as fewer.
    explicit ComputeThreadTuner(int cores, IdleCores idleCores = {});
    ComputeThreadTuner(int cores, IdleCores idleCores, Schedule schedule);

    // The count the next training step should use: the one kept, or the one being probed.
    int threads() const { return current_; }
    // The count kept so far, for work that is not a training step (the test evaluation).
    int keptThreads() const { return kept_; }

    // The step just taken with threads() took `seconds` for `images` images.
    void recordStep(double seconds, int images);

private:
    void considerProbing();
    enum class Growth { OntoIdleCore, Try, Defer, AskAgain };
    Growth growthWorthTrying();
    void judgeProbe();
    void switchTo(int threads);

    int cores_;
    IdleCores idleCores_;
    Schedule schedule_;
    int kept_;
    int current_;
    int largestUsed_; // counts up to this one have run before: their threads exist
    int stepsToSettle_;
    std::vector<double> recentSecondsPerImage_; // the last sampleSteps steps at `current_`
    double keptSecondsPerImage_ = 0;            // the kept count's median just before the probe
    bool probing_ = false;
    bool probedOnce_ = false;
    bool climbing_ = false; // the last probe won: try the next count the same way at once
    int direction_ = +1;    // of the next probe: +1 more threads, -1 fewer
    double interval_;
    double sinceProbe_ = 0;
    double busyFor_ = 0; // training seconds over which every look found no core idle
};

} // namespace vae
