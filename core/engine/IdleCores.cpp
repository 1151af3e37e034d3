#include "core/engine/IdleCores.h"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace vae {
namespace {

std::optional<CpuTimes> readCpuTimes()
{
    std::ifstream stat("/proc/stat");
    std::string line;
    if (!std::getline(stat, line))
        return std::nullopt;
    return parseCpuTimes(line);
}

} // namespace

std::optional<CpuTimes> parseCpuTimes(const std::string& line)
{
    std::istringstream fields(line);
    std::string label;
    fields >> label;
    if (label != "cpu")
        return std::nullopt;
    // user nice system idle iowait irq softirq steal; guest time is counted in user already.
    double ticks[8] = {};
    for (double& tick : ticks)
        if (!(fields >> tick))
            return std::nullopt;
    CpuTimes times;
    for (double tick : ticks)
        times.total += tick;
    times.idle = ticks[3] + ticks[4];
    return times;
}

double idleCoresBetween(const CpuTimes& before, const CpuTimes& after, int cores)
{
    const double total = after.total - before.total;
    if (total < ticksPerCoreToTell * std::max(1, cores))
        return std::nan("");
    return double(cores) * (after.idle - before.idle) / total;
}

IdleCoreMeter::IdleCoreMeter()
    : last_(readCpuTimes())
    , cores_(QThread::idealThreadCount())
{
}

double IdleCoreMeter::idleCoresSinceLastCall()
{
    const std::optional<CpuTimes> now = readCpuTimes();
    const double idle = last_ && now ? idleCoresBetween(*last_, *now, cores_) : -1;
    if (!std::isnan(idle))
        last_ = now;
    return idle;
}

void IdleCoreMeter::restart()
{
    last_ = readCpuTimes();
}

} // namespace vae
