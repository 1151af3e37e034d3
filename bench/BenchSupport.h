#pragma once

#include <QElapsedTimer>

#include <functional>
#include <vector>

namespace vae::bench {

// Sleeps in the event loop between events, as the window's GUI thread does (polling would take a
// core from the work being measured), until `done` or the timeout; returns done().
bool waitFor(const std::function<bool()>& done, int timeoutMilliseconds);
void pumpEvents(int milliseconds);

double median(std::vector<double> values);
double quantile(std::vector<double> values, double q); // q in [0, 1], the nearest rank
double milliseconds(const QElapsedTimer& timer);

} // namespace vae::bench
