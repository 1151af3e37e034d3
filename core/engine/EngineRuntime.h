#pragma once

#include <QString>

namespace vae {

// What the engine runs on, torch-free for the window and the command line.

// The LibTorch version the engine was compiled against, e.g. "1.13.0", for the About box.
QString torchVersion();

// Which BLAS library LibTorch is using, and whether it is the slow reference implementation.
struct BlasInfo {
    QString library;
    bool isReference = false;
};
BlasInfo detectBlas();

// Sets LibTorch's intra-op thread count for the calling thread (it can start at 1 on this platform).
void setComputeThreads(int threads);

} // namespace vae
