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

// How many cores of the machine stood idle between two readings, on average.
double idleCoresBetween(const CpuTimes& before, const CpuTimes& after, int cores);

// Measures the machine's idle cores from call to call (Linux; elsewhere it knows nothing).
class IdleCoreMeter {
public:
    IdleCoreMeter();
    // The average since the previous call (or since construction); negative when unknown.
    double idleCoresSinceLastCall();

private:
    std::optional<CpuTimes> last_;
    int cores_;
};

} // namespace vae
