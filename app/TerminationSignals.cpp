#include "app/TerminationSignals.h"

#include <QSocketNotifier>
#include <QWidget>

#include <atomic>
#include <sys/socket.h>
#include <unistd.h>

namespace vae {
namespace {

// sigaction rather than signal(), whose meaning differs between systems (whether the handler
// stays installed, whether interrupted system calls restart).
void handleSignal(int signal, void (*handler)(int), struct sigaction* previous = nullptr)
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(signal, &action, previous);
}

// A signal handler may call almost nothing; it writes a byte that the event loop then reads
// (the self-pipe pattern from Qt's "Calling Qt Functions From Unix Signal Handlers").
int signalSockets[2] = {-1, -1};

extern "C" void forwardSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalSockets[0], &byte, sizeof byte);
}

// Lock-free, so a signal handler may store to it.
std::atomic<bool> interruptRaised{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void raiseInterrupt(int)
{
    interruptRaised.store(true);
}

} // namespace

void closeOnTerminationSignals(QWidget& window)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalSockets) != 0)
        return; // the window still closes normally; only the signals keep their default action
    auto* notifier = new QSocketNotifier(signalSockets[1], QSocketNotifier::Read, &window);
    QObject::connect(notifier, &QSocketNotifier::activated, &window, [&window] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(signalSockets[1], &byte, sizeof byte);
        window.close();
    });
    for (int signal : {SIGTERM, SIGINT, SIGHUP})
        handleSignal(signal, forwardSignal);
}

InterruptFlag::InterruptFlag()
{
    interruptRaised.store(false);
    handleSignal(SIGINT, raiseInterrupt, &previousInterrupt_);
    handleSignal(SIGTERM, raiseInterrupt, &previousTerminate_);
}

InterruptFlag::~InterruptFlag()
{
    ::sigaction(SIGINT, &previousInterrupt_, nullptr);
    ::sigaction(SIGTERM, &previousTerminate_, nullptr);
}

bool InterruptFlag::isRaised() const
{
    return interruptRaised.load();
}

} // namespace vae
