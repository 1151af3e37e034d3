#pragma once

#include <stdexcept>

namespace vae {

// Thrown when an interrupt check says stop in the middle of an evaluation or an estimate; whatever
// was being computed is dropped, and a Trainer is left as before the call (an epoch whose
// evaluation was interrupted stays pending).
class EvaluationInterrupted : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace vae
