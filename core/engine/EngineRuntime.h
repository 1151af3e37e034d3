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
// What the window and the command line warn when `blas` is the reference implementation: which
// library, what it costs, the fix. Empty for any other BLAS.
QString slowBlasWarning(const BlasInfo& blas);

// Sets LibTorch's intra-op thread count for the calling thread (it can start at 1 on this platform).
void setComputeThreads(int threads);
// The intra-op thread count of the calling thread.
int computeThreads();

} // namespace vae
