#pragma once

namespace vae {

// The CPU time the calling thread has used, in seconds: what a background job takes from the
// cores it shares with training, whatever the wall clock says on a busy machine. Falls back to
// the process's CPU time where threads have no clock of their own.
double threadCpuSeconds();

} // namespace vae
