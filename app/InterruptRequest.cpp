#include "app/InterruptRequest.h"

#include <atomic>
#include <csignal>

namespace vae {
namespace {

std::atomic<bool> interruptRequested{false};

extern "C" void requestInterrupt(int)
{
    interruptRequested.store(true);
}

} // namespace

InterruptRequest::InterruptRequest()
{
    interruptRequested.store(false);
    std::signal(SIGINT, requestInterrupt);
    std::signal(SIGTERM, requestInterrupt);
}

InterruptRequest::~InterruptRequest()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

bool InterruptRequest::requested() const
{
    return interruptRequested.load();
}

} // namespace vae
