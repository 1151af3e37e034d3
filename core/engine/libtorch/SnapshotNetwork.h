#pragma once

#include "core/engine/ModelSnapshot.h"
#include "core/engine/libtorch/VaeNetwork.h"

namespace vae {

struct SnapshotNetwork {
    VaeNetwork network;
    TrainingConfig config;
    int channels;
    int height;
    int width;
    std::int64_t step;
};

// The copied network of a snapshot, to run forward passes on: they leave it as it is, but
// LibTorch's modules have no const forward.
inline VaeNetworkImpl& forwardNetwork(const ModelSnapshot& model)
{
    return *model.network().network.ptr();
}

// A deep copy of `network` in evaluation mode, for a ModelSnapshot.
std::unique_ptr<SnapshotNetwork> copyNetwork(const VaeNetwork& network, const TrainingConfig& config, int channels,
                                             int height, int width, std::int64_t step);

} // namespace vae
