#pragma once

namespace vae {

// vae-explorer [--dataset D] [--start]: the window, on D or else on the dataset of the last
// session (the default dataset the first time). vae-explorer FILE.vae [--dataset D]: the window
// on a saved model, to explore without training. Needs a display, unlike the headless commands.
int runGui(int& argc, char** argv);

} // namespace vae
