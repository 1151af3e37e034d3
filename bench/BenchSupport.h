#pragma once

#include "core/run/TrainingConfig.h"

#include <QElapsedTimer>

#include <functional>
#include <vector>

namespace vae::bench {

// What the C++ benchmarks share.

// The reference configuration: Fashion-MNIST's 784-400-20 ReLU MLP, Bernoulli, Adam 1e-3, batch
// 128, epochs enough never to finish.
TrainingConfig referenceConfig();

// Runs the event loop until `done` or the timeout, sleeping between events as the window's GUI
// thread does: polling here would take a core from the training and decoding being measured.
bool waitFor(const std::function<bool()>& done, int timeoutMilliseconds);
void pumpEvents(int milliseconds);

double median(std::vector<double> values);
double milliseconds(const QElapsedTimer& timer);

} // namespace vae::bench
