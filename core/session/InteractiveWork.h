#pragma once

#include <chrono>

namespace vae {

// The views' interactive jobs (the grid, the cursor's image) go before the window's training:
// while one runs, the training thread waits between two steps instead of competing with it for
// the cores, up to a bound so that continuous dragging still lets training through. This
// replaces a lower priority for the training thread, which starved training whenever any other
// program was busy. Process-wide, as the cores are.
class InteractiveWork {
public:
    // Marks one interactive job as running for the scope's lifetime.
    class Scope {
    public:
        Scope();
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
    };

    // Blocks the calling (training) thread while an interactive job runs, at most `limit`.
    static void yieldTo(std::chrono::milliseconds limit);
};

} // namespace vae
