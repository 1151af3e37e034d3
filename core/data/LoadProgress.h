#pragma once

#include <exception>
#include <functional>

namespace vae {

// How a long load (an image folder of many files) tells how far it is and learns that it should
// stop. Both are called on the loading thread, a few times a second; either may be empty.
struct LoadProgress {
    std::function<void(int done, int total)> report;
    std::function<bool()> cancelRequested;
};

// Thrown by a load that stopped because cancelRequested() said so: no message to show anyone.
class LoadCancelled : public std::exception {
public:
    const char* what() const noexcept override { return "dataset loading cancelled"; }
};

} // namespace vae
