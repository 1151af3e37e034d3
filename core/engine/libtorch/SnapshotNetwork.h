#pragma once

#include "core/engine/libtorch/VaeNetwork.h"

namespace vae {

struct SnapshotNetwork {
    VaeNetwork network;
    int channels;
    int height;
    int width;
    std::int64_t step;
};

// A deep copy of `network` in evaluation mode, for a ModelSnapshot.
std::unique_ptr<SnapshotNetwork> copyNetwork(const VaeNetwork& network, const TrainingConfig& config, int channels,
                                             int height, int width, std::int64_t step);

} // namespace vae
