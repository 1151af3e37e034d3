#pragma once

#include <signal.h> // struct sigaction, which is POSIX, not C++

class QWidget;

namespace vae {

// SIGTERM, SIGINT and SIGHUP close `window` as if the user had (QWidget::close), so a logout,
// Ctrl+C in a terminal or a kill shut down the same clean way: training stops, settings are saved.
void closeOnTerminationSignals(QWidget& window);

// While one lives, SIGINT and SIGTERM raise a flag instead of ending the process, so a headless
// command can stop between steps, save, and exit 130. The handlers from before come back after it.
class InterruptFlag {
public:
    InterruptFlag();
    ~InterruptFlag();
    InterruptFlag(const InterruptFlag&) = delete;
    InterruptFlag& operator=(const InterruptFlag&) = delete;

    bool isRaised() const;

private:
    struct sigaction previousInterrupt_ = {};
    struct sigaction previousTerminate_ = {};
};

} // namespace vae
