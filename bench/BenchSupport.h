#pragma once

#include "core/run/TrainingConfig.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace vae::bench {

// What the C++ benchmarks share.

// A benchmark's QApplication, named `name`: offscreen unless a platform is set, with settings and
// data folders in a throwaway folder, so that it neither reads nor changes the user's.
class BenchApplication {
public:
    BenchApplication(int& argc, char** argv, const QString& name);
    QApplication& app() { return *app_; }
    // The throwaway folder, for what the benchmark writes.
    QDir scratch() const { return QDir(scratch_.path()); }

private:
    QTemporaryDir scratch_;
    std::unique_ptr<QApplication> app_;
};

// The reference configuration: Fashion-MNIST's 784-400-20 ReLU MLP, Bernoulli, Adam 1e-3, batch
// 128, epochs enough never to finish.
TrainingConfig referenceConfig();

// Runs the event loop until `done` or the timeout, sleeping between events as the window's GUI
// thread does: polling here would take a core from the training and decoding being measured.
bool waitFor(const std::function<bool()>& done, int timeoutMilliseconds);
void pumpEvents(int milliseconds);

double median(std::vector<double> values);
double quantile(std::vector<double> values, double q); // q in [0, 1], the nearest rank
double milliseconds(const QElapsedTimer& timer);

// How late a 5 ms timer fires on the GUI thread: the time a user waits for the window to react.
class LatencyProbe : public QObject {
public:
    LatencyProbe();
    void start();
    void stop() { timer_.stop(); }

    std::vector<double> latenesses; // milliseconds

private:
    static constexpr int intervalMilliseconds = 5;
    QTimer timer_;
    QElapsedTimer clock_;
    double last_ = 0;
};

} // namespace vae::bench
