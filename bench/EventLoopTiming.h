#pragma once

// What the window benchmarks share: waiting in the event loop, and how late the loop answers.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <vector>

namespace vae::bench {

// Runs the event loop, blocked as the window's would be, until `done` or the timeout.
inline bool waitFor(const std::function<bool()>& done, int timeoutMilliseconds)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(10);
    QTimer::singleShot(timeoutMilliseconds, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

inline double quantile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[std::size_t(q * double(values.size() - 1))];
}

// How late a 5 ms timer fires on the GUI thread: the time a user waits for the window to react.
class LatencyProbe : public QObject {
public:
    LatencyProbe()
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(intervalMilliseconds);
        QObject::connect(&timer_, &QTimer::timeout, this, [this] {
            const double now = double(clock_.nsecsElapsed()) * 1e-6;
            latenesses.push_back(std::max(0.0, now - last_ - intervalMilliseconds));
            last_ = now;
        });
    }
    void start()
    {
        clock_.start();
        last_ = 0;
        timer_.start();
    }
    void stop() { timer_.stop(); }

    std::vector<double> latenesses;

private:
    static constexpr int intervalMilliseconds = 5;
    QTimer timer_;
    QElapsedTimer clock_;
    double last_ = 0;
};

} // namespace vae::bench
