#pragma once

namespace vae {

// Makes the calling thread yield the cores to threads at normal priority when they compete (on
// Linux, nice +10 for this thread alone), and to the threads it starts from now on, such as
// LibTorch's OpenMP team. For the window's training thread: with both cores training, the GUI and
// the latent views' decoding would otherwise wait for time slices (a 20 x 20 grid took three
// times as long to decode; bench/latent_bench). Alone, the thread runs as fast as before.
void lowerCurrentThreadPriority();

} // namespace vae
