#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>

namespace vae {

// Sizes computed from a file's header can be absurd; saturating keeps "header says more bytes than
// the file has" true instead of letting the product wrap around to a small, matching number.
inline std::uint64_t saturatingProduct(std::initializer_list<std::uint64_t> factors)
{
    constexpr std::uint64_t maximum = std::numeric_limits<std::uint64_t>::max();
    for (std::uint64_t factor : factors)
        if (factor == 0)
            return 0;
    std::uint64_t product = 1;
    for (std::uint64_t factor : factors) {
        if (product > maximum / factor)
            return maximum;
        product *= factor;
    }
    return product;
}

} // namespace vae
