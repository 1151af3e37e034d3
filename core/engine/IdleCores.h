#pragma once

#include <optional>
#include <string>

namespace vae {

// The time all the machine's cores have spent, in the kernel's clock ticks (/proc/stat's first line).
struct CpuTimes {
    double total = 0;
    double idle = 0; // idle or waiting for a disk: time another thread could have had
};

// Reads the "cpu ..." line of /proc/stat; nothing for any other text.
std::optional<CpuTimes> parseCpuTimes(const std::string& line);

// The ticks per core two readings must be apart to tell anything: the kernel counts in 10 ms ticks,
// and over 50 ms (about 10 ticks on 2 cores) a quiet machine read as 0.00 idle cores.
constexpr double ticksPerCoreToTell = 20;

// How many cores of the machine stood idle between two readings, on average; NaN when they are
// fewer than ticksPerCoreToTell ticks per core apart.
double idleCoresBetween(const CpuTimes& before, const CpuTimes& after, int cores);

// Measures the machine's idle cores from call to call (Linux; elsewhere it knows nothing).
class IdleCoreMeter {
public:
    IdleCoreMeter();
    // The average since the previous call that told something (or since construction or the last
    // restart); NaN when too little time has passed to tell, negative when unknown.
    double idleCoresSinceLastCall();
    // The next call covers only the time from now.
    void restart();

private:
    std::optional<CpuTimes> last_;
    int cores_;
};

} // namespace vae
