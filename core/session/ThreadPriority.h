#pragma once

namespace vae {

// Makes the calling thread yield the cores to threads at normal priority when they compete (on
// Linux, nice +10 for this thread alone), and to the threads it starts from now on, such as
// LibTorch's OpenMP team. For work that can wait, such as encoding the test set for the scatter.
// Not for training: at nice +10 it nearly stopped whenever another program was busy (an epoch that
// takes 3 s alone took over 280 s beside a build); InteractiveWork gives the views precedence
// instead.
void lowerCurrentThreadPriority();

} // namespace vae
