#pragma once

#include <stdexcept>
#include <string>

namespace vae {

// Thrown for anything wrong with what the user handed us: a file, a shape, a setting.
// The command line maps it to exit code 2; the window shows its message and carries on.
// The message names the file (when there is one) and the problem, in one line.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace vae
