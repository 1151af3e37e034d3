#pragma once

#include "core/data/SanitizerHandOff.h"

#include <ATen/Parallel.h>

#include <cstdint>

namespace vae {

// at::parallel_for for the project's own loops. OpenMP orders the chunks after the call and the
// return after every chunk with libgomp's barriers, which ThreadSanitizer cannot see; this states
// those orderings (rule "Hand-offs the sanitizer can see") and is at::parallel_for otherwise.
template <typename Body>
void parallelFor(std::int64_t begin, std::int64_t end, std::int64_t grain, const Body& body)
{
    const char token = 0;
    releaseHandOff(&token);
    at::parallel_for(begin, end, grain, [&](std::int64_t chunkBegin, std::int64_t chunkEnd) {
        acquireHandOff(&token);
        body(chunkBegin, chunkEnd);
        releaseHandOff(&token);
    });
    acquireHandOff(&token);
}

} // namespace vae
